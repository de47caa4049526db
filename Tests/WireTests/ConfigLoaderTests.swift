import Foundation
import Testing

@testable import Wire

@Suite struct ConfigLoaderTests {
    /// The exact shape the issue specifies must load.
    let issueExample = """
        version: 1
        store: .mediawire/wire.sqlite        # relative paths are relative to this file
        style: house-style.yaml
        poll:
          concurrency: 16
          per-host: 2
          timeout: 30s
          max-bytes: 20MiB
          user-agent: "MediaWire/1.0 (+https://example.org/wire)"
        output:
          path: wire.atom
          id: "tag:example.org,2026:wire"
          title: "Media Wire"
          self: "https://example.org/wire.atom"
          site: "https://example.org/wire/"
          limit: 200
        sources:
          - id: rt
            name: RT
            url: https://www.rt.com/rss/news/  # https:, http:, file: or a path relative to this file
            interval: 15m                      # optional
            style: rt                          # optional: that source's rules in the style file
            headers: {User-Agent: "..."}       # optional
        """

    func load(_ yaml: String) throws(ConfigError) -> WireConfig {
        try ConfigLoader.load(yaml: yaml, file: "wire.yaml", directory: "/srv/wire")
    }

    func error(_ yaml: String) -> ConfigError? {
        do { _ = try load(yaml); return nil } catch { return error }
    }

    @Test func issueExampleLoads() throws {
        let config = try load(issueExample)
        #expect(config.store == "/srv/wire/.mediawire/wire.sqlite")
        #expect(config.style == "/srv/wire/house-style.yaml")
        #expect(config.poll.concurrency == 16)
        #expect(config.poll.perHost == 2)
        #expect(config.poll.timeout == 30)
        #expect(config.poll.maxBytes == 20 * 1_048_576)
        #expect(config.output.path == "/srv/wire/wire.atom")
        #expect(config.output.id == "tag:example.org,2026:wire")
        #expect(config.output.limit == 200)
        let rt = try #require(config.sources.first)
        #expect(rt.id == "rt")
        #expect(rt.location == .http("https://www.rt.com/rss/news/"))
        #expect(rt.interval == 900)
        #expect(rt.style == "rt")
        #expect(rt.headers == ["User-Agent": "..."])
        #expect(rt.content == .sanitize)
        #expect(rt.line == 18)
    }

    @Test func bundledConfigurationsLoad() throws {
        let wire = try ConfigLoader.load(contentsOf: "feeds/wire.yaml")
        #expect(wire.sources.count >= 5)
        #expect(wire.sources.allSatisfy { if case .http = $0.location { return true } else { return false } })
        let demo = try ConfigLoader.load(contentsOf: "feeds/demo.yaml")
        #expect(demo.sources.count == 6)
        for source in demo.sources {
            guard case .file(let path) = source.location else { Issue.record("\(source.id) is not a file"); continue }
            #expect(path.hasSuffix(".xml") || path.hasSuffix(".atom") || path.hasSuffix(".rdf"))
            #expect(path.contains("/feeds/demo/"))
        }
        #expect(demo.sources.first { $0.id == "presstv" }?.content == .preserve)
    }

    @Test(arguments: [("30s", 30.0), ("15m", 900.0), ("2h", 7200.0), ("1d", 86_400.0), ("45", 45.0), ("500ms", 0.5)])
    func durations(text: String, seconds: Double) throws {
        let config = try load(issueExample.replacingOccurrences(of: "timeout: 30s", with: "timeout: \(text)"))
        #expect(config.poll.timeout == seconds)
    }

    @Test func theLeaseIsGivenOrOutlastsAFetch() throws {
        #expect(try load(issueExample).poll.lease == 300)
        #expect(try load(issueExample.replacingOccurrences(of: "timeout: 30s", with: "timeout: 10m")).poll.lease == 1_260)
        let given = try load(issueExample.replacingOccurrences(of: "timeout: 30s", with: "timeout: 30s\n  lease: 2m"))
        #expect(given.poll.lease == 120)
        let short = error(issueExample.replacingOccurrences(of: "timeout: 30s", with: "timeout: 30s\n  lease: 10s"))
        #expect(short?.description == "wire.yaml:8: lease is shorter than timeout: a source could be fetched twice")
    }

