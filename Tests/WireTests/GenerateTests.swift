import FeedValidation
import Foundation
import HouseStyle
import LoopbackServer
import Syndication
import TestSupport
import Testing

@testable import Wire

/// Checks a generated feed: well-formed always (libxml2 through xmllint), valid against RFC
/// 4287's RELAX NG schema where `../shared/schema/atom.rng` exists, and without a single error or
/// warning from our own validator.
enum AtomCheck {
    static let schema = FileManager.default.currentDirectoryPath + "/../shared/schema/atom.rng"

    /// Records the complaints, if any, as a test issue.
    static func expectValid(
        _ path: String, allowing allowed: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let found = try problems(path, allowing: allowed)
        #expect(found == nil, "\(found ?? "")", sourceLocation: sourceLocation)
    }

    /// xmllint's complaints against the schema alone, or `nil` when there are none.
    static func schemaProblems(_ path: String) throws -> String? {
        try xmllint(["--relaxng", schema], path).map { String($0.prefix(2000)) }
    }

    /// xmllint's complaints, or `nil` when the file is well-formed and (where the schema exists) valid.
    static func problems(_ path: String, allowing allowed: Set<String> = []) throws -> String? {
        // The schema is checked where it is, and must be there in CI.
        if SharedMaterial.inCI && !FileManager.default.fileExists(atPath: schema) { return "\(schema) is missing" }
        if let complaints = try xmllint(FileManager.default.fileExists(atPath: schema) ? ["--relaxng", schema] : [], path) {
            return complaints
        }
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Two reports (of one agency or two) may carry the same time; the wire keeps each
        // agency's time as given, so DuplicateUpdated is the agencies' to answer, not ours.
        let findings = FeedValidator().validate(bytes).diagnostics.filter {
            $0.severity != .info && !allowed.contains($0.code) && $0.code != "DuplicateUpdated"
        }
        return findings.isEmpty ? nil : findings.map { "\($0.line):\($0.column): \($0.code): \($0.message)" }.joined(separator: "\n")
    }

    /// What `xmllint --noout --nonet ARGUMENTS PATH` writes on standard error when it fails.
    private static func xmllint(_ arguments: [String], _ path: String) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--nonet"] + arguments + [path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        let output = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : output
    }
}

