import Foundation
import Testing

/// `mediawire validate`: compiler-style text, the JSON list, and the exit codes a build relies on.
@Suite struct ValidateCommandTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mw-validate-\(UUID().uuidString).xml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let broken = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0">
        <channel>
        <title>Desk</title>
        <link>http://example.org/</link>
        <description>News</description>
        <item><title>A</title><pubDate>yesterday</pubDate></item>
        </channel>
        </rss>
        """

    @Test func textIsOneDiagnosticALineThenASummary() throws {
        let path = try write(Self.broken)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLIRunner.run(["validate", path])
        #expect(result.status == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(path):7:") && $0.contains(": error: InvalidRFC2822Date: ") })
        #expect(lines.last?.hasPrefix("\(path): rss20: 1 error") == true)
    }

    @Test func jsonIsTheListTheHarnessReads() throws {
        let path = try write(Self.broken)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try CLIRunner.run(["validate", path, "--format", "json"])
        #expect(result.status == 1)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let date = try #require(list.first { $0["code"] as? String == "InvalidRFC2822Date" })
        #expect(date["severity"] as? String == "error")
        #expect(date["line"] as? Int == 7)
        let params = try #require(date["params"] as? [String: String])
        #expect(params["parent"] == "item")
        #expect(params["element"] == "pubDate")
        #expect(params["value"] == "yesterday")
    }

    @Test func aValidFeedExitsZeroAndStandardInputWorks() throws {
        let valid = Self.broken.replacingOccurrences(of: "yesterday", with: "Tue, 01 Dec 2026 10:00:00 GMT")
            .replacingOccurrences(of: "<title>A</title>", with: "<title>A</title><guid>http://example.org/a</guid>")
        let result = try CLIRunner.run(["validate", "-"], stdin: Data(valid.utf8))
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("-: rss20: 0 errors"))
    }

    @Test func anUnreadableInputExitsTwo() throws {
        let result = try CLIRunner.run(["validate", "/no/such/feed.xml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/no/such/feed.xml"))
    }

    @Test func theBundledDemoFeedsAreValid() throws {
        for name in ["rt-world.xml", "reuters-world.atom", "irna-en.rdf", "tass-latin1.xml", "presstv-noguid.xml"] {
            let result = try CLIRunner.run(["validate", "feeds/demo/" + name, "--format", "json"])
            let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
            let errors = list.filter { $0["severity"] as? String == "error" }
            #expect(errors.isEmpty, "\(name): \(errors)")
        }
    }
}
