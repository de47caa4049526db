import Foundation
import LoopbackServer
import Testing

@testable import Wire

/// Every network case the poll issue names, against a loopback server; each asserts the stored
/// state afterwards.
@Suite(.serialized) struct PollTests {
    @Test(arguments: Backend.allCases) func okThenConditionalNotModifiedWritesNothing(backend: Backend) async throws {
        let server = try LoopbackServer { request in
            if request.headers["if-none-match"] == "\"v1\"" { return .status(304, headers: [("ETag", "\"v1\"")]) }
            return .ok(Fixture.two, headers: [("ETag", "\"v1\""), ("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT")])
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))], backend: backend)
        defer { wire.remove() }

        let first = try await wire.poll()
        #expect(first.outcome("agency")?.status == .fetched)
        #expect(first.outcome("agency")?.inserted == 2)
        var state = try wire.state("agency")
        #expect(state.etag == "\"v1\"")
        #expect(state.lastModified == "Wed, 25 Nov 2026 10:00:00 GMT")
        #expect(state.errorCount == 0)
        let before = try wire.store.entries(sourceID: "agency")
        #expect(before.map(\.originalTitle) == ["First report", "Second report"])

        // Not due yet: nothing is fetched.
        let notDue = try await wire.poll()
        #expect(notDue.outcome("agency")?.status == .notDue)
        #expect(server.requests(to: "/feed").count == 1)

        wire.clock.advance(3600)
        let second = try await wire.poll()
        #expect(second.outcome("agency")?.status == .notModified)
        let conditional = try #require(server.requests(to: "/feed").last)
        #expect(conditional.headers["if-none-match"] == "\"v1\"")
        #expect(conditional.headers["if-modified-since"] == "Wed, 25 Nov 2026 10:00:00 GMT")
        #expect(conditional.headers["user-agent"]?.contains("MediaWire/") == true)
        #expect(try wire.store.entries(sourceID: "agency") == before)
        state = try wire.state("agency")
        #expect(state.lastStatus == 304)
        #expect(state.nextCheck == wire.clock.now + 900)
    }

    @Test(arguments: Backend.allCases) func sameBodyAgainWritesNoEntries(backend: Backend) async throws {
        let server = try LoopbackServer { _ in .ok(Fixture.two) }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))], backend: backend)
        defer { wire.remove() }
        _ = try await wire.poll()
        let before = try wire.store.entries(sourceID: "agency")
        let changesBefore = try (wire.store as? SQLiteStore)?.totalChanges()
        wire.clock.advance(3600)
        let again = try await wire.poll()
        #expect(again.outcome("agency")?.status == .notModified)
        #expect(try wire.store.entries(sourceID: "agency") == before)
        // One write: the source's schedule. None for entries (SQLite counts its changes).
        if let sqlite = wire.store as? SQLiteStore, let changesBefore {
            #expect(try sqlite.totalChanges() - changesBefore <= 2)
        }
    }

    @Test(arguments: [301, 308]) func permanentRedirectIsRemembered(status: Int) async throws {
        let server = try LoopbackServer { request in
            request.path == "/old" ? .status(status, headers: [("Location", "/new")]) : .ok(Fixture.two)
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/old"))])
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("agency")?.inserted == 2)
        #expect(try wire.state("agency").fetchURL == server.url("/new"))
        wire.clock.advance(3600)
        _ = try await wire.poll()
        #expect(server.requests(to: "/old").count == 1)
        #expect(server.requests(to: "/new").count == 2)
    }

    @Test(arguments: [302, 307]) func temporaryRedirectIsFollowedNotRemembered(status: Int) async throws {
        let server = try LoopbackServer { request in
            request.path == "/feed" ? .status(status, headers: [("Location", serverURL(request, "/elsewhere"))]) : .ok(Fixture.two)
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))])
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("agency")?.inserted == 2)
        #expect(try wire.state("agency").fetchURL == server.url("/feed"))
    }

    @Test(arguments: Backend.allCases) func goneDisablesTheSourceWithAMessage(backend: Backend) async throws {
        let server = try LoopbackServer { _ in .status(410) }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))], backend: backend)
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("agency")?.status == .disabled)
        #expect(report.outcome("agency")?.message?.contains("410") == true)
        let state = try wire.state("agency")
        #expect(state.disabled?.contains("no longer exists") == true)
        // --force does not poll a source that is gone.
        wire.clock.advance(86_400)
        let forced = try await wire.poll(force: true)
        #expect(forced.outcome("agency")?.status == .disabled)
        #expect(server.requests.count == 1)
    }

    @Test(arguments: Backend.allCases) func tooManyRequestsWithSecondsHoldsTheWholeHost(backend: Backend) async throws {
        let busyCalls = Counter()
        let server = try LoopbackServer { request in
            guard request.path == "/busy" else { return .ok(Fixture.two) }
            busyCalls.value += 1
            return busyCalls.value == 1 ? .status(429, headers: [("Retry-After", "120")]) : .ok(Fixture.two)
        }
        defer { server.stop() }
        // One request at a time to the host, so the 429 is seen before the other source is fetched.
        let wire = try TestWire(
            sources: [("busy", server.url("/busy")), ("other", server.url("/other"))],
            poll: "per-host: 1\nconcurrency: 1", backend: backend)
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("busy")?.status == .error)
        #expect(report.outcome("busy")?.httpStatus == 429)
        #expect(report.outcome("other")?.status == .held)
        let state = try wire.state("busy")
        #expect(state.holdUntil == wire.clock.now + 120)
        #expect(state.errorCount == 1)
        #expect(try wire.store.hostHolds(now: wire.clock.now).values.first == wire.clock.now + 120)
        // --force respects Retry-After, for every source of the host.
        wire.clock.advance(60)
        let forced = try await wire.poll(force: true)
        #expect(forced.outcome("busy")?.status == .held)
        #expect(forced.outcome("other")?.status == .held)
        #expect(server.requests.count == 1)
        // After the wait, both are polled.
        wire.clock.advance(61)
        let later = try await wire.poll(force: true)
        #expect(later.outcome("other")?.inserted == 2)
        #expect(later.outcome("busy")?.inserted == 2)
        #expect(try wire.state("busy").errorCount == 0)
        #expect(server.requests(to: "/busy").count == 2)
    }

    @Test func unavailableWithAnHTTPDateIsHonoured() async throws {
        let clock = TestClock()
        let retryDate = Date(timeIntervalSince1970: clock.now + 600)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let header = formatter.string(from: retryDate)
        let server = try LoopbackServer { _ in .status(503, headers: [("Retry-After", header)]) }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))])
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("agency")?.httpStatus == 503)
        let state = try wire.state("agency")
        #expect(state.holdUntil == clock.now + 600)
        // The next check is the later of Retry-After and the (backed-off) interval.
        #expect(try #require(state.nextCheck) >= clock.now + 600)
    }

    @Test(arguments: Backend.allCases) func serverErrorsBackOffAndKeepWhatWasStored(backend: Backend) async throws {
        let failing = Flag()
        let server = try LoopbackServer { _ in failing.value ? .status(500) : .ok(Fixture.two) }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))], poll: "default-interval: 10m\nmax-interval: 6h", backend: backend)
        defer { wire.remove() }
        _ = try await wire.poll()
        failing.value = true
        var delays: [Double] = []
        for _ in 0..<4 {
            wire.clock.advance(86_400)
            let report = try await wire.poll()
            #expect(report.outcome("agency")?.status == .error)
            #expect(report.outcome("agency")?.message?.contains("HTTP 500") == true)
            let state = try wire.state("agency")
            delays.append(try #require(state.nextCheck) - wire.clock.now)
        }
        let state = try wire.state("agency")
        #expect(state.errorCount == 4)
        #expect(state.lastError?.contains("500") == true)
        // 10 min doubled each time (±20% jitter), never over the 6 h ceiling.
        #expect(delays[0] >= 480 && delays[0] <= 720)
        #expect(delays[3] >= 3840 && delays[3] <= 5760)
        #expect(delays.allSatisfy { $0 <= 6 * 3600 })
        #expect(try wire.store.entryCount(sourceID: "agency") == 2)
        // Recovery resets the count.
        failing.value = false
        wire.clock.advance(86_400)
        _ = try await wire.poll()
        #expect(try wire.state("agency").errorCount == 0)
    }

    @Test func aSlowBodyHitsTheTimeout() async throws {
        let server = try LoopbackServer { _ in
            .slow(
                status: 200, headers: [("Content-Type", "application/rss+xml")],
                chunks: Array(repeating: Array("<!-- slow -->".utf8), count: 40), interval: 0.25)
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("slow", server.url("/feed"))], poll: "timeout: 1s")
        defer { wire.remove() }
        let started = Date()
        let report = try await wire.poll()
        #expect(Date().timeIntervalSince(started) < 5)
        #expect(report.outcome("slow")?.status == .error)
        #expect(report.outcome("slow")?.message?.contains("no complete answer within 1 s") == true)
        #expect(try wire.state("slow").errorCount == 1)
    }

    @Test func anEndlessBodyHitsTheCap() async throws {
        let server = try LoopbackServer { _ in
            .endless(headers: [("Content-Type", "application/rss+xml")], chunk: Array(repeating: UInt8(ascii: " "), count: 16_384))
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("endless", server.url("/feed"))], poll: "max-bytes: 256KiB")
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("endless")?.status == .error)
        #expect(report.outcome("endless")?.message?.contains("larger than 262144 bytes") == true)
    }

    @Test func gzipBodiesAreDecompressed() async throws {
        let compressed = try Fixture.gzip(Array(Fixture.two.utf8))
        let server = try LoopbackServer { request in
            #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
            return .full(status: 200, headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")], body: compressed)
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))])
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("agency")?.inserted == 2)
        #expect(try wire.store.entries(sourceID: "agency").first?.originalTitle == "First report")
    }

    @Test func theContentTypeCharsetReachesTheParser() async throws {
        // Latin-1 bytes, no encoding in the document: only the header says what they are.
        let latin1 = Array(
            "<rss version=\"2.0\"><channel><title>T</title><item><title>Caf\u{E9} d\u{E9}bat</title><guid>https://a.example/1</guid></item></channel></rss>"
                .unicodeScalars.map { UInt8($0.value) })
        let server = try LoopbackServer { request in
            request.path == "/declared"
                ? .full(status: 200, headers: [("Content-Type", "text/xml; charset=iso-8859-1")], body: latin1)
                : .full(status: 200, headers: [("Content-Type", "text/xml; charset=utf-8")], body: latin1)
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("declared", server.url("/declared")), ("wrong", server.url("/wrong"))])
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(try wire.store.entries(sourceID: "declared").first?.originalTitle == "Café débat")
        #expect(report.outcome("declared")?.problems == 0)
        // A wrong charset is salvaged (and reported), not mojibake.
        #expect(try wire.store.entries(sourceID: "wrong").first?.originalTitle == "Café débat")
        #expect(report.outcome("wrong")?.problems ?? 0 > 0)
    }

    @Test func aRedirectLoopIsAnErrorNotAHang() async throws {
        let server = try LoopbackServer { request in
            .status(302, headers: [("Location", request.path == "/a" ? "/b" : "/a")])
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("loop", server.url("/a"))])
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("loop")?.status == .error)
        #expect(report.outcome("loop")?.message?.contains("redirect loop") == true)
        #expect(server.requests.count == 2)
    }

    @Test func tooManyRedirectsIsAnError() async throws {
        let server = try LoopbackServer { request in
            let n = Int(request.path.dropFirst()) ?? 0
            return .status(301, headers: [("Location", "/\(n + 1)")])
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("far", server.url("/0"))])
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("far")?.message?.contains("more than 5 redirects") == true)
        #expect(try wire.state("far").fetchURL == server.url("/0"))
    }

    @Test(arguments: Backend.allCases) func aResetConnectionAndABrokenFeedDoNotStopTheOthers(backend: Backend) async throws {
        let server = try LoopbackServer { request in
            switch request.path {
            case "/reset": return .reset
            case "/broken": return .ok("<html><body>Service temporarily down</body></html>", type: "text/html")
            default: return .ok(Fixture.two)
            }
        }
        defer { server.stop() }
        let wire = try TestWire(
            sources: [
                ("reset", server.url("/reset")), ("broken", server.url("/broken")),
                ("good", server.url("/good")), ("refused", "http://127.0.0.1:1/feed"),
            ], backend: backend)
        defer { wire.remove() }
        let report = try await wire.poll()
        #expect(report.outcome("good")?.inserted == 2)
        #expect(report.outcome("reset")?.status == .error)
        #expect(report.outcome("broken")?.status == .error)
        #expect(report.outcome("broken")?.message?.contains("not a readable feed") == true)
        #expect(report.outcome("refused")?.status == .error)
        #expect(try wire.state("reset").errorCount == 1)
        #expect(try wire.state("broken").errorCount == 1)
        #expect(try wire.state("good").errorCount == 0)
    }

    @Test func aTruncatedFeedIsSalvagedAndNothingStoredIsLost() async throws {
        let truncate = Flag()
        let full = Fixture.rss([("a1", "One", "1"), ("a2", "Two", "2"), ("a3", "Three", "3")])
        let server = try LoopbackServer { _ in
            .ok(truncate.value ? String(full.prefix(full.count - 120)) : full)
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))])
        defer { wire.remove() }
        _ = try await wire.poll()
        truncate.value = true
        wire.clock.advance(3600)
        let report = try await wire.poll()
        #expect(report.outcome("agency")?.problems ?? 0 > 0)
        #expect(try wire.store.entryCount(sourceID: "agency") == 3)
    }

    @Test func scheduleTakesTheLongestOfIntervalTTLAndMaxAge() async throws {
        let server = try LoopbackServer { request in
            request.path == "/ttl"
                ? .ok(Fixture.rss([("a", "A", "a")], ttl: 60))
                : .ok(Fixture.two, headers: [("Cache-Control", "public, max-age=7200")])
        }
        defer { server.stop() }
        let wire = try TestWire(
            sources: [("ttl", server.url("/ttl")), ("maxage", server.url("/maxage"))],
            poll: "max-interval: 90m")
        defer { wire.remove() }
        _ = try await wire.poll()
        #expect(try wire.state("ttl").nextCheck == wire.clock.now + 3600)
        // max-age 2 h, clamped to the 90 min ceiling.
        #expect(try wire.state("maxage").nextCheck == wire.clock.now + 5400)
    }

    @Test(arguments: Backend.allCases) func changedEntriesAreUpdatedAndDeletedOnesStayDeleted(backend: Backend) async throws {
        let version = Counter()
        let server = try LoopbackServer { _ in
            .ok(
                Fixture.rss([
                    ("a1", "First report", version.value == 0 ? "Body one" : "Body one, corrected"),
                    ("a2", "Second report", "Body two"),
                ]))
        }
        defer { server.stop() }
        let wire = try TestWire(sources: [("agency", server.url("/feed"))], backend: backend)
        defer { wire.remove() }
        _ = try await wire.poll()
        let original = try #require(try wire.store.entry(sourceID: "agency", key: "id:https://agency.example/a1"))
        #expect(try wire.store.delete(sourceID: "agency", key: "id:https://agency.example/a2", now: wire.clock.now))
        version.value = 1
        wire.clock.advance(3600)
        let report = try await wire.poll()
        #expect(report.outcome("agency")?.updated == 1)
        #expect(report.outcome("agency")?.inserted == 0)
        let changed = try #require(try wire.store.entry(sourceID: "agency", key: "id:https://agency.example/a1"))
        #expect(changed.summary?.value == "Body one, corrected")
        #expect(changed.published == original.published)
        #expect(changed.atomID == original.atomID)
        #expect(changed.firstSeen == original.firstSeen)
        #expect(changed.updated?.instant == wire.clock.now)
        #expect(try wire.store.entryCount(sourceID: "agency") == 1)
    }

    @Test(arguments: Backend.allCases) func twoPollersAtOnceNeitherCorruptNorDuplicate(backend: Backend) async throws {
        let items = (0..<50).map { ("n\($0)", "Report \($0)", "Body \($0)") }
        let server = try LoopbackServer { _ in .ok(Fixture.rss(items)) }
        defer { server.stop() }
        let wire = try TestWire(sources: (0..<20).map { ("s\($0)", server.url("/feed/\($0)")) }, backend: backend)
        defer { wire.remove() }
        // A second store handle on the same file: as a second process would open it.
        let other = try openStore(wire.config.store)
        let clock = wire.clock
        var options = Poller.Options()
        options.now = { clock.now }
        async let a = Poller(config: wire.config, store: wire.store, style: nil, options: options).run()
        async let b = Poller(config: wire.config, store: other, style: nil, options: options).run()
        let (ra, rb) = try await (a, b)
        #expect(ra.errors == 0 && rb.errors == 0)
        #expect(ra.inserted + rb.inserted == 20 * 50)
        #expect(try wire.store.entryCount() == 20 * 50)
        // Each source was fetched once: the other poll saw it leased.
        #expect(server.requests.count == 20)
    }

    @Test func aFileSourceIsReadAndItsChangesNoticed() async throws {
        let wireDir = NSTemporaryDirectory() + "mw-file-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: wireDir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: wireDir) }
        let path = wireDir + "/feed.xml"
        try Fixture.two.write(toFile: path, atomically: true, encoding: .utf8)
        let wire = try TestWire(sources: [("file", "file://" + path)])
        defer { wire.remove() }
        #expect(try await wire.poll().outcome("file")?.inserted == 2)
        wire.clock.advance(3600)
        #expect(try await wire.poll().outcome("file")?.status == .notModified)
        try Fixture.rss([("a3", "Third", "3")]).write(toFile: path, atomically: true, encoding: .utf8)
        wire.clock.advance(3600)
        #expect(try await wire.poll().outcome("file")?.inserted == 1)
    }

    @Test func anUnknownSourceIDIsAnError() async throws {
        let wire = try TestWire(sources: [("a", "http://127.0.0.1:1/")])
        defer { wire.remove() }
        let error = await #expect(throws: ConfigError.self) { try await wire.poll(only: ["nope"]) }
        #expect(error?.code == .unknownSource)
        #expect(error?.description == "\(wire.config.file): no source with id 'nope' in the configuration")
    }
}

