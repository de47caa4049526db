import Testing

@testable import Syndication

@Suite struct ExtrasTests {
    @Test func madeUpTagsElementIsKeywords() {
        let feed = parse(rss("<item><tags>tag one, tag two</tags><category>category one</category></item>"))
        #expect(feed.entries[0].categories.map(\.term) == ["tag one", "tag two", "category one"])
    }

    @Test func itemLanguageAndFeedCreated() {
        let feed = parse(
            rss(
                "<item><dc:language>ru</dc:language></item>",
                channel: "<title>T</title><dcterms:created>2003-12-31T10:14:55Z</dcterms:created>",
                namespaces: "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""))
        #expect(feed.entries[0].language == "ru")
        #expect(feed.created?.instant == DateParser.instant(year: 2003, month: 12, day: 31, hour: 10, minute: 14, second: 55))
    }

    @Test func feedburnerBrowserFriendlyIsInfo() {
        let feed = parse(
            rss(
                "", channel: "<title>T</title><feedburner:browserFriendly>Read it in a reader.</feedburner:browserFriendly>",
                namespaces: "xmlns:feedburner=\"http://rssnamespace.org/feedburner/ext/1.0\""))
        #expect(feed.info?.value == "Read it in a reader.")
    }

    @Test func dctermsValidityInTheProjection() {
        let feed = parse(
            rss(
                "", channel: "<dcterms:valid>start=2002-10-13T09:00+01:00;end=2002-10-17T17:00+01:00;scheme=W3C-DTF</dcterms:valid>",
                namespaces: "xmlns:dcterms=\"http://purl.org/dc/terms/\""))
        let json = FeedparserJSON.encode(feed)
        #expect(json["feed"]?["validity_start"] == .string("2002-10-13T09:00+01:00"))
        #expect(json["feed"]?["validity_end_parsed"] == .array([2002, 10, 17, 16, 0, 0, 3, 290, 0].map { .int($0) }))
    }
}

@Suite struct ExtensionProjectionTests {
    func firstEntry(_ xml: String) -> JSONValue? {
        if case .array(let a)? = FeedparserJSON.encode(parse(xml))["entries"] { return a.first }
        return nil
    }

    @Test func mediaGroupIsTransparent() {
        let feed = parse(
            rss(
                "<item><media:group><media:description>In the group</media:description><media:content url=\"https://e.org/v.mp4\"/></media:group></item>",
                namespaces: "xmlns:media=\"http://search.yahoo.com/mrss/\""))
        #expect(feed.entries[0].summary?.value == "In the group")
        #expect(feed.entries[0].extensions.contains { $0.name == "content" && $0.attribute("url") == "https://e.org/v.mp4" })
    }

    @Test func unknownPrefixesAreLowerCasedInKeys() {
        let e = firstEntry(
            #"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:MadeUp="http://madeup.test"><entry><MadeUp:Element>test</MadeUp:Element></entry></feed>"#
        )
        #expect(e?["madeup_element"] == .string("test"))
    }

    @Test func shallowerElementsWinOverNestedOnes() {
        let e = firstEntry(
            #"<feed xmlns="http://www.w3.org/2005/Atom"><entry><abcdefg>Correct</abcdefg><image><abcdefg>Nested</abcdefg></image></entry></feed>"#)
        #expect(e?["abcdefg"] == .string("Correct"))
    }
}
