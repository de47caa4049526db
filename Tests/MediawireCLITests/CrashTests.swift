import Foundation
import GRDB
import LoopbackServer
import TestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// `kill -9` at any moment and a full disk: nothing stored is lost or stored twice, the feed file
/// is the old one or a whole new one, and the next run completes.
@Suite(.serialized) struct CrashTests {
    /// A wire of `count` loopback agencies, each with `items` reports, in a fresh folder.
    struct Wire {
        let root: String
        let config: String
        let server: LoopbackServer

        init(sources count: Int, items: Int, folder: String? = nil) throws {
            root = folder ?? FileManager.default.temporaryDirectory.appendingPathComponent("mediawire-crash-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            let feeds = (0..<count).map { n in
                Array(
                    ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Agency \(n)</title><link>https://a\(n).example/</link><description>d</description>"
                        + (0..<items).map { i in
                            "<item><title>Report \(i) of agency \(n) on the grain corridor talks</title><guid>https://a\(n).example/\(i)</guid>"
                                + "<description>&lt;p&gt;\(String(repeating: "Officials met again and talked. ", count: 20))&lt;/p&gt;</description></item>"
                        }.joined() + "</channel></rss>").utf8)
            }
            server = try LoopbackServer { request in
                guard let n = Int(request.path.dropFirst(6)), n < feeds.count else { return .status(404) }
                return .full(status: 200, headers: [("Content-Type", "application/rss+xml")], body: feeds[n])
            }
            var yaml = """
                version: 1
                store: store/wire.sqlite
                poll:
                  concurrency: 16
                  timeout: 10s
                output:
                  path: out/wire.atom
                  id: "tag:example.org,2026:crash"
                  title: "Crash wire"
                  self: "https://example.org/wire.atom"
                  site: "https://example.org/"
                  limit: 500
                sources:

                """
            for n in 0..<count { yaml += "  - {id: s\(n), url: \"\(server.url("/feed/\(n)"))\"}\n" }
            config = root + "/wire.yaml"
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        }

        var store: String { root + "/store/wire.sqlite" }
        var feed: String { root + "/out/wire.atom" }

        /// Runs `mediawire ARGS` and kills it with SIGKILL after `delay` seconds (if still running).
        func killed(_ arguments: [String], after delay: Double) throws {
            let process = Process()
            process.executableURL = CLIRunner.binary
            process.arguments = arguments + ["--config", config]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        /// The store opens, passes SQLite's integrity check and holds no report twice.
        func checkStore() throws -> Int {
            guard FileManager.default.fileExists(atPath: store) else { return 0 }
            let queue = try DatabaseQueue(path: store)
            defer { try? queue.close() }
            return try queue.read { db in
                #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
                let twice = try Int.fetchOne(db, sql: "SELECT count(*) - count(DISTINCT sourceID || char(0) || key) FROM entry") ?? -1
                #expect(twice == 0)
                let ids = try Int.fetchOne(db, sql: "SELECT count(*) - count(DISTINCT atomID) FROM entry") ?? -1
                #expect(ids == 0)
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? 0
            }
        }

        /// The feed file is there (every caller has had a whole one written before) and whole:
        /// well-formed XML that ends with </feed>. A kill never leaves it missing or cut.
        func checkFeed() throws {
            try #require(FileManager.default.fileExists(atPath: feed), "the feed file is gone")
            let text = try String(contentsOfFile: feed, encoding: .utf8)
            #expect(text.hasSuffix("</feed>\n"))
            #expect(XMLParser(data: Data(text.utf8)).parse(), "the feed file is not whole")
        }

        func remove() {
            server.stop()
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    @Test func killedAtAnyMomentLosesNothing() throws {
        let wire = try Wire(sources: 200, items: 10)
        defer { wire.remove() }
        var generator = SystemRandomNumberGenerator()
        // 20 kills of a poll of 200 sources, anywhere in it.
        for _ in 0..<20 {
            try wire.killed(["poll", "--force"], after: Double.random(in: 0.05...1.5, using: &generator))
            _ = try wire.checkStore()
        }
        // 20 kills of generate, anywhere in it; a first whole feed to lose.
        #expect(try CLIRunner.run(["generate", "--config", wire.config]).status == 0)
        for _ in 0..<20 {
            try wire.killed(["generate"], after: Double.random(in: 0.01...0.4, using: &generator))
            try wire.checkFeed()
            _ = try wire.checkStore()
        }
        // The next run completes: every source, every report, once.
        let run = try CLIRunner.run(["run", "--config", wire.config, "--force"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try wire.checkStore() == 2_000)
        try wire.checkFeed()
        #expect(try String(contentsOfFile: wire.feed, encoding: .utf8).components(separatedBy: "<entry>").count - 1 == 500)
    }

    /// A 16 MiB tmpfs for the store and the feed (needs root to mount; required in CI).
    static var canMount: Bool { getuid() == 0 }

    @Test(.enabled(if: canMount || SharedMaterial.inCI))
    func aFullDiskFailsClearlyAndLosesNothing() throws {
        try #require(Self.canMount, "mounting a tmpfs needs root")
        let mount = FileManager.default.temporaryDirectory.appendingPathComponent("mediawire-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        func sh(_ command: String) throws -> Int32 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", command]
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        try #require(try sh("mount -t tmpfs -o size=16m tmpfs '\(mount)'") == 0)
        defer {
            _ = try? sh("umount '\(mount)'")
            try? FileManager.default.removeItem(atPath: mount)
        }
        let wire = try Wire(sources: 20, items: 10, folder: mount + "/wire")
        defer { wire.server.stop() }
        #expect(try CLIRunner.run(["run", "--config", wire.config]).status == 0)
        let stored = try wire.checkStore()
        #expect(stored == 200)
        let feed = try String(contentsOfFile: wire.feed, encoding: .utf8)

        // The disk fills up; the agencies have more to say.
        _ = try sh("dd if=/dev/zero of='\(mount)/filler' bs=4k 2>/dev/null")
        let more = try Wire(
            sources: 20, items: 40, folder: FileManager.default.temporaryDirectory.appendingPathComponent("m-\(UUID().uuidString)").path)
        defer { more.remove() }
        let moved = try String(contentsOfFile: wire.config, encoding: .utf8)
            .replacingOccurrences(of: wire.server.url("/feed/"), with: more.server.url("/feed/"))
        try moved.write(toFile: wire.config, atomically: false, encoding: .utf8)
        // Both fail, saying the disk is full and naming the file they could not write.
        for command in ["poll", "generate"] {
            let result = try CLIRunner.run([command, "--config", wire.config] + (command == "poll" ? ["--force"] : []))
            #expect(result.status == 3 || result.status == 4, "\(command): \(result.stderr)")
            #expect(result.stderr.contains("the disk is full") || result.stderr.contains("No space left on device"), "\(command): \(result.stderr)")
            #expect(result.stderr.contains(wire.store) || result.stderr.contains(wire.feed), "\(command): \(result.stderr)")
        }
        // The old feed stays.
        #expect(try String(contentsOfFile: wire.feed, encoding: .utf8) == feed)

        // Space returns: nothing stored was lost, and the next run completes.
        try FileManager.default.removeItem(atPath: mount + "/filler")
        #expect(try wire.checkStore() >= stored)
        let run = try CLIRunner.run(["run", "--config", wire.config, "--force"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try wire.checkStore() == 800)
        try wire.checkFeed()
    }
}
