import Foundation
import Testing

@testable import Wire

@Suite struct OPMLTests {
    let opml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head><title>My feeds</title></head>
          <body>
            <outline text="News">
              <outline type="rss" text="RT" xmlUrl="https://www.rt.com/rss/news/" htmlUrl="https://www.rt.com/"/>
              <outline type="rss" title="Al Jazeera &amp; Co" text="ignored" xmlUrl="https://www.aljazeera.com/xml/rss/all.xml"/>
            </outline>
            <outline type="rss" text="RT" xmlUrl="https://www.rt.com/rss/other/"/>
            <outline text="A folder without a feed"/>
          </body>
        </opml>
        """

    @Test func readsNestedSubscriptions() throws {
        let subs = try OPML.parse(Data(opml.utf8), file: "f.opml")
        #expect(subs.map(\.xmlURL) == ["https://www.rt.com/rss/news/", "https://www.aljazeera.com/xml/rss/all.xml", "https://www.rt.com/rss/other/"])
        #expect(subs[1].title == "Al Jazeera & Co")
        #expect(subs[0].htmlURL == "https://www.rt.com/")
    }

    @Test func importedEntriesLoadAsSourcesWithUniqueIds() throws {
        let subs = try OPML.parse(Data(opml.utf8), file: "f.opml")
        let yaml = """
            version: 1
            output: {path: w.atom, id: "tag:x,2026:w", title: W, self: "https://x.example/w.atom", site: "https://x.example/"}
            sources:
            \(OPML.sourcesYAML(subs))
            """
        let config = try ConfigLoader.load(yaml: yaml, file: "w.yaml", directory: "/tmp")
        #expect(config.sources.map(\.id) == ["rt", "al-jazeera-co", "rt-2"])
        #expect(config.sources[1].name == "Al Jazeera & Co")
    }

    @Test func importSkipsFeedsTheConfigurationHas() throws {
        let subs = try OPML.parse(Data(opml.utf8), file: "f.opml")
        let existing = [
            SourceConfig(
                id: "rt", name: "RT", location: .http("https://www.rt.com/rss/news/"), interval: nil, style: nil,
                headers: [:], content: .sanitize, line: nil)
        ]
        let yaml = OPML.sourcesYAML(subs, existing: existing)
        #expect(!yaml.contains("https://www.rt.com/rss/news/"))
        #expect(yaml.contains("id: rt-2"))
    }

    @Test func exportRoundTrips() throws {
        let config = try ConfigLoader.load(contentsOf: "feeds/wire.yaml")
        let subs = try OPML.parse(Data(OPML.export(config).utf8), file: "export.opml")
        #expect(subs.map(\.xmlURL) == config.sources.map { if case .http(let u) = $0.location { return u } else { return "" } })
        #expect(subs.map(\.title) == config.sources.map(\.name))
    }

    @Test func brokenOrForeignDocumentsAreErrors() {
        #expect(throws: OPML.ParseError.self) { try OPML.parse(Data("<opml><body><outline</body>".utf8), file: "bad.opml") }
        do {
            _ = try OPML.parse(Data("<rss version=\"2.0\"><channel/></rss>".utf8), file: "rss.xml")
            Issue.record("an RSS file is not OPML")
        } catch {
            #expect(error.description.hasPrefix("rss.xml:1: "))
        }
    }
}
