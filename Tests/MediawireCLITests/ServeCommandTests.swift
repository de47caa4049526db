import Foundation
import Testing

/// `mediawire serve` as an operator runs it: it refuses a broken configuration at start, and
/// SIGTERM stops it with status 0.
@Suite(.serialized) struct ServeCommandTests {
    func demoCopy() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("mediawire-serve-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "feeds", toPath: root + "/feeds")
        return root
    }

    @Test func aBrokenConfigurationIsRefusedAtStart() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/feeds/demo.yaml"
        let yaml = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "sources:\n", with: "serve:\n  listen: nowhere\nsources:\n")
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        let line = try #require(yaml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "  listen: nowhere")) + 1
        let result = try CLIRunner.run(["serve", "--config", config])
        #expect(result.status == 2)
        #expect(result.stderr == "mediawire serve: \(config):\(line): listen must be HOST:PORT, e.g. 127.0.0.1:8080\n")
    }

    @Test func sigtermStopsTheServiceWithStatusZero() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve", "--config", root + "/feeds/demo.yaml", "--listen", "127.0.0.1:0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // The first wire is written, then the service is told to stop.
        var log = ""
        let deadline = Date().addingTimeInterval(60)
        while !log.contains("wrote 12 entries"), Date() < deadline {
            let data = errors.fileHandleForReading.availableData
            if data.isEmpty { break }
            log += String(decoding: data, as: UTF8.self)
        }
        #expect(log.contains("listening on port "))
        #expect(log.contains("wrote 12 entries to \(root)/.mediawire/demo-wire.atom"))
        let stopping = Date()
        process.terminate()  // SIGTERM
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        #expect(Date().timeIntervalSince(stopping) < 10)
        #expect(FileManager.default.fileExists(atPath: root + "/.mediawire/demo-wire.atom"))
    }

    @Test func generateWritesThePagesAsFilesLinkedToEachOther() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/feeds/demo.yaml"
        #expect(try CLIRunner.run(["run", "--config", config]).status == 0)
        let site = root + "/site"
        let result = try CLIRunner.run(["generate", "--config", config, "--html", site])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasSuffix("mediawire generate: wrote the Media Wire pages to \(site) (12 reports)\n"))
        let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
        let reports = index.components(separatedBy: "href=\"reports/").dropFirst().compactMap { $0.split(separator: "\"").first }
        #expect(reports.count == 12)
        for report in reports {
            let page = try String(contentsOfFile: site + "/reports/" + report, encoding: .utf8)
            #expect(page.contains("<header><a href=\"../index.html\">Media Wire (demo)</a></header>"))
            #expect(page.contains("<link rel=\"stylesheet\" href=\"../style.css\" />"))
            #expect(page.contains("<p class=\"original\">Original URL: <a href=\"http"))
        }
        #expect(FileManager.default.fileExists(atPath: site + "/style.css"))
    }

    @Test func sighupReloadsTheStyleAtOnce() throws {
        let root = try demoCopy()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let config = root + "/feeds/demo.yaml"
        // A tick of an hour: only the signal can make it look at the files again.
        let yaml = try String(contentsOfFile: config, encoding: .utf8).replacingOccurrences(of: "sources:\n", with: "serve:\n  tick: 1h\nsources:\n")
        try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = CLIRunner.binary
        process.arguments = ["serve", "--config", config, "--listen", "127.0.0.1:0"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        func read(until text: String) -> String {
            var log = ""
            let deadline = Date().addingTimeInterval(30)
            while !log.contains(text), Date() < deadline {
                let data = errors.fileHandleForReading.availableData
                if data.isEmpty { break }
                log += String(decoding: data, as: UTF8.self)
            }
            return log
        }
        #expect(read(until: "wrote 12 entries").contains("wrote 12 entries"))
        let stylePath = root + "/feeds/house-style.yaml"
        let style = try String(contentsOfFile: stylePath, encoding: .utf8)
        try style.replacingOccurrences(of: "  - case: sentence", with: "  - case: title").write(toFile: stylePath, atomically: true, encoding: .utf8)
        kill(process.processIdentifier, SIGHUP)
        let log = read(until: "wrote 12 entries")
        #expect(log.contains("reloaded \(config) and \(stylePath)"))
        #expect(log.contains("house style changed: 12 of 12 stored headlines re-headlined"))
        let wire = try String(contentsOfFile: root + "/.mediawire/demo-wire.atom", encoding: .utf8)
        #expect(wire.contains("Russian Exports to Europe Fall 12 Per Cent, Says Ministry"))
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
