import Foundation
import Testing

@testable import FeedValidation

/// RSS 2.0 (channel, item, guid, enclosure, image, cloud, textInput, ttl, skipHours/skipDays,
/// RFC 822 dates, e-mail forms) and RSS 1.0 / 0.90.
@Suite struct RSSTests {
    func first(_ xml: String, _ code: String) -> Diagnostic? {
        validate(xml).diagnostics.first { $0.code == code }
    }

    @Test func theChannelNeedsTitleLinkAndDescription() {
        let xml = rss().replacingOccurrences(of: "<description>News</description>", with: "")
        #expect(codes(xml).contains("MissingDescription"))
        #expect(codes("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"></rss>").contains("MissingElement"))
        #expect(codes("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss><channel/></rss>").contains("MissingAttribute"))
    }

    @Test func channelDuplicatesAndUnknownsAreErrors() throws {
        let d = try #require(first(rss(channel: "<title>Twice</title>"), "DuplicateElement"))
        #expect(d.parameter("parent") == "channel")
        #expect(d.parameter("element") == "title")
        #expect(codes(rss(item: "<foo>bar</foo>")).contains("UndefinedElement"))
    }

    @Test(
        arguments: [
            ("Tue, 01 Dec 2026 10:00:00 GMT", nil), ("1 Dec 2026 10:00 +0000", nil), ("01 Dec 2026 10:00:00 EST", nil),
            ("Wed, 01 Dec 2026 10:00:00 GMT", "IncorrectDOW"), ("2026-12-01T10:00:00Z", "InvalidRFC2822Date"),
            ("31 Nov 2026 10:00:00 GMT", "InvalidRFC2822Date"), ("01 Dec 26 10:00:00 GMT", "ProblematicalRFC822Date"),
            ("Tue,01 Dec 2026 10:00:00 GMT", "ProblematicalRFC822Date"),
        ] as [(String, String?)])
    func pubDatesAreRFC822(_ value: String, _ code: String?) {
        let found = codes(rss(item: "<pubDate>\(value)</pubDate>"))
        if let code {
            #expect(found.contains(code), "\(value): \(found)")
        } else {
            #expect(found.isEmpty, "\(value): \(found)")
        }
    }

    @Test(
        arguments: [
            ("desk@example.org (News Desk)", nil), ("desk@example.org", "MissingRealName"),
            ("News Desk <desk@example.org>", "EmailFormat"), ("News Desk", "InvalidContact"),
        ] as [(String, String?)])
    func authorsAreAddresses(_ value: String, _ code: String?) {
        let found = codes(
            rss(item: "<author>\(value.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;"))</author>"))
        #expect(code.map { found.contains($0) } ?? found.isEmpty, "\(value): \(found)")
    }

