import Testing

@testable import Syndication

@Suite struct NamespaceTests {
    @Test func matchedByURINotPrefix() {
        let feed = parse(
            rss(
                "<item><zz:creator>Anna</zz:creator><c:encoded>&lt;p&gt;full&lt;/p&gt;</c:encoded></item>",
                namespaces: "xmlns:zz=\"http://purl.org/dc/elements/1.1/\" xmlns:c=\"http://purl.org/rss/1.0/modules/content/\""))
        #expect(feed.entries[0].authors.first?.name == "Anna")
        #expect(feed.entries[0].content.first?.value == "<p>full</p>")
        #expect(feed.entries[0].content.first?.kind == .html)
    }

    @Test func dublinCoreAndTerms() {
        let feed = parse(
            rss(
                """
                <item><dc:title>T</dc:title><dc:date>2026-11-24T10:00:00Z</dc:date><dc:subject>Politics</dc:subject>
                <dc:publisher>Agency</dc:publisher><dc:contributor>Bob</dc:contributor><dcterms:issued>2026-11-23</dcterms:issued>
                <dcterms:modified>2026-11-25</dcterms:modified></item>
                """, namespaces: "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\""))
        let e = feed.entries[0]
        #expect(e.title?.value == "T")
        #expect(e.categories.map(\.term) == ["Politics"])
        #expect(e.publisher?.name == "Agency")
        #expect(e.contributors.first?.name == "Bob")
        #expect(e.published?.text == "2026-11-23")
        #expect(e.updated?.text == "2026-11-25")
    }

    @Test func atomLinkInsideRSS() {
        let feed = parse(
            rss(
                "", channel: "<title>T</title><atom:link rel=\"self\" type=\"application/rss+xml\" href=\"https://e.org/rss\"/>",
                namespaces: "xmlns:atom=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.selfLink?.href == "https://e.org/rss")
        #expect(feed.selfLink?.type == "application/rss+xml")
    }

    @Test func unknownNamespacesAreKeptWhole() throws {
        let feed = parse(
            rss(
                "<item><x:rating scheme=\"s\">5<x:note>n</x:note></x:rating><slash:comments>12</slash:comments></item>",
                namespaces: "xmlns:x=\"urn:example:x\" xmlns:slash=\"http://purl.org/rss/1.0/modules/slash/\""))
        let ext = feed.entries[0].extensions
        let rating = try #require(ext.first { $0.namespace == "urn:example:x" })
        #expect(rating.name == "rating")
        #expect(rating.attribute("scheme") == "s")
        #expect(rating.text == "5")
        #expect(rating.child("urn:example:x", "note")?.text == "n")
        #expect(ext.contains { $0.namespace == Namespace.slash && $0.name == "comments" && $0.text == "12" })
    }

    @Test func mediaAndITunes() {
        let feed = parse(
            rss(
                """
                <item><media:title>MT</media:title><media:category>cat</media:category><media:thumbnail url="https://e.org/t.jpg"/>
                <itunes:author>Host</itunes:author><itunes:keywords>a, b</itunes:keywords></item>
                """,
                channel:
                    "<title>T</title><itunes:owner><itunes:name>Owner</itunes:name><itunes:email>o@e.org</itunes:email></itunes:owner><itunes:image href=\"https://e.org/i.png\"/><itunes:category text=\"News\"/>",
                namespaces: "xmlns:media=\"http://search.yahoo.com/mrss/\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""))
        let e = feed.entries[0]
        #expect(e.title?.value == "MT")
        #expect(e.categories.map(\.term) == ["cat", "a", "b"])
        #expect(e.categories[0].scheme == "http://search.yahoo.com/mrss/category_schema")
        #expect(e.authors.first?.name == "Host")
        #expect(e.extensions.contains { $0.name == "thumbnail" && $0.attribute("url") == "https://e.org/t.jpg" })
        #expect(feed.publisher == Person(name: "Owner", email: "o@e.org"))
        #expect(feed.image?.url == "https://e.org/i.png")
        #expect(feed.categories.first == Category(term: "News", scheme: "http://www.itunes.com/"))
    }

    @Test func geoRSSAsFeedparserWhere() throws {
        let feed = parse(
            rss(
                "<item><georss:point>45.256 -71.92</georss:point></item>",
                namespaces: "xmlns:georss=\"http://www.georss.org/georss\""))
        let json = FeedparserJSON.encode(feed)
        guard case .array(let entries)? = json["entries"] else { Issue.record("no entries"); return }
        let whereValue = try #require(entries.first?["where"])
        #expect(whereValue["type"] == .string("Point"))
        #expect(whereValue["coordinates"] == .array([.double(-71.92), .double(45.256)]))
    }
}
