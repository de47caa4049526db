import Foundation
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
        if FileManager.default.fileExists(atPath: schema) { arguments += ["--relaxng", schema] }
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
        #expect(try titles() == before)                     // a dry run changes nothing
        let again = try CLIRunner.run(["restyle", "--store", "--config", config, "--dry-run"])
        #expect(again.stdout == dry.stdout)

        let run = try CLIRunner.run(["run", "--config", config])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("the house style changed: \(listed.count) of 12 stored headlines re-headlined"))
        let after = try titles()
        #expect(Set(after.filter { !before.contains($0) }) == Set(listed))
        #expect(after.count == before.count)
        let none = try CLIRunner.run(["restyle", "--store", "--config", config, "--dry-run"])
        #expect(none.stdout.hasSuffix("would change 0 headlines\n"))
    }
}
