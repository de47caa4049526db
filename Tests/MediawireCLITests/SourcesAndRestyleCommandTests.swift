import Foundation
import Testing

@Suite struct SourcesAndRestyleCommandTests {
    @Test func exportThenImportFindsNothingNew() throws {
        let export = try CLIRunner.run(["sources", "export", "--config", "feeds/wire.yaml"])
        #expect(export.status == 0)
        #expect(export.stdout.contains("xmlUrl=\"https://www.rt.com/rss/news/\""))
        let file = try CLIRunner.temporaryFile(export.stdout, name: "wire.opml")
        let again = try CLIRunner.run(["sources", "import", file.path, "--config", "feeds/wire.yaml"])
        #expect(again.status == 0)
        #expect(again.stdout.isEmpty)
        let fresh = try CLIRunner.run(["sources", "import", file.path])
        #expect(fresh.stdout.contains("  - id: rt\n"))
    }

    @Test func badConfigurationExitsTwoNamingTheLine() throws {
        let bad = try CLIRunner.temporaryFile("version: 1\nsources: []\nspeed: fast\n", name: "wire.yaml")
        let result = try CLIRunner.run(["sources", "export", "--config", bad.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("wire.yaml:3: unknown key 'speed'"))
    }

    @Test func restyleHeadlinesAndExplain() throws {
        let result = try CLIRunner.run(["restyle", "--explain", "BREAKING: Blasts In KYIV - Reuters"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("Blasts in Kiev\n"))
        #expect(result.stdout.contains("strip:"))
    }

    @Test func restyleFeedMarksChangedHeadlines() throws {
        let result = try CLIRunner.run(["restyle", "--feed", "feeds/demo/tasnim-entities.xml", "--source", "tasnim"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("* Iran’s FM Visits Moscow"))
        #expect(result.stdout.contains("→ Iran’s FM visits Moscow for talks on ‘strategic’ pact\n"))
    }

    @Test func badStyleExitsTwo() throws {
        let style = try CLIRunner.temporaryFile("version: 1\nrules:\n  - shout\n", name: "style.yaml")
        let result = try CLIRunner.run(["restyle", "--style", style.path, "Anything"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("style.yaml:3: rule 'shout': unknown rule"))
    }
}
