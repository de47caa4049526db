import FeedValidation
import Foundation
import HouseStyle
import Syndication
import TestSupport
import Testing

@testable import Wire

/// The wire is a valid Atom feed whatever the agencies sent (issue: "The wire is valid whatever
/// agencies send"): every value is checked by FeedValidation's rules before it is written.
@Suite(.serialized) struct WireValidityTests {
    /// Writes `feeds` (file name, document) into a wire's folder, polls them as local sources
    /// and generates the wire; returns the wire's text, its path and the report.
    func wire(_ feeds: [(String, String)], style: HouseStyle? = nil) async throws -> (String, String, WireGenerator.Report) {
        let directory = NSTemporaryDirectory() + "mediawire-validity-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var sources: [(String, String)] = []
        for (name, body) in feeds {
            let path = directory + "/" + name
            try body.write(toFile: path, atomically: true, encoding: .utf8)
            sources.append((String(name.prefix { $0 != "." }), path))
        }
        let wire = try TestWire(sources: sources)
        _ = try await wire.poll(style: style)
        let path = wire.directory + "/wire.atom"
        let report = try WireGenerator(config: wire.config, store: wire.store).generate(.init(path: path, limit: 1000))
        return (try String(contentsOfFile: path, encoding: .utf8), path, report)
    }

    func errors(_ xml: String) -> [String] {
        FeedValidator().validate(Array(xml.utf8)).diagnostics.filter { $0.severity == .error }.map { "\($0.line): \($0.code): \($0.message)" }
    }

