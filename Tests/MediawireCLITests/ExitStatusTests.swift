import Foundation
import Testing

/// Every failure a user can cause: its exact message on standard error (naming the file, line,
/// source or store) and its exit status, from the one place the CLI maps errors.
@Suite(.serialized) struct ExitStatusTests {
    let root: String
    let config: String

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("mediawire-exit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "feeds", toPath: root + "/feeds")
        config = root + "/feeds/demo.yaml"
    }

    func write(_ text: String, _ name: String) throws -> String {
        let path = root + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aConfigurationThatIsNotYAMLNamesItsLine() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bad = try write("version: 1\nstore: x\n  bad: [\n", "bad.yaml")
        let result = try CLIRunner.run(["run", "--config", bad])
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("mediawire run: \(bad):3: not valid YAML: "))
        #expect(result.stderr.split(separator: "\n").count == 3)
    }

    @Test func anInvalidConfigurationValueNamesItsLine() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bad = try write("version: 1\npoll:\n  concurrency: -3\n", "bad.yaml")
        let result = try CLIRunner.run(["poll", "--config", bad])
        #expect(result.status == 2)
        #expect(result.stderr == "mediawire poll: \(bad):3: concurrency must be a positive whole number\n")
    }

    @Test func anUnknownSourceIsAConfigurationError() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let result = try CLIRunner.run(["poll", "--config", config, "--source", "nope"])
        #expect(result.status == 2)
        #expect(result.stderr == "mediawire poll: \(config): no source with id 'nope' in the configuration\n")
        let restyle = try CLIRunner.run(["restyle", "--store", "--config", config, "--source", "nope"])
        #expect(restyle.status == 2)
        #expect(restyle.stderr == "mediawire restyle: \(config): no source with id 'nope' in the configuration\n")
    }

    @Test func aStoreThatIsNotADatabaseIsStatusThree() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try write(String(repeating: "not a database ", count: 300), "broken.sqlite")
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "store: ../.mediawire/demo.sqlite", with: "store: ../broken.sqlite")
        let broken = try write(yaml, "feeds/broken.yaml")
        let result = try CLIRunner.run(["generate", "--config", broken])
        #expect(result.status == 3)
        #expect(result.stderr == "mediawire generate: store \(store): file is not a database\n")
        // Nothing was written over it.
        #expect(try String(contentsOfFile: store, encoding: .utf8).hasPrefix("not a database"))
    }

    @Test func aFeedThatCannotBeWrittenIsStatusFourAndTheStoreIsKept() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try CLIRunner.run(["run", "--config", config]).status == 0)
        // A folder that cannot be made: a file is in the way.
        let out = config + "/wire.atom"
        let result = try CLIRunner.run(["generate", "--config", config, "--out", out])
        #expect(result.status == 4)
        #expect(result.stderr.hasPrefix("mediawire generate: \(out): cannot create \(out).tmp-"))
        #expect(result.stderr.hasSuffix(": Not a directory\n"))
    }

    @Test func aStyleWithAnErrorNamesItsLineAndRule() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let style = try write("version: 1\nrules:\n  - regex: {pattern: '(unclosed', replace: x}\n", "style.yaml")
        let result = try CLIRunner.run(["restyle", "--style", style, "Quake hits coast"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("mediawire restyle: \(style):3: rule 'regex': "))
    }

    @Test func unreadableInputsAreStatusTwo() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        for command in ["parse", "validate"] {
            let result = try CLIRunner.run([command, root + "/missing.xml"])
            #expect(result.status == 2)
            #expect(result.stderr == "mediawire \(command): \(root)/missing.xml: no such file or not readable\n")
        }
        let opml = try CLIRunner.run(["sources", "import", root + "/missing.opml"])
        #expect(opml.status == 2)
        #expect(opml.stderr == "mediawire sources import: \(root)/missing.opml: no such file or not readable\n")
    }

    @Test func anUnknownReportIsStatusTwoEvenWhenItsNameIsHuge() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try CLIRunner.run(["run", "--config", config]).status == 0)
        // 100 KB on standard error: more than a pipe holds, read while the output is.
        let reference = "reuters:" + String(repeating: "x", count: 100_000)
        let result = try CLIRunner.run(["headline", "set", "--config", config, "--editor", "alice", reference, "A headline"])
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "mediawire headline set: \(root)/.mediawire/demo.sqlite: no report '\(reference)' (give its atom:id in the wire, or SOURCE:KEY)\n")
        let clear = try CLIRunner.run([
            "headline", "clear", "--config", config, "--editor", "alice", "tag:reuters.com,2026:world-ukraine-grain-2026-11-25",
        ])
        #expect(clear.status == 1)
        #expect(clear.stderr == "mediawire headline clear: tag:reuters.com,2026:world-ukraine-grain-2026-11-25 has no editor's headline\n")
    }

    @Test func theVersionIsOneVersion() throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let version = try CLIRunner.run(["--version"])
        #expect(version.status == 0)
        #expect(try CLIRunner.run(["run", "--config", config]).status == 0)
        let wire = try String(contentsOfFile: root + "/.mediawire/demo-wire.atom", encoding: .utf8)
        #expect(
            wire.contains(
                "<generator uri=\"https://mediawire.dev/\" version=\"\(version.stdout.trimmingCharacters(in: .newlines))\">MediaWire</generator>"))
    }
}