/// The absolute URL of `path` on the server that received `request`.
private func serverURL(_ request: LoopbackServer.Request, _ path: String) -> String {
    "http://\(request.host)\(path)"
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = false
    var value: Bool {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0
    var value: Int {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// Servers that break HTTP itself: each poll ends within its limits with a clear error for that
/// source, and the other sources are polled as usual.
@Suite(.serialized) struct HostileServerTests {
    func poll(_ hostile: HostileServer, scheme: String = "http", poll extra: String = "") async throws -> (SourceOutcome?, SourceOutcome?) {
        let good = try LoopbackServer { _ in .ok(Fixture.two) }
        defer { good.stop() }
        let wire = try TestWire(
            sources: [("hostile", "\(scheme)://127.0.0.1:\(hostile.port)/feed"), ("good", good.url("/feed"))],
            poll: "timeout: 2s\nmax-bytes: 1MiB" + (extra.isEmpty ? "" : "\n" + extra))
        defer { wire.remove() }
        let report = try await wire.poll()
        return (report.outcome("hostile"), report.outcome("good"))
    }

    @Test func endlessHeaders() async throws {
        let server = try HostileServer(.forever(prefix: Array("HTTP/1.1 200 OK\r\n".utf8), chunk: Array("X-Padding: aaaaaaaaaaaaaaaa\r\n".utf8)))
        defer { server.stop() }
        let (hostile, good) = try await poll(server)
        #expect(hostile?.status == .error)
        #expect(hostile?.message?.hasSuffix("the server's headers never ended (over the header size limit)") == true, "\(hostile?.message ?? "")")
        #expect(good?.inserted == 2)
    }

    @Test func aHeaderLineThatNeverEnds() async throws {
        let server = try HostileServer(
            .forever(prefix: Array("HTTP/1.1 200 OK\r\nX-Long: ".utf8), chunk: Array(repeating: UInt8(ascii: "a"), count: 65_536)))
        defer { server.stop() }
        let (hostile, good) = try await poll(server)
        #expect(hostile?.status == .error)
        #expect(hostile?.message?.hasSuffix("the server's headers never ended (over the header size limit)") == true, "\(hostile?.message ?? "")")
        #expect(good?.inserted == 2)
    }

    @Test func aGzipBomb() async throws {
        // 200 MB of zeros, about 200 KB gzipped: far over max-bytes once inflated.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "head -c 200000000 /dev/zero | gzip -9"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let bomb = [UInt8](out.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(bomb.count < 400_000)
        let server = try HostileServer(
            .bytes(
                Array("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\nContent-Length: \(bomb.count)\r\n\r\n".utf8)
                    + bomb))
        defer { server.stop() }
        // Time enough for the 200 KB on a busy machine: what ends it must be the size cap.
        let (hostile, good) = try await poll(server, poll: "timeout: 20s")
        #expect(hostile?.status == .error)
        #expect(hostile?.message?.hasSuffix("larger than 1048576 bytes") == true, "\(hostile?.message ?? "")")
        #expect(good?.inserted == 2)
    }

    @Test func aContentLengthLie() async throws {
        let server = try HostileServer(
            .bytes(Array("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100000\r\n\r\n<rss version=\"2.0\"><channel>".utf8))
        )
        defer { server.stop() }
        let (hostile, good) = try await poll(server)
        #expect(hostile?.status == .error)
        #expect(hostile?.message?.contains("the server closed the connection") == true, "\(hostile?.message ?? "")")
        #expect(good?.inserted == 2)
    }

    @Test func aRedirectToAnotherScheme() async throws {
        for location in ["ftp://127.0.0.1/feed", "file:///etc/passwd", "javascript:alert(1)"] {
            let server = try HostileServer(
                .bytes(Array("HTTP/1.1 301 Moved Permanently\r\nLocation: \(location)\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8)))
            defer { server.stop() }
            let (hostile, good) = try await poll(server)
            #expect(hostile?.status == .error, "\(location)")
            #expect(hostile?.message?.contains("not a valid http(s) URL") == true, "\(location): \(hostile?.message ?? "")")
            #expect(good?.inserted == 2)
        }
    }

    /// A status line HTTP does not allow, followed by a body: AsyncHTTPClient 1.37, the poll client
    /// before ours, trapped on it (the whole process stopped); now it is that source's error.
    @Test(arguments: ["000", "099", "042"]) func aStatusUnder100WithABody(status: String) async throws {
        let server = try HostileServer(
            .bytes(Array("HTTP/1.1 \(status) OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<rss>\r\n0\r\n\r\n".utf8)))
        defer { server.stop() }
        let (hostile, good) = try await poll(server)
        #expect(hostile?.status == .error)
        #expect(
            hostile?.message?.hasSuffix("the server answered with status \(Int(status)!), which HTTP does not allow here") == true,
            "\(hostile?.message ?? "")")
        #expect(good?.inserted == 2)
    }

    /// An informational answer (1xx) is skipped, as HTTP says, and the final answer read.
    @Test func anInformationalAnswerBeforeTheFeed() async throws {
        let feed = Array(Fixture.two.utf8)
        let server = try HostileServer(
            .bytes(
                Array("HTTP/1.1 103 Early Hints\r\nLink: </style.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: \(feed.count)\r\n\r\n".utf8) + feed))
        defer { server.stop() }
        let (hostile, good) = try await poll(server)
        #expect(hostile?.status == .fetched, "\(hostile?.message ?? "")")
        #expect(hostile?.inserted == 2)
        #expect(good?.inserted == 2)
    }

    @Test func aTLSHandshakeThatNeverFinishes() async throws {
        let server = try HostileServer(.silent)
        defer { server.stop() }
        let (hostile, good) = try await poll(server, scheme: "https")
        #expect(hostile?.status == .error)
        #expect(hostile?.message?.hasSuffix("within 2 s") == true, "\(hostile?.message ?? "")")
        #expect(good?.inserted == 2)
    }
}
