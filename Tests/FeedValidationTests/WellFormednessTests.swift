import Testing

@testable import FeedValidation

@Suite struct WellFormednessTests {
    @Test func aCompleteFeedHasNoDiagnostics() {
        #expect(validate(atom()).diagnostics.map(\.code) == [])
        #expect(validate(rss()).diagnostics.map(\.code) == [])
    }

    @Test func brokenXMLIsASAXErrorWithItsPosition() throws {
        let report = validate("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\">\n<channel>\n<title>x</title>\n</rss>")
        let first = try #require(report.diagnostics.first { $0.code == "SAXError" })
        #expect(first.severity == .error)
        #expect(first.line == 5)
        #expect(report.diagnostics.filter { $0.code == "SAXError" }.count == 1)
    }

    @Test func anUndeclaredPrefixIsASAXError() {
        #expect(codes(rss(item: "<dc:date>2026-12-01</dc:date>")).contains("SAXError"))
    }

    @Test func htmlEntitiesNeedADeclaration() {
        #expect(codes(rss(item: "<description>a&nbsp;b</description>")).contains("SAXError"))
    }

    @Test func theDeclarationIsChecked() {
        #expect(codes("<?xml version=\"1.1\" encoding=\"utf-8\"?>" + atom().dropFirst(38)).contains("BadXmlVersion"))
        #expect(codes("<?xml version=\"1.0\" encoding=\"no-such-thing\"?><rss version=\"2.0\"/>").contains("UnknownEncoding"))
        #expect(codes("<rss version=\"2.0\"><channel/></rss>").contains("MissingEncoding"))
        #expect(codes("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\"/>").contains("NonstdEncoding"))
    }

    @Test func anUnknownRootIsUndefined() throws {
        let d = try #require(validate("<?xml version=\"1.0\" encoding=\"utf-8\"?><html/>").diagnostics.first)
        #expect(d.code == "UndefinedElement")
        #expect(d.parameter("parent") == "root")
    }

    @Test func diagnosticsComeOutInDocumentOrderOnce() {
        let report = validate(rss(item: "<pubDate>yesterday</pubDate><author>nobody</author>"))
        let lines = report.diagnostics.map(\.line)
        #expect(lines == lines.sorted())
        #expect(report.diagnostics.filter { $0.code == "InvalidRFC2822Date" }.count == 1)
    }
}
