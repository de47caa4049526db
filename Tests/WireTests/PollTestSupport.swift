import Foundation
import HouseStyle
import LoopbackServer
import TestSupport
import Testing

@testable import Wire

/// A clock the tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Double

    init(_ start: Double = 1_800_000_000) { value = start }

    var now: Double {
        lock.lock(); defer { lock.unlock() }
        return value
    }

    func advance(_ seconds: Double) {
        lock.lock(); value += seconds; lock.unlock()
    }
}

/// The store's two backends: the store's tests run against each (one suite, parameterized).
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// The `store:` value for a new, empty store of this kind in `directory`. A PostgreSQL case
    /// without a server fails in CI and is reported as skipped elsewhere.
    func newStore(in directory: String) throws -> String {
        switch self {
        case .sqlite: return "wire.sqlite"
        case .postgres:
            guard TestPostgres.available else {
                if SharedMaterial.inCI { throw TestPostgresError(message: TestPostgres.missing) }
                try Test.cancel(Comment(rawValue: TestPostgres.missing))
            }
            return try TestPostgres.freshDatabase()
        }
    }
}

/// A wire in a temporary directory: its configuration, store and clock.
struct TestWire {
    let directory: String
    let config: WireConfig
    let store: any WireStore
    let clock = TestClock()
    let backend: Backend

    /// `sources` are (id, url) pairs; `poll` is extra YAML under `poll:`.
    /// `sourceLines` adds YAML lines (e.g. `content: preserve`) to the source with that id.
    init(
        sources: [(String, String)], poll: String = "", style: String? = nil, sourceLines: [String: String] = [:],
        backend: Backend = .sqlite
    ) throws {
        self.backend = backend
        directory = NSTemporaryDirectory() + "mediawire-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var settings = ["timeout: 5s", "min-interval: 1m"]
        for line in poll.split(separator: "\n").map(String.init) {
            let key = line.prefix { $0 != ":" }
            settings.removeAll { $0.hasPrefix(key + ":") }
            settings.append(line)
        }
        let storeValue = try backend.newStore(in: directory)
        var yaml = """
            version: 1
            store: "\(storeValue)"
            poll:
            \(settings.map { "  " + $0 }.joined(separator: "\n"))
            output:
              path: wire.atom
              id: "tag:example.org,2026:wire"
              title: "Test Wire"
              self: "https://example.org/wire.atom"
              site: "https://example.org/wire/"
            sources:

            """
        for (id, url) in sources {
            yaml += "  - id: \(id)\n    name: \(id.uppercased())\n    url: \"\(url)\"\n"
            if let style { yaml += "    style: \(style)\n" }
            if let extra = sourceLines[id] { yaml += "    \(extra)\n" }
        }
        config = try ConfigLoader.load(yaml: yaml, file: directory + "/wire.yaml", directory: directory)
        store = try openStore(config.store)
    }

    func poll(force: Bool = false, only: [String] = [], style: HouseStyle? = nil) async throws -> PollReport {
        var options = Poller.Options()
        options.force = force
        options.only = only
        options.spread = false  // the configured order, on either backend
        let clock = self.clock
        options.now = { clock.now }
        return try await Poller(config: config, store: store, style: style, options: options).run()
    }

    func state(_ id: String) throws -> SourceState {
        guard let state = try store.sourceState(id) else { throw StoreError(.failed, path: "", message: "no state for \(id)") }
        return state
    }

    func remove() {
        store.close()
        if backend == .postgres { TestPostgres.drop(config.store) }
        try? FileManager.default.removeItem(atPath: directory)
    }
}

extension PollReport {
    func outcome(_ id: String) -> SourceOutcome? { outcomes.first { $0.source == id } }
}

/// Small feeds for the tests.
enum Fixture {
    static func rss(_ items: [(guid: String, title: String, body: String)], ttl: Int? = nil) -> String {
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <rss version="2.0"><channel><title>Agency</title><link>https://agency.example/</link>
            <description>News</description>
            """
        if let ttl { out += "<ttl>\(ttl)</ttl>" }
        for item in items {
            out += """
                <item><title>\(item.title)</title><link>https://agency.example/\(item.guid)</link>
                <guid>https://agency.example/\(item.guid)</guid><description>\(item.body)</description>
                <pubDate>Wed, 25 Nov 2026 10:00:00 GMT</pubDate></item>
                """
        }
        return out + "</channel></rss>"
    }

    static let two = rss([("a1", "First report", "Body one"), ("a2", "Second report", "Body two")])

    /// `gzip` of `bytes` (through the system's gzip).
    static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -c"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(bytes))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }
}
