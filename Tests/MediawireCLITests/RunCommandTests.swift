import Foundation
import TestSupport
import Testing

/// The main job, end to end, on a copy of the bundled demo wire.
@Suite(.serialized) struct RunCommandTests {
    /// A copy of `feeds/` (demo config, style, demo feeds) in a fresh folder.
    func demoCopy() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mediawire-run-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "feeds", toPath: root + "/feeds")
        return root
    }

    func xmllintProblems(_ path: String) throws -> String? {
        let schema = FileManager.default.currentDirectoryPath + "/../shared/schema/atom.rng"
        var arguments = ["xmllint", "--noout", "--nonet"]
        if FileManager.default.fileExists(atPath: schema) || SharedMaterial.inCI { arguments += ["--relaxng", schema] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments + [path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : text
    }

    @Test func theDemoWireRunsOfflineAndWritesAValidFeed() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let first = try CLIRunner.run(["run", "--config", root + "/feeds/demo.yaml", "--json"])
        #expect(first.status == 0, "\(first.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect(summary?["inserted"] as? Int == 12)
        #expect(summary?["errors"] as? Int == 0)
        #expect((summary?["sources"] as? [[String: Any]])?.count == 6)
        let feedPath = root + "/.mediawire/demo-wire.atom"
        #expect(FileManager.default.fileExists(atPath: root + "/.mediawire/demo.sqlite"))
        let feed = try String(contentsOfFile: feedPath, encoding: .utf8)
        #expect(feed.components(separatedBy: "<entry>").count - 1 == 12)
        #expect(try xmllintProblems(feedPath) == nil)
        // Our own validator, through the CLI: no error, no warning.
        let validation = try CLIRunner.run(["validate", feedPath])
        #expect(validation.status == 0, "\(validation.stdout)")
        #expect(validation.stdout.hasSuffix("0 errors, 0 warnings, 0 info\n"), "\(validation.stdout)")
        // Every report names its agency.
        for agency in ["RT - World News", "Reuters World News", "TASS", "Press TV - Latest News"] {
            #expect(feed.contains(agency), "\(agency)")
        }
        #expect(feed.contains("<link rel=\"alternate\" href=\"https://www.rt.com/news/612001-kremlin-eu-sanctions-backfire/\"/>"))

        // Nothing is due a moment later: the same store gives the same bytes.
        let second = try CLIRunner.run(["run", "--config", root + "/feeds/demo.yaml"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("not-due"))
        #expect(try String(contentsOfFile: feedPath, encoding: .utf8) == feed)

        // --force re-reads the files: unchanged, nothing new.
        let forced = try CLIRunner.run(["poll", "--config", root + "/feeds/demo.yaml", "--force"])
        #expect(forced.stdout.contains("6 sources, 0 new, 0 updated, 0 errors"))

        // generate --out and --limit.
        let small = root + "/small.atom"
        let generate = try CLIRunner.run(["generate", "--config", root + "/feeds/demo.yaml", "--out", small, "--limit", "3"])
        #expect(generate.status == 0)
        #expect(try String(contentsOfFile: small, encoding: .utf8).components(separatedBy: "<entry>").count - 1 == 3)
    }

    @Test func aBrokenConfigurationNamesTheLineAndPollsNothing() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/feeds/demo.yaml"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text = text.replacingOccurrences(of: "  per-host: 2", with: "  per-host: 2\n  colour: blue")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["run", "--config", config])
        #expect(result.status == 2)
        #expect(result.stderr.contains("demo.yaml:8"))
        #expect(result.stderr.contains("colour"))
        #expect(!FileManager.default.fileExists(atPath: root + "/.mediawire/demo.sqlite"))
    }

    @Test func anUnusableStoreIsExitStatusThree() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The store's path is taken by a folder.
        try FileManager.default.createDirectory(atPath: root + "/.mediawire/demo.sqlite", withIntermediateDirectories: true)
        let result = try CLIRunner.run(["poll", "--config", root + "/feeds/demo.yaml"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("demo.sqlite"))
    }

    @Test func aBrokenSourceIsReportedAndTheOthersStillPublished() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try "<rss><channel><item><title>cut off".write(toFile: root + "/feeds/demo/rt-world.xml", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/feeds/demo/irna-en.rdf")
        let result = try CLIRunner.run(["run", "--config", root + "/feeds/demo.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("irna"))
        #expect(result.stdout.contains("cannot read the file"))
        #expect(result.stdout.contains("6 sources, 8 new, 0 updated, 2 errors"))
        #expect(try xmllintProblems(root + "/.mediawire/demo-wire.atom") == nil)
    }

    /// An editor changes a rule; the next `run` (no --force) shows it in every affected headline,
    /// and `restyle --store --dry-run` listed exactly those beforehand without changing anything.
    @Test func aStyleChangeReachesTheStoredWire() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/feeds/demo.yaml"
        #expect(try CLIRunner.run(["run", "--config", config]).status == 0)
        let feedPath = root + "/.mediawire/demo-wire.atom"
        func titles() throws -> [String] {
            let feed = try String(contentsOfFile: feedPath, encoding: .utf8)
            return feed.components(separatedBy: "<entry>").dropFirst().compactMap { entry in
                entry.range(of: "<title type=\"text\">").flatMap { start in
                    entry[start.upperBound...].range(of: "</title>").map {
                        String(entry[start.upperBound..<$0.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
                            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
                    }
                }
            }
        }
        let before = try titles()
        let stylePath = root + "/feeds/house-style.yaml"
        let style = try String(contentsOfFile: stylePath, encoding: .utf8)
        #expect(style.contains("  - case: sentence"))
        try style.replacingOccurrences(of: "  - case: sentence", with: "  - case: title").write(toFile: stylePath, atomically: true, encoding: .utf8)

        let dry = try CLIRunner.run(["restyle", "--store", "--config", config, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let listed = dry.stdout.split(separator: "\n").filter { $0.hasPrefix("  + ") }.map { String($0.dropFirst(4)) }
        #expect(!listed.isEmpty)
        #expect(dry.stdout.contains("would change \(listed.count) headline"))
        #expect(try titles() == before)  // a dry run changes nothing
        let again = try CLIRunner.run(["restyle", "--store", "--config", config, "--dry-run"])
        #expect(again.stdout == dry.stdout)

        let run = try CLIRunner.run(["run", "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("the house style changed: \(listed.count) of 12 stored headlines re-headlined"))
        let after = try titles()
        #expect(Set(after.filter { !before.contains($0) }) == Set(listed))
        #expect(after.count == before.count)
        let none = try CLIRunner.run(["restyle", "--store", "--config", config, "--dry-run"])
        #expect(none.stdout.hasSuffix("would change 0 headlines in the wire\n"))
    }

    /// The wire's entries as (id, title, dcterms:alternative), in feed order.
    func entries(_ feedPath: String) throws -> [(id: String, title: String, original: String?)] {
        let feed = try String(contentsOfFile: feedPath, encoding: .utf8)
        func element(_ name: String, _ entry: String) -> String? {
            entry.range(of: "<\(name)>").flatMap { start in
                entry[start.upperBound...].range(of: "</\(name.split(separator: " ")[0])>").map {
                    String(entry[start.upperBound..<$0.lowerBound]).replacingOccurrences(of: "&lt;", with: "<")
                        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
                }
            }
        }
        return feed.components(separatedBy: "<entry>").dropFirst().map { entry in
            (element("id", entry) ?? "", element("title type=\"text\"", entry) ?? "", element("dcterms:alternative", entry))
        }
    }

    @Test func anEditorsHeadlineSurvivesRunsStyleChangesAndAgencyUpdates() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/feeds/demo.yaml"
        #expect(try CLIRunner.run(["run", "--config", config]).status == 0)
        let feedPath = root + "/.mediawire/demo-wire.atom"
        let id = "tag:reuters.com,2026:world-ukraine-grain-2026-11-25"
        let agency = "EXCLUSIVE: Ukraine, Turkey Discuss Black Sea Grain Corridor Extension - Reuters"
        func reuters() throws -> (id: String, title: String, original: String?)? { try entries(feedPath).first { $0.id == id } }
        let house = try #require(try reuters()).title
        #expect(try reuters()?.original == agency)

        let set = try CLIRunner.run(["headline", "set", "--config", config, "--editor", "alice", id, "  Grain  corridor: talks on winter extension "])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "reuters \(id)\n  - \(house)\n  + Grain corridor: talks on winter extension  (editor alice)\n")
        // The wire is rewritten at once, and still carries the agency's headline.
        #expect(try reuters()?.title == "Grain corridor: talks on winter extension")
        #expect(try reuters()?.original == agency)

        // A forced run, a style change, an agency update of the same report: the headline stays.
        #expect(try CLIRunner.run(["run", "--config", config, "--force"]).status == 0)
        #expect(try reuters()?.title == "Grain corridor: talks on winter extension")
        let stylePath = root + "/feeds/house-style.yaml"
        let style = try String(contentsOfFile: stylePath, encoding: .utf8)
        try style.replacingOccurrences(of: "  - case: sentence", with: "  - case: title").write(toFile: stylePath, atomically: true, encoding: .utf8)
        let dry = try CLIRunner.run(["restyle", "--store", "--config", config, "--dry-run"])
        #expect(dry.stdout.contains("reuters \(id)  (an editor's headline stands in the wire)\n"))
        #expect(!dry.stdout.contains("reuters \(id)\n"))
        #expect(dry.stdout.hasSuffix("; 1 under editors' headlines keep them\n"))
        let agencyFile = root + "/feeds/demo/reuters-world.atom"
        let atom = try String(contentsOfFile: agencyFile, encoding: .utf8)
        #expect(atom.contains("two sources said"))
        try atom.replacingOccurrences(of: "two sources said", with: "three sources said").write(toFile: agencyFile, atomically: true, encoding: .utf8)
        let run = try CLIRunner.run(["run", "--config", config, "--force", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])?["updated"] as? Int == 1)
        #expect(try reuters()?.title == "Grain corridor: talks on winter extension")
        #expect(try entries(feedPath).contains { $0.title == "Russian Exports to Europe Fall 12 Per Cent, Says Ministry" })

        let list = try CLIRunner.run(["headline", "list", "--config", config])
        let listed = list.stdout.split(separator: "\n").map(String.init)
        #expect(listed.count == 6, "\(list.stdout)")
        #expect(listed.first == "reuters \(id)")
        #expect(listed.contains("  editor:  Grain corridor: talks on winter extension"))
        #expect(listed.contains("  house:   Ukraine, Turkey Discuss Black Sea Grain Corridor Extension"))
        #expect(listed.contains("  agency:  \(agency)"))
        #expect(listed.contains { $0.hasPrefix("  set by alice at ") && $0.contains("; agency updated since (") })
        #expect(listed.last == "1 report under an editor's headline")

        // Cleared: the house-style headline under the style in force.
        let clear = try CLIRunner.run(["headline", "clear", "--config", config, "--editor", "bob", "reuters:id:\(id)"])
        #expect(clear.status == 0, "\(clear.stderr)")
        #expect(try reuters()?.title == "Ukraine, Turkey Discuss Black Sea Grain Corridor Extension")
        #expect(try CLIRunner.run(["headline", "clear", "--config", config, "--editor", "bob", id]).status == 1)

        let show = try CLIRunner.run(["headline", "show", "--config", config, id])
        let shown = show.stdout.split(separator: "\n").map(String.init)
        #expect(shown.contains("  agency:  \(agency)"))
        #expect(shown.contains { $0.hasPrefix("  style:   strip: ") })
        #expect(shown.contains("  wire:    Ukraine, Turkey Discuss Black Sea Grain Corridor Extension (house style)"))
        #expect(shown.suffix(3).first == "history:")
        #expect(shown.suffix(2).first?.hasSuffix("  alice  set \"Grain corridor: talks on winter extension\"") == true)
        #expect(shown.last?.hasSuffix("  bob  cleared \"Grain corridor: talks on winter extension\"") == true)
        let explain = try CLIRunner.run(["restyle", "--config", config, "--entry", id, "--explain"])
        #expect(explain.stdout == shown.dropLast(3).joined(separator: "\n") + "\n")

        let missing = try CLIRunner.run(["headline", "set", "--config", config, "--editor", "alice", "reuters:id:none", "X"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("demo.sqlite: no report 'reuters:id:none'"))
    }
}