    @Test func aPostgresStoreIsAURLWithoutItsPassword() throws {
        let url = "postgres://wire@db.example:5432/news?sslmode=require"
        let config = try load(issueExample.replacingOccurrences(of: "store: .mediawire/wire.sqlite", with: "store: \"\(url)\""))
        #expect(config.store == url)
        #expect(try load(issueExample).store == "/srv/wire/.mediawire/wire.sqlite")
        let secret = error(
            issueExample.replacingOccurrences(of: "store: .mediawire/wire.sqlite", with: "store: postgres://wire:hunter2@db.example/news"))
        #expect(secret?.description.hasPrefix("wire.yaml:2: the store's URL holds a password") == true)
        #expect(secret?.description.contains("hunter2") == false)
    }

    @Test(arguments: [("20MiB", 20_971_520), ("512KiB", 524_288), ("1GB", 1_000_000_000), ("4096", 4096)])
    func sizes(text: String, bytes: Int) throws {
        let config = try load(issueExample.replacingOccurrences(of: "max-bytes: 20MiB", with: "max-bytes: \(text)"))
        #expect(config.poll.maxBytes == bytes)
    }

    @Test func sourceLocations() throws {
        let yaml =
            issueExample.replacingOccurrences(of: "url: https://www.rt.com/rss/news/", with: "url: demo/rt.xml")
            + "\n  - id: local\n    url: file:///var/feeds/x.xml\n  - id: plain\n    url: http://example.org/rss\n"
        let config = try load(yaml)
        #expect(config.sources.map(\.location) == [.file("/srv/wire/demo/rt.xml"), .file("/var/feeds/x.xml"), .http("http://example.org/rss")])
    }

    @Test(arguments: [
        ("version: 1\ncolour: red\n", 2, "unknown key 'colour'"),
        ("poll:\n      concurrency: 16", 6, "unknown key 'speed'"),
        ("timeout: 30s", 7, "duration"),
        ("max-bytes: 20MiB", 8, "size"),
        ("url: https://www.rt.com/rss/news/", 20, "must be https:, http:, file: or a path"),
        ("id: \"tag:example.org,2026:wire\"", 12, "absolute IRI"),
        ("self: \"https://example.org/wire.atom\"", 14, "http(s) URL"),
        ("id: rt", 18, "letters, digits"),
    ])
    func errorsNameTheLine(change: String, line: Int, message: String) throws {
        var yaml = issueExample
        switch change {
        case "poll:\n      concurrency: 16": yaml = yaml.replacingOccurrences(of: "  per-host: 2", with: "  speed: 2")
        case "timeout: 30s": yaml = yaml.replacingOccurrences(of: change, with: "timeout: soon")
        case "max-bytes: 20MiB": yaml = yaml.replacingOccurrences(of: change, with: "max-bytes: lots")
        case "url: https://www.rt.com/rss/news/": yaml = yaml.replacingOccurrences(of: change, with: "url: ftp://www.rt.com/rss")
        case "id: \"tag:example.org,2026:wire\"": yaml = yaml.replacingOccurrences(of: change, with: "id: wire")
        case "self: \"https://example.org/wire.atom\"": yaml = yaml.replacingOccurrences(of: change, with: "self: \"tag:x,2026:y\"")
        case "id: rt": yaml = yaml.replacingOccurrences(of: "  - id: rt", with: "  - id: r t")
        default: yaml = change
        }
        let e = try #require(error(yaml), "should not load: \(change)")
        #expect(e.line == line, "\(e)")
        #expect(e.message.contains(message), "\(e)")
        #expect(e.description.hasPrefix("wire.yaml:\(line): "))
    }

    @Test func structuralErrors() throws {
        #expect(try #require(error("sources: []\n")).message.contains("version"))
        #expect(try #require(error(issueExample.replacingOccurrences(of: "version: 1", with: "version: 3"))).line == 1)
        #expect(try #require(error(issueExample + "\n  - id: rt\n    url: https://x.example/rss\n")).message.contains("used twice"))
        #expect(try #require(error(issueExample.replacingOccurrences(of: "  title: \"Media Wire\"\n", with: ""))).message.contains("title"))
        #expect(try #require(error(issueExample.replacingOccurrences(of: "    interval: 15m", with: "    interval: 0"))).line == 21)
    }
}