    static func atom(_ entries: String, feed: String = "") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom"><id>urn:agency:feed</id><title>Agency</title>
        <updated>2026-11-20T10:00:00Z</updated><link rel="alternate" href="https://agency.example/"/>
        <author><name>Agency Desk</name></author>\(feed)
        \(entries)
        </feed>
        """
    }

    @Test func datesAreWrittenOnARealCalendarAndTheFeedUpdatedIsTheNewestParsedOne() async throws {
        let feed = Self.atom(
            """
            <entry><id>urn:agency:1</id><title>Lower case</title><link href="https://agency.example/1"/>
            <updated>2026-11-25t09:30:00z</updated><summary>One.</summary></entry>
            <entry><id>urn:agency:2</id><title>February thirtieth</title><link href="https://agency.example/2"/>
            <published>2026-01-10T08:00:00Z</published><updated>2026-02-30T10:00:00Z</updated><summary>Two.</summary></entry>
            <entry><id>urn:agency:3</id><title>Ninety-nine seconds</title><link href="https://agency.example/3"/>
            <published>2026-01-11T08:00:00+03:00</published><updated>2026-11-25T10:00:99Z</updated><summary>Three.</summary></entry>
            """)
        let (xml, path, report) = try await wire([("agency.atom", feed)])
        #expect(errors(xml) == [])
        try AtomCheck.expectValid(path)
        let parsed = FeedParser().parse(Array(xml.utf8))
        let byTitle = Dictionary(uniqueKeysWithValues: parsed.entries.map { ($0.title?.value ?? "", $0) })
        #expect(byTitle["Lower case"]?.updated?.text == "2026-11-25T09:30:00Z")
        // Not a date on any calendar: dropped, the published date stands for it.
        #expect(byTitle["February thirtieth"]?.updated?.text == "2026-01-10T08:00:00Z")
        #expect(byTitle["Ninety-nine seconds"]?.updated?.text == "2026-01-11T08:00:00+03:00")
        // The feed's updated is the newest parsed date, not the greatest string.
        #expect(parsed.updated?.text == "2026-11-25T09:30:00Z")
        #expect(parsed.entries.first?.title?.value == "Lower case")
        let notes = report.repairs.joined(separator: "\n")
        #expect(notes.contains("\"2026-02-30T10:00:00Z\""))
        #expect(notes.contains("\"2026-11-25T10:00:99Z\""))
        #expect(notes.contains("agency urn:agency:2"))
    }

    @Test func categorySchemesAndLinksAreAbsoluteIRIs() async throws {
        let feed = Self.atom(
            """
            <entry xml:base="https://agency.example/news/"><id>urn:agency:1</id><title>Schemes</title>
            <link href="https://agency.example/a b/é?q=1"/><link rel="related" href="  https://agency.example/r  "/>
            <link rel="enclosure" href="javascript-free:" type="not a type" length="-3"/>
            <updated>2026-11-25T09:30:00Z</updated>
            <category term="world" scheme=""/><category term="politics" scheme="category"/>
            <category term="kept" scheme="https://agency.example/tags"/><category term="" scheme="https://x.example/"/>
            <content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry>
            """)
        let (xml, path, _) = try await wire([("agency.atom", feed)])
        #expect(errors(xml) == [])
        try AtomCheck.expectValid(path)
        #expect(xml.contains("href=\"https://agency.example/a%20b/%C3%A9?q=1\""))
        #expect(xml.contains("rel=\"related\" href=\"https://agency.example/r\""))
        #expect(xml.contains("<category term=\"world\"/>"))
        #expect(xml.contains("<category term=\"politics\" scheme=\"https://agency.example/news/category\"/>"))
        #expect(xml.contains("<category term=\"kept\" scheme=\"https://agency.example/tags\"/>"))
        #expect(!xml.contains("term=\"\""))
        #expect(!xml.contains("not a type") && !xml.contains("length=\"-3\""))
    }

    @Test func ourValidatorReportsEmptyAndRelativeSchemes() {
        let empty = FeedValidator().validate(
            Array(
                Self.atom(
                    """
                    <entry><id>urn:a:1</id><title>t</title><link href="https://a.example/1"/><updated>2026-11-25T09:30:00Z</updated>
                    <category term="x" scheme=""/><summary>s</summary></entry>
                    """
                ).utf8)
        ).diagnostics.map(\.code)
        #expect(empty.contains("InvalidFullLink"))
        let relative = FeedValidator().validate(
            Array(
                Self.atom(
                    """
                    <entry><id>urn:a:1</id><title>t</title><link href="https://a.example/1"/><updated>2026-11-25T09:30:00Z</updated>
                    <category term="x" scheme="category"/><summary>s</summary></entry>
                    """
                ).utf8)
        ).diagnostics.map(\.code)
        #expect(relative.contains("InvalidFullLink"))
    }

    @Test func xhtmlWithOtherVocabulariesIsPublishedAsHTMLWithTheSameText() async throws {
        let svg = "<p>Chart: <svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><circle r=\"4\"/></svg> rising</p>"
        let math = "<p>Area <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>r</mi></math> squared</p>"
        let feed = Self.atom(
            """
            <entry><id>urn:agency:1</id><title>Chart</title><link href="https://agency.example/1"/><updated>2026-11-25T09:30:00Z</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">\(svg)</div></content></entry>
            <entry><id>urn:agency:2</id><title>Math</title><link href="https://agency.example/2"/><updated>2026-11-25T09:00:00Z</updated>
            <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">\(math)</div></summary></entry>
            <entry><id>urn:agency:3</id><title>Plain xhtml</title><link href="https://agency.example/3"/><updated>2026-11-25T08:00:00Z</updated>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Only <b>XHTML</b></p></div></content></entry>
            """)
        let (xml, path, report) = try await wire([("agency.atom", feed)])
        #expect(errors(xml) == [])
        try AtomCheck.expectValid(path)
        let input = FeedParser().parse(Array(feed.utf8))
        let output = FeedParser().parse(Array(xml.utf8))
        for title in ["Chart", "Math"] {
            let before = try #require(input.entries.first { $0.title?.value == title })
            let after = try #require(output.entries.first { $0.title?.value == title })
            let a = (before.content.first ?? before.summary!), b = (after.content.first ?? after.summary!)
            #expect(b.kind == .html)
            #expect(HTMLCleaner.visibleText(b.value) == HTMLCleaner.visibleText(a.value))
        }
        #expect(output.entries.first { $0.title?.value == "Plain xhtml" }?.content.first?.kind == .xhtml)
        #expect(report.repairs.filter { $0.contains("other than XHTML") }.count == 2)
    }

    @Test func everyReportHasAHeadlineDerivedFromItsOwnWordsWhenTheAgencyGaveNone() async throws {
        let rss = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Agency</title><link>https://agency.example/</link>
            <description>d</description>
            <item><guid>https://agency.example/1</guid><description>&lt;p&gt;The U.S. envoy met Mr. Lavrov in Moscow. Talks go on.&lt;/p&gt;</description></item>
            <item><title>   </title><guid>https://agency.example/2</guid><description>&lt;script&gt;alert(1)&lt;/script&gt;Floods hit the coast! Thousands flee</description></item>
            <item><guid>https://agency.example/3</guid><link>https://agency.example/3</link></item>
            </channel></rss>
            """
        let style = try StyleLoader.load(
            yaml: """
                version: 1
                rules:
                  - case: sentence
                  - max-length: {chars: 30, ellipsis: "…"}
                """)
        let (xml, path, _) = try await wire([("agency.xml", rss)], style: style)
        #expect(errors(xml) == [])
        // The third report has no words at all: the agency's name stands for a headline.
        try AtomCheck.expectValid(path, allowing: ["MissingTextualContent"])
        let titles = FeedParser().parse(Array(xml.utf8)).entries.map { $0.title?.value ?? "" }
        #expect(titles.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        // The first sentence (not cut at "U.S." or "Mr."), then the style: sentence case, 30 characters.
        #expect(titles.contains("The U.S. envoy met mr. lavrov…"))
        #expect(titles.contains("AGENCY"))
        #expect(titles.contains("Floods hit the coast!"))
        // No agency headline means no alternative title to carry.
        #expect(!xml.contains("dcterms:alternative>   <") && !xml.contains("<dcterms:alternative></dcterms:alternative>"))
    }

    @Test func theDerivedHeadlineIsMarkedInTheTrace() throws {
        let entry = FeedParser().parse(
            Array(
                """
                <rss version="2.0"><channel><title>A</title><item><description>Quake hits coast. More soon.</description></item></channel></rss>
                """.utf8)
        ).entries[0]
        let result = try StyleLoader.load(yaml: "version: 1\nrules:\n  - case: title\n").restyle(entry: entry, in: .rss20)
        #expect(result.headline == "Quake Hits Coast.")
        #expect(result.origin == .summary)
        #expect(result.derivation?.contains("derived") == true)
    }

    @Test func theOriginalHeadlineTravelsInDublinCoreWithNoWarningOfOurs() async throws {
        let feed = Self.atom(
            """
            <entry><id>urn:agency:1</id><title>BREAKING: Quake Hits Coast - Agency</title><link href="https://agency.example/1"/>
            <updated>2026-11-25T09:30:00Z</updated><summary>Body.</summary>
            <author><name>desk@agency.example (Night Desk)</name><email>desk@agency.example</email></author></entry>
            """)
        let (xml, path, _) = try await wire([("agency.atom", feed)], style: HouseStyleFixture.style())
        try AtomCheck.expectValid(path)
        #expect(xml.contains("xmlns:dcterms=\"http://purl.org/dc/terms/\""))
        #expect(xml.contains("<dcterms:alternative>BREAKING: Quake Hits Coast - Agency</dcterms:alternative>"))
        #expect(xml.contains("<name>Night Desk</name>"))
        #expect(!xml.contains("mediawire.dev/ns"))
    }

    // MARK: The shared corpus through the whole pipeline

    static let corpus = FileManager.default.currentDirectoryPath + "/../shared/corpus"
    static var corpusPresent: Bool { FileManager.default.fileExists(atPath: corpus + "/MANIFEST.tsv") }
    /// Outside CI a missing corpus skips the test; in CI the test runs and fails on the missing
    /// manifest.
    static var runCorpus: Bool { SharedMaterial.runs(needing: "corpus/MANIFEST.tsv") }

    /// Warnings about what an agency wrote, which the wire republishes unchanged.
    static let agencyWarnings: Set<String> = [
        "ContainsHTML", "ContainsUndeclaredHTML", "UnregisteredAtomLinkRel", "MissingTextualContent", "ImplausibleDate",
        "MissingTypeAttr", "SelfNotAtom", "SecurityRisk", "ContainsRelRef", "DuplicateUpdated", "BadCharacters",
    ]

    @Test(.enabled(if: runCorpus)) func theWholeCorpusGivesValidWires() async throws {
        let manifest = try String(contentsOfFile: Self.corpus + "/MANIFEST.tsv", encoding: .utf8)
        let files = manifest.split(separator: "\n").dropFirst().compactMap { line -> String? in
            let path = line.split(separator: "\t", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            return path.isEmpty ? nil : Self.corpus + "/" + path
        }
        #expect(files.count > 200)
        let style = try StyleLoader.load(contentsOf: FileManager.default.currentDirectoryPath + "/feeds/house-style.yaml")
        var total = 0
        for start in stride(from: 0, to: files.count, by: 50) {
            let batch = Array(files[start..<min(start + 50, files.count)])
            let wire = try TestWire(sources: batch.enumerated().map { ("s\(start + $0.offset)", $0.element) })
            defer { wire.remove() }
            _ = try await wire.poll(style: style)
            let path = wire.directory + "/wire.atom"
            _ = try WireGenerator(config: wire.config, store: wire.store).generate(.init(path: path, limit: 100_000))
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            let findings = FeedValidator().validate(bytes).diagnostics
                .filter { $0.severity == .error || ($0.severity == .warning && !Self.agencyWarnings.contains($0.code)) }
            #expect(findings.isEmpty, "wire of corpus files \(start)…: \(findings.prefix(10).map { "\($0.line): \($0.code): \($0.message)" })")
            let parsed = FeedParser().parse(bytes)
            #expect(parsed.problems.isEmpty)
            total += parsed.entries.count
            #expect(parsed.entries.allSatisfy { !HouseStyle.isBlank($0.title?.value ?? "") }, "a blank headline in wire \(start)")
            #expect(parsed.entries.allSatisfy { $0.source != nil }, "an entry without atom:source in wire \(start)")
            // The schema is beside the corpus; in CI both must be there (a missing one fails here).
            if FileManager.default.fileExists(atPath: AtomCheck.schema) || SharedMaterial.inCI {
                #expect(try AtomCheck.schemaProblems(path) == nil)
            }
        }
        #expect(total > 5000)
    }
}
