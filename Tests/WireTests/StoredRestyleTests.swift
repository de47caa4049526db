import Foundation
import HouseStyle
import Testing

@testable import Wire

/// A style change reaches the stored wire: headlines written under another style are rewritten
/// from the agency's original, and only those.
@Suite(.serialized) struct StoredRestyleTests {
    static let rss = """
        <?xml version="1.0"?><rss version="2.0"><channel><title>Agency</title><link>https://agency.example/</link>
        <description>d</description>
        <item><title>BREAKING: Quake Hits Coast - Agency</title><guid>https://agency.example/1</guid><description>One.</description></item>
        <item><title>talks in moscow</title><guid>https://agency.example/2</guid><description>Two.</description></item>
        <item><guid>https://agency.example/3</guid><description>floods hit the coast. More soon.</description></item>
        </channel></rss>
        """

    func style(_ caseMode: String, strip: Bool = true) throws -> HouseStyle {
        try StyleLoader.load(
            yaml: """
                version: 1
                proper-nouns: [Moscow]
                rules:
                \(strip ? "  - strip: ['^BREAKING:\\s*', '\\s+-\\s+Agency$']\n" : "")  - case: \(caseMode)
                """)
    }

    @Test(arguments: Backend.allCases) func aStyleChangeRewritesExactlyTheAffectedHeadlinesFromTheOriginals(backend: Backend) async throws {
        let directory = NSTemporaryDirectory() + "mediawire-restyle-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.rss.write(toFile: directory + "/agency.xml", atomically: true, encoding: .utf8)
        let wire = try TestWire(sources: [("agency", directory + "/agency.xml")], backend: backend)
        defer { wire.remove(); try? FileManager.default.removeItem(atPath: directory) }
        let sentence = try style("sentence")
        _ = try await wire.poll(style: sentence)
        let before = try wire.store.entries(sourceID: "agency")
        #expect(before.map(\.title) == ["Quake hits coast", "Talks in Moscow", "Floods hit the coast."])
        #expect(before.allSatisfy { $0.styleFingerprint == sentence.fingerprint && !$0.styleFingerprint.isEmpty })

        // The same style again: nothing to do.
        #expect(try wire.store.restyle(with: sentence, styleKeys: ["agency": nil]).checked == 0)

        // Title case: every headline changes; a dry run says so and writes nothing.
        let title = try style("title")
        #expect(title.fingerprint != sentence.fingerprint)
        let dry = try wire.store.restyle(with: title, styleKeys: ["agency": nil], dryRun: true)
        #expect(dry.checked == 3 && !dry.applied)
        #expect(dry.changes.map(\.after) == ["Quake Hits Coast", "Floods Hit the Coast."])
        #expect(dry.changes.map(\.before) == ["Quake hits coast", "Floods hit the coast."])
        #expect(try wire.store.entries(sourceID: "agency").map(\.title) == before.map(\.title))

        let applied = try wire.store.restyle(with: title, styleKeys: ["agency": nil])
        #expect(applied.applied)
        // "Talks in Moscow" reads the same in both styles: checked, not listed as changed.
        #expect(applied.changes.map(\.atomID) == dry.changes.map(\.atomID))
        #expect(!applied.changes.contains { $0.before == "Talks in Moscow" })
        let after = try wire.store.entries(sourceID: "agency")
        #expect(after.map(\.title) == ["Quake Hits Coast", "Talks in Moscow", "Floods Hit the Coast."])
        // The originals never change; the derived headline stays derived.
        #expect(after.map(\.originalTitle) == before.map(\.originalTitle))
        #expect(after[2].headlineIsDerived)
        #expect(applied.changes.first { $0.original.isEmpty }?.trace.first?.hasPrefix("derived") == true)
        #expect(try wire.store.restyle(with: title, styleKeys: ["agency": nil]).checked == 0)

        // Restyling starts from the original, not from the last headline: dropping the strip
        // rule brings the agency's words back.
        let unstripped = try wire.store.restyle(with: try style("title", strip: false), styleKeys: ["agency": nil])
        #expect(unstripped.changes.first?.after == "BREAKING: Quake Hits Coast - Agency")
    }

    @Test func aSourcesOwnRulesHaveTheirOwnFingerprint() throws {
        let yaml = """
            version: 1
            rules:
              - case: sentence
            sources:
              tasnim:
                rules:
                  - strip: ['\\s*\\(\\+\\s*Video\\)$']
            """
        let a = try StyleLoader.load(yaml: yaml)
        let b = try StyleLoader.load(yaml: yaml.replacingOccurrences(of: "Video", with: "Photos"))
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint(source: "tasnim") != b.fingerprint(source: "tasnim"))
        #expect(a.fingerprint(source: "other") == a.fingerprint)
        // Comments and layout do not count; rules do.
        let c = try StyleLoader.load(yaml: "# the desk's style\n" + yaml)
        #expect(c.fingerprint(source: "tasnim") == a.fingerprint(source: "tasnim"))
    }
}
