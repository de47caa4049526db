import Testing

@testable import Syndication

@Suite struct EntityAndSecurityTests {
    @Test func htmlNamedEntitiesResolve() {
        let feed = parse(rss("<item><title>A&nbsp;B &eacute; &mdash; &amp;</title><link>http://e.org/?a=1&amp;b=&eacute;</link></item>"))
        #expect(feed.entries[0].title?.value == "A\u{a0}B \u{e9} \u{2014} &")
        #expect(feed.entries[0].alternateLink?.href == "http://e.org/?a=1&b=\u{e9}")
        #expect(feed.isBozo)
    }

    @Test func htmlEntityInAttribute() {
        let feed = parse(#"<feed xmlns="http://www.w3.org/2005/Atom"><link href="http://e.org/caf&eacute;?x=1&amp;y=2"/></feed>"#)
        #expect(feed.links.first?.href == "http://e.org/caf\u{e9}?x=1&y=2")
    }

    @Test func internalEntitiesExpand() {
        let feed = parse("<!DOCTYPE rss [<!ENTITY agency \"Reuters\">]><rss version=\"2.0\"><channel><title>&agency; wire</title></channel></rss>")
        #expect(feed.title?.value == "Reuters wire")
        #expect(!feed.isBozo)
    }

    @Test func externalEntitiesAreNeverLoaded() {
        let feed = parse(
            "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>a&x;b</title></channel></rss>")
        #expect(feed.title?.value == "ab")
        #expect(!(feed.title?.value.contains("root") ?? false))
    }

    @Test func entityBombIsRefused() {
        var dtd = "<!ENTITY a \"" + String(repeating: "a", count: 50) + "\">"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h"] {
            dtd += "<!ENTITY \(name) \"" + String(repeating: "&\(previous);", count: 20) + "\">"
            previous = name
        }
        let feed = parse("<!DOCTYPE rss [\(dtd)]><rss version=\"2.0\"><channel><title>&h;</title></channel></rss>")
        #expect(feed.problems.contains { $0.kind == .entityRefused })
        #expect((feed.title?.value.utf8.count ?? 0) < 1_000_000)
    }

    @Test func illFormedInputIsSalvagedWithLocation() throws {
        let feed = parse("<rss version=\"2.0\"><channel><title>T</title><item><title>one</title></item><item><title>two</title></channel></rss>")
        #expect(feed.title?.value == "T")
        #expect(feed.entries.first?.title?.value == "one")
        let problem = try #require(feed.problems.first)
        #expect(problem.kind == .notWellFormed)
        #expect(problem.line == 1)
    }
}
