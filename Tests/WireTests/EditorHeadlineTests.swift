import Foundation
import HouseStyle
import Testing

@testable import Wire

/// Editors have the last word: an editor's headline stands over the house style, style changes,
/// re-polls and agency updates, until it is cleared; every change is kept in the history.
@Suite(.serialized) struct EditorHeadlineTests {
    static func rss(summary: String) -> String {
        """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Agency</title><link>https://agency.example/</link>
        <description>d</description>
        <item><title>BREAKING: Quake Hits Coast - Agency</title><guid>https://agency.example/1</guid><description>\(summary)</description></item>
        <item><title>talks in moscow</title><guid>https://agency.example/2</guid><description>Two.</description></item>
        </channel></rss>
        """
    }

    func style(_ caseMode: String) throws -> HouseStyle {
        try StyleLoader.load(
            yaml: """
                version: 1
                proper-nouns: [Moscow]
                rules:
                  - strip: ['^BREAKING:\\s*', '\\s+-\\s+Agency$']
                  - case: \(caseMode)
                """)
    }

    func wireTitles(_ wire: TestWire) throws -> [String] {
        let path = wire.directory + "/wire.atom"
        _ = try WireGenerator(config: wire.config, store: wire.store).generate(.init(path: path, limit: 100))
        let feed = try String(contentsOfFile: path, encoding: .utf8)
        return feed.components(separatedBy: "<entry>").dropFirst().compactMap { entry in
            entry.range(of: "<title type=\"text\">").flatMap { start in
                entry[start.upperBound...].range(of: "</title>").map { String(entry[start.upperBound..<$0.lowerBound]) }
            }
        }.sorted()
    }

    @Test(arguments: Backend.allCases) func anEditorsHeadlineStandsOverStyleRepollAndAgencyUpdateUntilCleared(backend: Backend) async throws {
        let directory = NSTemporaryDirectory() + "mediawire-editor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let feed = directory + "/agency.xml"
        try Self.rss(summary: "One.").write(toFile: feed, atomically: true, encoding: .utf8)
        let wire = try TestWire(sources: [("agency", feed)], backend: backend)
        defer { wire.remove(); try? FileManager.default.removeItem(atPath: directory) }
        let sentence = try style("sentence")
        _ = try await wire.poll(style: sentence)
        #expect(try wireTitles(wire) == ["Quake hits coast", "Talks in Moscow"])

        // Found by its atom:id or by SOURCE:KEY; unknown references are nil.
        let report = try #require(try wire.store.entry(named: "https://agency.example/1"))
        #expect(try wire.store.entry(named: "agency:id:https://agency.example/1")?.atomID == report.atomID)
        #expect(try wire.store.entry(named: "agency:id:nope") == nil)
        #expect(try wire.store.entry(named: "nothing") == nil)

        let set = try #require(
            try wire.store.setHeadline(
                "Coast quake: what we know", sourceID: "agency", key: report.key,
                editor: "alice", now: 1_000))
        #expect(set.previous == "Quake hits coast")
        #expect(try wireTitles(wire) == ["Coast quake: what we know", "Talks in Moscow"])
        let generated = try String(contentsOfFile: wire.directory + "/wire.atom", encoding: .utf8)
        #expect(generated.contains("<dcterms:alternative>BREAKING: Quake Hits Coast - Agency</dcterms:alternative>"))

        // A forced re-poll of an unchanged feed, then a style change: the editor's headline stays,
        // the house-style headline under it follows the style, and the change is not listed as one
        // the wire will show.
        _ = try await wire.poll(force: true, style: sentence)
        let title = try style("title")
        let dry = try wire.store.restyle(with: title, styleKeys: ["agency": nil], dryRun: true)
        #expect(dry.changes.isEmpty)
        #expect(dry.underEditors.map(\.after) == ["Quake Hits Coast"])
        _ = try wire.store.restyle(with: title, styleKeys: ["agency": nil])
        var stored = try #require(try wire.store.entry(sourceID: "agency", key: report.key))
        #expect(stored.title == "Quake Hits Coast")
        #expect(stored.wireHeadline == "Coast quake: what we know")
        #expect(stored.editorHeadline?.agencyUpdatedAt == nil)

        // The agency changes the report: the headline stays, the report is flagged.
        try Self.rss(summary: "One, with more.").write(toFile: feed, atomically: true, encoding: .utf8)
        wire.clock.advance(3_600)
        let updated = try await wire.poll(force: true, style: title)
        #expect(updated.updated == 1)
        stored = try #require(try wire.store.entry(sourceID: "agency", key: report.key))
        #expect(stored.wireHeadline == "Coast quake: what we know")
        #expect(stored.editorHeadline?.agencyUpdatedAt == wire.clock.now)
        #expect(try wire.store.entriesWithEditorHeadlines().map(\.key) == [report.key])

        // The explanation names the rules and the editor.
        let lines = HeadlineExplanation(entry: stored, style: title, source: nil).lines
        #expect(lines.first == "agency:  BREAKING: Quake Hits Coast - Agency")
        #expect(lines.contains { $0.hasPrefix("style:   strip:") })
        #expect(lines.contains("editor:  Coast quake: what we know"))
        #expect(lines.contains { $0.contains("agency updated the report since") })
        #expect(lines.last == "wire:    Coast quake: what we know (editor)")

        // Cleared: back to the house style in force; clearing again does nothing.
        let cleared = try #require(try wire.store.clearHeadline(sourceID: "agency", key: report.key, editor: "bob", now: 2_000))
        #expect(cleared.headline == "Coast quake: what we know")
        #expect(try wire.store.clearHeadline(sourceID: "agency", key: report.key, editor: "bob", now: 2_001) == nil)
        #expect(try wireTitles(wire) == ["Quake Hits Coast", "Talks in Moscow"])
        #expect(try wire.store.entriesWithEditorHeadlines().isEmpty)

        let history = try wire.store.headlineHistory(sourceID: "agency", key: report.key)
        #expect(
            history == [
                HeadlineEvent(action: .set, headline: "Coast quake: what we know", previous: "Quake hits coast", editor: "alice", at: 1_000),
                HeadlineEvent(action: .clear, headline: "Quake Hits Coast", previous: "Coast quake: what we know", editor: "bob", at: 2_000),
            ])
        // No report, no headline.
        #expect(try wire.store.setHeadline("x", sourceID: "agency", key: "id:none", editor: "alice", now: 3_000) == nil)
    }

    @Test(arguments: Backend.allCases) func aDeletedReportTakesItsEditorsHeadlineWithIt(backend: Backend) async throws {
        let directory = NSTemporaryDirectory() + "mediawire-editor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.rss(summary: "One.").write(toFile: directory + "/agency.xml", atomically: true, encoding: .utf8)
        let wire = try TestWire(sources: [("agency", directory + "/agency.xml")], backend: backend)
        defer { wire.remove(); try? FileManager.default.removeItem(atPath: directory) }
        _ = try await wire.poll(style: try style("sentence"))
        let key = "id:https://agency.example/2"
        #expect(try wire.store.setHeadline("Moscow talks", sourceID: "agency", key: key, editor: "alice", now: 1) != nil)
        #expect(try wire.store.delete(sourceID: "agency", key: key, now: 2))
        #expect(try wire.store.entriesWithEditorHeadlines().isEmpty)
        // The history stays.
        #expect(try wire.store.headlineHistory(sourceID: "agency", key: key).count == 1)
    }
}