@Suite(.serialized) struct GenerateTests {
    func generate(_ wire: TestWire, limit: Int = 200, archive: String? = nil) throws -> (String, WireGenerator.Report) {
        let path = wire.directory + "/wire.atom"
        let report = try WireGenerator(config: wire.config, store: wire.store)
            .generate(.init(path: path, limit: limit, archiveDirectory: archive))
        return (path, report)
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test(arguments: Backend.allCases) func idsLinksAndContentSurviveAPollGenerateRoundTrip(backend: Backend) async throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><id>urn:agency:feed</id><title>Agency</title>
            <updated>2026-11-25T10:00:00+03:00</updated><link rel="alternate" href="https://agency.example/"/>
            <author><name>Agency Desk</name></author>
            <entry><id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id><title type="html">A &lt;b&gt;bold&lt;/b&gt; title</title>
            <link href="https://agency.example/news/1?a=1&amp;b=2"/><updated>2026-11-25T09:00:00+03:00</updated>
            <published>2026-11-25T08:00:00+03:00</published>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One <em>two</em> &amp; three</p></div></content></entry>
            <entry><id>relative-id-7</id><title>Relative id</title><link href="/news/7"/><updated>2026-11-25T07:00:00Z</updated>
            <summary type="html">&lt;p&gt;Escaped &amp;amp; html&lt;/p&gt;</summary><content type="text">  spaced   text
            kept </content></entry>
            </feed>
            """
        let server = try LoopbackServer { _ in .ok(atom, type: "application/atom+xml") }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed.atom"))], backend: backend)
        defer { wire.remove() }
        _ = try await wire.poll()
        let (path, _) = try generate(wire)
        try AtomCheck.expectValid(path)

        let input = FeedParser(options: .init(baseURL: server.url("/feed.atom"))).parse(Array(atom.utf8))
        let output = FeedParser().parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(output.problems.isEmpty)
        #expect(output.entries.count == 2)
        // Newest first: the relative-id entry (07:00Z) before the other (09:00+03:00 = 06:00Z).
        #expect(output.entries.map { $0.title?.value } == ["Relative id", "A bold title"])
        let first = try #require(output.entries.last)
        #expect(first.id == "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a")
        #expect(first.alternateLink?.href == "https://agency.example/news/1?a=1&b=2")
        #expect(first.content.first?.kind == .xhtml)
        #expect(first.content.first?.value == input.entries[0].content.first?.value)
        #expect(first.content.first?.value == "<p>One <em>two</em> &amp; three</p>")
        #expect(first.updated?.text == "2026-11-25T09:00:00+03:00")
        #expect(first.published?.text == "2026-11-25T08:00:00+03:00")
        #expect(first.title?.value == "A bold title")
        #expect(first.title?.kind == .text)
        let second = output.entries[0]
        // A relative id is replaced by a minted tag: id, stable across runs.
        #expect(second.id?.hasPrefix("tag:example.org,2026:wire/agency/") == true)
        #expect(second.alternateLink?.href == server.url("/news/7"))
        #expect(second.content.first?.value == input.entries[1].content.first?.value)
        #expect(second.summary?.value == input.entries[1].summary?.value)
        #expect(second.summary?.kind == .html)
        // Every entry names its source, with the feed URL we polled.
        #expect(second.source?.id == "urn:agency:feed")
        #expect(second.source?.selfLink?.href == server.url("/feed.atom"))
        #expect(second.source?.alternateLink?.href == "https://agency.example/")
        #expect(second.source?.authors.first?.name == "Agency Desk")

        // The same store gives the same bytes.
        let bytes = try read(path)
        let (again, _) = try generate(wire)
        #expect(try read(again) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: wire.directory).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func theOriginalHeadlineIsKeptWhenOursDiffers() async throws {
        let server = try LoopbackServer { _ in .ok(Fixture.rss([("x", "BREAKING: Quake Hits Coast - Agency", "b")])) }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/f"))])
        defer { wire.remove() }
        let style = try HouseStyleFixture.style()
        _ = try await wire.poll(style: style)
        let (path, _) = try generate(wire)
        let xml = try read(path)
        #expect(xml.contains("<title type=\"text\">Quake hits coast</title>"))
        #expect(xml.contains("<dcterms:alternative>BREAKING: Quake Hits Coast - Agency</dcterms:alternative>"))
        try AtomCheck.expectValid(path)
    }

    @Test func hostileContentStillGivesWellFormedValidOutput() async throws {
        // Control characters, "]]>", a lone surrogate reference, U+FFFE, broken xhtml.
        let rss =
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Hostile\u{1}</title><link>https://h.example/</link>"
            + "<item><title>Bell\u{7} and ]]&gt; end</title><guid>https://h.example/1</guid>"
            + "<description><![CDATA[<p>cdata ]]]]><![CDATA[> and \u{B} vertical tab &#xD800; \u{FFFE}</p>]]></description></item>"
            + "<item><title>Lone &#xD800; surrogate</title><guid>https://h.example/2</guid><description>x &#1; y</description></item>"
            + "</channel></rss>"
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><id>urn:h</id><title>H</title><updated>2026-11-25T00:00:00Z</updated>
            <entry><id>urn:h:1</id><title>Broken xhtml</title><updated>2026-11-25T00:00:00Z</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>a &nbsp; b</p></div></content></entry></feed>
            """
        let server = try LoopbackServer { request in
            request.path == "/rss" ? .ok(rss) : .ok(atom, type: "application/atom+xml")
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("rss", server.url("/rss")), ("atom", server.url("/atom"))])
        defer { wire.remove() }
        let poll = try await wire.poll()
        #expect(poll.inserted == 3)
        // Store a headline with characters XML cannot carry, as a style rule might produce.
        var entry = try #require(try wire.store.entry(sourceID: "rss", key: "id:https://h.example/1"))
        entry.title = "Bell\u{7}\u{0} and ]]> end\u{FFFF}"
        entry.contentHash = "changed"
        _ = try wire.store.apply([entry], state: nil, now: wire.clock.now)
        let (path, report) = try generate(wire)
        try AtomCheck.expectValid(path)
        let xml = try read(path)
        #expect(!xml.contains("]]>"))
        #expect(xml.contains("Bell and ]]&gt; end"))
        #expect(report.repairs.contains { $0.contains("https://h.example/1") && $0.contains("removed") })
        let reparsed = FeedParser().parse(Array(xml.utf8))
        #expect(reparsed.problems.isEmpty)
        #expect(reparsed.entries.count == 3)
    }

    @Test(arguments: Backend.allCases) func archivesFollowRFC5005(backend: Backend) async throws {
        let items = (0..<5).map { ("n\($0)", "Report \($0)", "Body \($0)") }
        let server = try LoopbackServer { _ in .ok(Fixture.rss(items)) }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/f"))], backend: backend)
        defer { wire.remove() }
        _ = try await wire.poll()
        var config = wire.config
        config.output.archiveSize = 2
        let archive = wire.directory + "/archive"
        let path = wire.directory + "/wire.atom"
        let report = try WireGenerator(config: config, store: wire.store).generate(.init(path: path, limit: 3, archiveDirectory: archive))
        #expect(report.archivePages == 2)
        let main = try read(path)
        #expect(main.contains("<link rel=\"prev-archive\" href=\"https://example.org/archive/1.atom\"/>"))
        let newest = try read(archive + "/1.atom")
        #expect(newest.contains("<fh:archive/>"))
        #expect(newest.contains("rel=\"prev-archive\" href=\"https://example.org/archive/0.atom\""))
        #expect(!newest.contains("next-archive"))
        let oldest = try read(archive + "/0.atom")
        #expect(oldest.contains("rel=\"next-archive\" href=\"https://example.org/archive/1.atom\""))
        #expect(FeedParser().parse(Array(oldest.utf8)).entries.map { $0.title?.value } == ["Report 1", "Report 0"])
        for file in [path, archive + "/0.atom", archive + "/1.atom"] {
            try AtomCheck.expectValid(file)
        }
    }

    @Test(arguments: Backend.allCases) func anEmptyStoreStillGivesAValidFeed(backend: Backend) throws {
        let wire = try TestWire(sources: [("a", "http://127.0.0.1:1/")], backend: backend)
        defer { wire.remove() }
        let (path, report) = try generate(wire)
        #expect(report.entries == 0)
        try AtomCheck.expectValid(path)
    }

    @Test(arguments: Backend.allCases) func newestFirstAndTheLimitHolds(backend: Backend) async throws {
        let rss = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>Old</title><guid>https://t.example/1</guid><pubDate>Mon, 23 Nov 2026 10:00:00 GMT</pubDate></item>
            <item><title>New</title><guid>https://t.example/2</guid><pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate></item>
            <item><title>Mid</title><guid>https://t.example/3</guid><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>
            </channel></rss>
            """
        let server = try LoopbackServer { _ in .ok(rss) }
        defer { server.stop() }
        let wire = try TestWire(sources: [("t", server.url("/f"))], backend: backend)
        defer { wire.remove() }
        _ = try await wire.poll()
        let (path, report) = try generate(wire, limit: 2)
        #expect(report.entries == 2)
        let feed = FeedParser().parse(Array(try read(path).utf8))
        #expect(feed.entries.map { $0.title?.value } == ["New", "Mid"])
        #expect(feed.updated?.text == "2026-11-25T10:00:00Z")
    }
}

enum HouseStyleFixture {
    static func style() throws -> HouseStyle {
        try StyleLoader.load(
            yaml: """
                version: 1
                rules:
                  - strip: ['^BREAKING:\\s*', '\\s+-\\s+Agency$']
                  - case: sentence
                """)
    }
}

@Suite(.serialized) struct ContentModeTests {
    static let rss = """
        <rss version="2.0"><channel><title>A</title><link>https://agency.example/</link>
        <item><title>Report</title><link>https://agency.example/r</link><guid>https://agency.example/r</guid>
        <description>&lt;p onmouseover="steal()"&gt;Talks &lt;a href="/more"&gt;resume&lt;/a&gt;.&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;</description></item>
        </channel></rss>
        """

    @Test func sanitizeIsTheDefaultAndPreserveKeepsBytes() async throws {
        let server = try LoopbackServer { _ in .ok(Self.rss) }
        defer { server.stop() }
        let wire = try TestWire(
            sources: [("clean", server.url("/feed")), ("raw", server.url("/feed"))],
            sourceLines: ["raw": "content: preserve"])
        defer { wire.remove() }
        _ = try await wire.poll()
        let original = FeedParser().parse(Array(Self.rss.utf8)).entries[0].summary?.value ?? ""
        let clean = try #require(try wire.store.entries(sourceID: "clean").first?.summary?.value)
        let raw = try #require(try wire.store.entries(sourceID: "raw").first?.summary?.value)
        #expect(raw == original)
        #expect(clean == #"<p>Talks <a href="\#(server.url("/more"))">resume</a>.</p>"#)
        #expect(HTMLCleaner.visibleText(clean) == HTMLCleaner.visibleText(original))
        // Both publish as valid Atom. The preserved copy keeps the agency's script, byte for byte,
        // and the validator says so: that is what `content: preserve` is for.
        let path = wire.directory + "/wire.atom"
        _ = try WireGenerator(config: wire.config, store: wire.store).generate(.init(path: path, limit: 10))
        try AtomCheck.expectValid(path, allowing: ["SecurityRisk", "SecurityRiskAttr"])
        let risks = FeedValidator().validate(try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))).diagnostics
            .filter { $0.code.hasPrefix("SecurityRisk") }
        #expect(risks.count == 2)
        // The same report from two sources is published twice under two ids.
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.components(separatedBy: "<id>https://agency.example/r</id>").count == 2)
    }
}
