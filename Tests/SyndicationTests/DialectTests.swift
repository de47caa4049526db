import Testing

@testable import Syndication

@Suite struct DialectTests {
    @Test(arguments: [
        ("<rss version=\"0.91\"><channel/></rss>", Dialect.rss091u),
        ("<rss version=\"0.92\"><channel/></rss>", .rss092),
        ("<rss version=\"0.93\"><channel/></rss>", .rss093),
        ("<rss version=\"0.94\"><channel/></rss>", .rss094),
        ("<rss version=\"2.0\"><channel/></rss>", .rss20),
        ("<rss version=\"2.0.1\"><channel/></rss>", .rss20),
        ("<rss><channel/></rss>", .rss),
        ("<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel/></rdf:RDF>", .rss10),
        (
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://my.netscape.com/rdf/simple/0.9/\"><channel/></rdf:RDF>",
            .rss090
        ),
        ("<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"/>", .atom03),
        ("<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", .atom10),
        ("<feed/>", .atom),
    ])
    func detectsDialectFromDocument(xml: String, expected: Dialect) {
        #expect(parse(xml).dialect == expected)
    }

    @Test func netscapeDoctypeMeansRSS091Netscape() {
        let xml = """
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>N</title></channel></rss>
            """
        let feed = parse(xml)
        #expect(feed.dialect == .rss091n)
        #expect(feed.title?.value == "N")
        #expect(!feed.isBozo)
    }

    @Test func rss20WithAtomNamespaceStaysRSS() {
        let feed = parse(rss("<item><title>x</title></item>", namespaces: "xmlns:atom=\"http://www.w3.org/2005/Atom\""))
        #expect(feed.dialect == .rss20)
    }

    @Test func jsonFeedVersions() {
        let v1 = parse(
            #"{"version":"https://jsonfeed.org/version/1","title":"J","items":[{"id":"1","url":"https://e.org/1","content_html":"<p>x</p>"}]}"#)
        #expect(v1.dialect == .json1)
        #expect(v1.title?.value == "J")
        #expect(v1.entries.first?.content.first?.kind == .html)
        #expect(v1.entries.first?.alternateLink?.href == "https://e.org/1")
        let v11 = parse(#"{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"2","authors":[{"name":"A"}],"tags":["t"]}]}"#)
        #expect(v11.dialect == .json11)
        #expect(v11.entries.first?.authors.first?.name == "A")
        #expect(v11.entries.first?.categories.first?.term == "t")
    }

    @Test func rss10ItemsUseRdfAboutAndIgnoreTableOfContents() {
        let xml = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
              <channel rdf:about="http://e.org/"><title>R</title><link>http://e.org/</link>
                <items><rdf:Seq><rdf:li resource="http://e.org/1"/></rdf:Seq></items></channel>
              <item rdf:about="http://e.org/1"><title>One</title><link>http://e.org/1</link></item>
            </rdf:RDF>
            """
        let feed = parse(xml)
        #expect(feed.entries.count == 1)
        #expect(feed.entries[0].id == "http://e.org/1")
        #expect(feed.entries[0].title?.value == "One")
    }
}