    @Test func guidsArePermalinksUnlessSaidOtherwiseAndUnique() {
        #expect(
            codes(rss(item: "").replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid>1234</guid>"))
                .contains("InvalidHttpGUID"))
        #expect(
            !codes(
                rss().replacingOccurrences(
                    of: "<guid>http://example.org/1</guid>",
                    with: "<guid isPermaLink=\"false\">agency-2026-12-01-0001</guid>")
            ).contains("InvalidHttpGUID"))
        let twice = rss(channel: "<item><title>B</title><guid>http://example.org/1</guid></item>")
        #expect(codes(twice).contains("DuplicateValue"))
    }

    @Test func enclosuresCloudsAndImagesHaveTheirAttributesAndChildren() {
        #expect(
            codes(rss(item: "<enclosure url=\"http://example.org/a.mp3\" length=\"12.5\" type=\"audio/mpeg\"/>")).contains("InvalidIntegerAttribute"))
        #expect(codes(rss(item: "<enclosure url=\"http://example.org/a.mp3\" length=\"12\"/>")).contains("MissingAttribute"))
        // An enclosure's data is in its attributes: text inside it is not RSS.
        #expect(
            codes(rss(item: "<enclosure url=\"http://example.org/a.jpg\" length=\"1\" type=\"image/jpeg\">A caption</enclosure>"))
                == ["UnexpectedText"])
        #expect(
            codes(rss(channel: "<cloud domain=\"rpc.example.org\" port=\"80\" path=\"/RPC2\" protocol=\"xml-rpc\"/>")).contains("MissingAttribute"))
        #expect(
            codes(
                rss(channel: "<image><url>http://example.org/l.png</url><title>x</title><link>http://example.org/</link><width>500</width></image>")
            ).contains("InvalidWidth"))
        #expect(codes(rss(channel: "<image><url>http://example.org/l.png</url><title>x</title></image>")).contains("MissingLink"))
    }

    @Test func schedulesAndNumbers() {
        #expect(codes(rss(channel: "<ttl>1.5</ttl>")).contains("InvalidInteger"))
        #expect(codes(rss(channel: "<skipHours><hour>12</hour><hour>12</hour></skipHours>")).contains("DuplicateValue"))
        #expect(codes(rss(channel: "<skipDays><day>Someday</day></skipDays>")).contains("InvalidDay"))
        #expect(codes(rss(channel: "<skipDays></skipDays>")).contains("MissingElement"))
        #expect(codes(rss(channel: "<language>english</language>")).contains("InvalidLanguage"))
        #expect(codes(rss(channel: "<docs>www.example.org</docs>")).contains("InvalidFullLink"))
    }

    @Test func theRSSProfileAdvice() {
        let late = rss().replacingOccurrences(of: "</item>\n</channel>", with: "</item>\n<category>late</category>\n</channel>")
        #expect(codes(late).contains("MisplacedItem"))
        #expect(
            codes(rss(channel: "<image><url>http://example.org/l.png</url><title>Other</title><link>http://example.org/</link></image>"))
                .contains("ImageTitleDoesntMatch"))
        let week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Funday"].map { "<day>\($0)</day>" }
        #expect(codes(rss(channel: "<skipDays>\(week.joined())</skipDays>")).contains("EightDaysAWeek"))
        let noSelf = rss().replacingOccurrences(
            of: "<atom:link rel=\"self\" href=\"http://example.org/rss.xml\" type=\"application/rss+xml\"/>", with: "")
        #expect(codes(noSelf).contains("MissingAtomSelfLink"))
        let slash = rss(item: "<slash:comments xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\">3</slash:comments>")
        #expect(codes(slash).contains("SlashDate"))
        #expect(
            codes(
                rss(
                    channel: "<lastBuildDate>Tue, 01 Dec 2026 10:00:00 GMT</lastBuildDate>",
                    item: "<slash:comments xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\">3</slash:comments>")
            ).isEmpty)
    }

    @Test func prefixesAreWhatReadersExpect() {
        let reserved = rss().replacingOccurrences(
            of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" xmlns:dc=\"http://example.com/not-dublin-core/\"")
        #expect(codes(reserved).contains("ReservedPrefix"))
        let unusual = rss().replacingOccurrences(
            of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" xmlns:dublin=\"http://purl.org/dc/elements/1.1/\"")
        let d = validate(unusual).diagnostics.first { $0.code == "NonstdPrefix" }
        #expect(d?.severity == .info)
    }

    @Test func titlesArePlainText() {
        #expect(
            codes(rss(item: "").replacingOccurrences(of: "<title>Report</title>", with: "<title>&lt;b&gt;Report&lt;/b&gt;</title>"))
                .contains("ContainsHTML"))
        #expect(codes(rss().replacingOccurrences(of: "<title>Report</title>", with: "<title>AT&amp;T results</title>")).isEmpty)
    }

    @Test func rss1NeedsItsChannelAndItems() {
        let rdf = """
            <?xml version="1.0" encoding="utf-8"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <channel rdf:about="http://example.org/"><title>x</title><link>http://example.org/</link><description>d</description></channel>
            <item rdf:about="http://example.org/1"><title>t</title></item>
            </rdf:RDF>
            """
        let found = codes(rdf)
        #expect(found.contains("MissingElement"))
        #expect(validate(rdf).format == "rss10")
        #expect(validate(rdf).diagnostics.contains { $0.parameter("element") == "items" })
        #expect(validate(rdf).diagnostics.contains { $0.parameter("element") == "link" && $0.parameter("parent") == "item" })
    }

    /// RSS 1.0's elements are in its namespace: a channel in another one, or in none, is not its
    /// channel (and in none, RDF cannot tell whose it is).
    @Test func rss1ElementsAreInItsNamespace() {
        let channel = "<channel rdf:about=\"http://example.org/\"><title>x</title><link>http://example.org/</link></channel>"
        func rdf(_ defaultNamespace: String, _ channel: String) -> String {
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"\(defaultNamespace)\">\(channel)</rdf:RDF>"
        }
        let elsewhere = validate(rdf("http://my.netscape.com/publish/formats/rss-0.91.dtd", channel)).diagnostics
        #expect(elsewhere.contains { $0.code == "MissingElement" && $0.parameter("element") == "channel" })
        let nowhere = codes(rdf("http://purl.org/rss/1.0/", channel.replacingOccurrences(of: "<channel ", with: "<channel xmlns=\"\" ")))
        #expect(nowhere.contains("UndeterminableVocabulary") && nowhere.contains("MissingElement"))
        #expect(!codes(rdf("http://purl.org/rss/1.0/", channel)).contains("UndeterminableVocabulary"))
    }
}
