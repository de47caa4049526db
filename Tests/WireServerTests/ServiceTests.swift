import CompressNIO
import Foundation
import Logging
import LoopbackServer
import NIOCore
import NIOHTTP1
import TestSupport
import Testing
import Wire
import WireServer

/// `mediawire serve` on loopback, over a copy of the demo wire: the feed with HTTP caching, the
/// public pages, health, metrics, reloads.
@Suite(.serialized) struct ServiceTests {
    /// A demo copy whose configuration ticks fast and adds a hostile `content: preserve` agency.
    final class Demo: Sendable {
        let root: String
        let config: String

        init(output extra: String = "") throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("mediawire-serve-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "feeds", toPath: root + "/feeds")
            config = root + "/feeds/demo.yaml"
            try """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Hostile &lt;b&gt;Agency&lt;/b&gt;</title><link>https://hostile.example/</link>
            <description>d</description>
            <item><title>Quake &lt;script&gt;alert(1)&lt;/script&gt; hits coast</title><link>https://hostile.example/1?a=1&amp;b=2</link>
            <guid>https://hostile.example/1</guid>
            <description>&lt;p onclick="steal()"&gt;Rescuers reached the town.&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;&lt;img src="/i.png" onerror="x()"&gt;</description></item>
            </channel></rss>
            """.write(toFile: root + "/feeds/demo/hostile.xml", atomically: true, encoding: .utf8)
            var yaml = try String(contentsOfFile: config, encoding: .utf8)
            yaml = yaml.replacingOccurrences(of: "sources:\n", with: "serve:\n  tick: 100ms\n  max-age: 30s\nsources:\n")
            if !extra.isEmpty { yaml = yaml.replacingOccurrences(of: "  limit: 100\n", with: "  limit: 100\n" + extra) }
            yaml += "  - id: hostile\n    name: \"Hostile <b>Agency</b> & Co\"\n    url: demo/hostile.xml\n    content: preserve\n"
            try yaml.write(toFile: config, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }
    }

    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// A client that neither asks for nor undoes compression: the tests see what the server sent.
    static let client = HTTP1Client()

    static func get(_ url: String, method: HTTPMethod = .GET, headers: [(String, String)] = []) async throws -> Reply {
        let request = HTTP1Request(method: method.rawValue, url: url, headers: headers.map { (name: $0.0, value: $0.1) })
        let response = try await client.execute(request, deadline: .now() + .seconds(10), maxBodyBytes: 10 << 20)
        var out: [String: String] = [:]
        for header in response.headers { out[header.name.lowercased()] = header.value }
        return Reply(status: response.status, headers: out, body: response.body)
    }

    /// What libxml2's parser (xmllint) says of a page, `nil` when it is well-formed: the pages are
    /// HTML5 written so that an XML parser can check every tag is closed and every text escaped.
    static func wellFormed(_ html: String) throws -> String? {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("page-\(UUID().uuidString).html").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try html.replacingOccurrences(of: "<!DOCTYPE html>", with: "").write(toFile: path, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--nonet", path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : text
    }

    /// A HEAD request over a plain socket: the head the server sent, and anything after it.
    static func rawHead(_ base: String, _ path: String) throws -> String {
        let port = UInt16(base.split(separator: ":").last.flatMap { Int($0) } ?? 0)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("HEAD \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        // A HEAD answer ends with its head; more would be a body it must not have.
        while !(received.count >= 4 && Array(received.suffix(4)) == Array("\r\n\r\n".utf8)) {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += chunk[..<n]
        }
        // Anything after the head within a moment would be a body.
        var brief = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &brief, socklen_t(MemoryLayout<timeval>.size))
        let extra = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if extra > 0 { received += chunk[..<extra] }
        return String(decoding: received, as: UTF8.self)
    }

    /// Runs the service for `body`, then stops it; `body` gets the base URL once the first wire is written.
    static func serving(_ demo: Demo, _ body: (String) async throws -> Void) async throws {
        // Quiet: the service's lines would bury the test output.
        let service = try WireService(
            configPath: demo.config, listen: ("127.0.0.1", 0), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let port = AsyncStream<Int>.makeStream()
        let task = Task { try await service.run(shutdownSignals: []) { port.continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = port.stream.makeAsyncIterator()
        let base = "http://127.0.0.1:\(try #require(await iterator.next()))"
        for _ in 0..<200 where try await get(base + "/healthz").status != 200 { try await Task.sleep(nanoseconds: 50_000_000) }
        try await body(base)
        task.cancel()
        _ = await task.result
    }

    @Test func theFeedIsServedWithValidatorsConditionalGetHeadAndGzip() async throws {
        let demo = try Demo()
        try await Self.serving(demo) { base in
            let full = try await Self.get(base + "/wire.atom")
            #expect(full.status == 200)
            #expect(full.headers["content-type"] == "application/atom+xml; charset=utf-8")
            #expect(full.headers["cache-control"] == "public, max-age=30")
            #expect(full.headers["vary"] == "Accept-Encoding")
            let etag = try #require(full.headers["etag"])
            let modified = try #require(full.headers["last-modified"])
            #expect(etag.hasPrefix("\"") && !etag.hasPrefix("W/"))
            #expect(full.text.hasSuffix("</feed>\n") || full.text.hasSuffix("</feed>"))
            #expect(full.body == Array(try Data(contentsOf: URL(fileURLWithPath: demo.root + "/.mediawire/demo-wire.atom"))))

            #expect(try await Self.get(base + "/wire.atom", headers: [("If-None-Match", etag)]).status == 304)
            #expect(try await Self.get(base + "/wire.atom", headers: [("If-None-Match", "\"other\", W/\(etag)")]).status == 304)
            #expect(try await Self.get(base + "/wire.atom", headers: [("If-Modified-Since", modified)]).status == 304)
            #expect(try await Self.get(base + "/wire.atom", headers: [("If-None-Match", "\"other\"")]).status == 200)
            // The path of output.self serves the same feed.
            #expect(try await Self.get(base + "/demo-wire.atom").body == full.body)

            // A HEAD answer carries the GET's Content-Length and no body (read off the socket, to see
            // exactly what the server wrote).
            let head = try Self.rawHead(base, "/wire.atom")
            #expect(head.hasPrefix("HTTP/1.1 200 OK\r\n"))
            #expect(head.contains("\r\nContent-Length: \(full.body.count)\r\n"))
            #expect(head.contains("\r\nETag: \(etag)\r\n"))
            #expect(head.hasSuffix("\r\n\r\n"))

            let zipped = try await Self.get(base + "/wire.atom", headers: [("Accept-Encoding", "br;q=1, gzip;q=0.8")])
            #expect(zipped.headers["content-encoding"] == "gzip")
            #expect(zipped.headers["etag"] != etag)
            #expect(zipped.body.prefix(2) == [0x1F, 0x8B])
            var buffer = ByteBuffer(bytes: zipped.body)
            var inflated = ByteBufferAllocator().buffer(capacity: 1 << 20)
            try buffer.decompress(to: &inflated, with: .gzip())
            #expect(Array(buffer: inflated) == full.body)
            #expect(try await Self.get(base + "/wire.atom", headers: [("Accept-Encoding", "gzip;q=0")]).headers["content-encoding"] == nil)

            // A style change reaches the served feed: reloaded, re-headlined, regenerated; the old ETag is stale.
            let stylePath = demo.root + "/feeds/house-style.yaml"
            let style = try String(contentsOfFile: stylePath, encoding: .utf8)
            try style.replacingOccurrences(of: "  - case: sentence", with: "  - case: title").write(
                toFile: stylePath, atomically: true, encoding: .utf8)
            var changed = full
            for _ in 0..<100 where changed.status != 200 || changed.body == full.body {
                try await Task.sleep(nanoseconds: 50_000_000)
                changed = try await Self.get(base + "/wire.atom", headers: [("If-None-Match", etag)])
            }
            #expect(changed.status == 200)
            #expect(changed.text.contains("<title type=\"text\">Russian Exports to Europe Fall 12 Per Cent, Says Ministry</title>"))
            #expect(changed.headers["etag"] != etag)
        }
    }

    @Test func thePublicPagesNameTheAgencyAndTheOriginalURLAndRunNoAgencyScript() async throws {
        let demo = try Demo()
        try await Self.serving(demo) { base in
            let index = try await Self.get(base + "/")
            #expect(index.status == 200)
            #expect(index.headers["content-type"] == "text/html; charset=utf-8")
            #expect(index.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true)
            #expect(index.text.hasPrefix("<!DOCTYPE html>"))
            #expect(index.text.contains("<span class=\"agency\">Reuters</span>"))
            #expect(index.text.contains("days ago</time>") || index.text.contains("hours ago</time>"))
            // Agency text is escaped; agency markup and scripts never reach the page.
            #expect(index.text.contains("Hostile &lt;b&gt;Agency&lt;/b&gt; &amp; Co"))
            #expect(!index.text.contains("<script") && !index.text.contains("onclick"))

            #expect(try Self.wellFormed(index.text) == nil)
            let links = index.text.components(separatedBy: "href=\"/reports/").dropFirst().compactMap { $0.split(separator: "\"").first }
            #expect(links.count == 13)
            for id in links {
                let page = try await Self.get(base + "/reports/\(id)")
                #expect(page.status == 200)
                #expect(page.text.contains("<p class=\"disclaimer\">Reports published in the Media Wire section"))
                #expect(page.text.contains("<p class=\"source\">Source: <span class=\"agency\">"))
                #expect(page.text.contains("<p class=\"original\">Original URL: <a href=\"http"))
                #expect(!page.text.contains("<script") && !page.text.contains("onclick") && !page.text.contains("onerror"))
                #expect(try Self.wellFormed(page.text) == nil, "report \(id)")
            }
            var hostile = ""
            var page = index
            for id in links {
                page = try await Self.get(base + "/reports/\(id)")
                if page.text.contains("hostile.example") { hostile = String(id); break }
            }
            #expect(page.text.contains("Rescuers reached the town."))
            #expect(page.text.contains("https://hostile.example/1?a=1&amp;b=2"))
            // The feed keeps the preserve source's bytes; only our pages are cleaned.
            #expect(try await Self.get(base + "/wire.atom").text.contains("&lt;script&gt;steal()&lt;/script&gt;"))

            let etag = try #require(page.headers["etag"])
            #expect(try await Self.get(base + "/reports/\(hostile)", headers: [("If-None-Match", etag)]).status == 304)
            #expect(try await Self.get(base + "/reports/999999").status == 404)
            #expect(try await Self.get(base + "/reports/nope").status == 404)
            #expect(try await Self.get(base + "/style.css").headers["content-type"] == "text/css; charset=utf-8")
        }
    }

    @Test func healthAndMetricsSayWhatIsWrong() async throws {
        let demo = try Demo()
        try await Self.serving(demo) { base in
            let health = try await Self.get(base + "/healthz")
            #expect(health.status == 200)
            #expect(health.text == #"{"reasons":[],"status":"ok"}"#)
            let metrics = try await Self.get(base + "/metrics")
            #expect(metrics.text.contains("mediawire_polls_total{outcome=\"fetched\"} 7"))
            #expect(metrics.text.contains("mediawire_reports_new_total 13"))
            #expect(metrics.text.contains("mediawire_http_requests_total{status=\"200\"}"))

            // A broken configuration is refused; the running one keeps serving.
            let yaml = try String(contentsOfFile: demo.config, encoding: .utf8)
            try (yaml + "  - id: broken\n    url: [\n").write(toFile: demo.config, atomically: true, encoding: .utf8)
            var refused = health
            for _ in 0..<100 where !refused.text.contains("reload refused") {
                try await Task.sleep(nanoseconds: 50_000_000)
                refused = try await Self.get(base + "/healthz")
            }
            #expect(refused.status == 200)
            #expect(refused.text.contains("reload refused, the running configuration is kept: \(demo.config):"))
            #expect(try await Self.get(base + "/wire.atom").status == 200)

            // The store made unusable: health turns 503 and says why.
            let store = demo.root + "/.mediawire/demo.sqlite"
            try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: store))
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: store + suffix) }
            var sick = try await Self.get(base + "/healthz")
            for _ in 0..<100 where sick.status == 200 {
                try await Task.sleep(nanoseconds: 50_000_000)
                sick = try await Self.get(base + "/healthz")
            }
            #expect(sick.status == 503)
            #expect(sick.text.contains("\"status\":\"unavailable\""))
            #expect(sick.text.contains("store: \(store)"))
        }
    }

    @Test func theHubIsToldOncePerChangeAndArchivesAreServed() async throws {
        let hub = try LoopbackServer { _ in .status(202) }
        let demo = try Demo(output: "  hub: \"\(hub.url("/hub"))\"\n  archive-dir: ../.mediawire/archive\n  archive-size: 5\n")
        try await Self.serving(demo) { base in
            let feed = try await Self.get(base + "/wire.atom")
            #expect(feed.text.contains("<link rel=\"hub\" href=\"\(hub.url("/hub"))\"/>"))
            // 13 reports in pages of 5: two full archive pages, linked from the feed.
            #expect(feed.text.contains("<link rel=\"prev-archive\" href=\"https://example.org/archive/1.atom\"/>"))
            let page = try await Self.get(base + "/archive/1.atom")
            #expect(page.status == 200)
            #expect(page.headers["content-type"] == "application/atom+xml; charset=utf-8")
            #expect(page.text.contains("<fh:archive/>"))
            #expect(page.text.contains("rel=\"prev-archive\" href=\"https://example.org/archive/0.atom\""))
            #expect(try await Self.get(base + "/archive/0.atom").status == 200)
            #expect(try await Self.get(base + "/archive/2.atom").status == 404)
            #expect(try await Self.get(base + "/archive/..%2Fdemo.sqlite").status == 404)

            // Told of each change once: the first wire, then the wire after the polls.
            var publishes: [LoopbackServer.Request] = []
            for _ in 0..<100 {
                publishes = hub.requests(to: "/hub")
                if publishes.count >= 2 { break }
                try await Task.sleep(nanoseconds: 50_000_000)
            }
            let expected = "hub.mode=publish&hub.url=https%3A%2F%2Fexample.org%2Fdemo-wire.atom"
            #expect(publishes.allSatisfy { $0.method == "POST" && String(decoding: $0.body, as: UTF8.self) == expected })
            #expect(publishes.allSatisfy { $0.headers["content-type"] == "application/x-www-form-urlencoded" })
            let told = publishes.count
            #expect(told >= 1)
            // Ticks without a change tell the hub nothing more.
            try await Task.sleep(nanoseconds: 500_000_000)
            #expect(hub.requests(to: "/hub").count == told)
            // A style change changes the feed: one more.
            let stylePath = demo.root + "/feeds/house-style.yaml"
            let style = try String(contentsOfFile: stylePath, encoding: .utf8)
            try style.replacingOccurrences(of: "  - case: sentence", with: "  - case: title").write(
                toFile: stylePath, atomically: true, encoding: .utf8)
            for _ in 0..<100 where hub.requests(to: "/hub").count == told { try await Task.sleep(nanoseconds: 50_000_000) }
            try await Task.sleep(nanoseconds: 300_000_000)
            #expect(hub.requests(to: "/hub").count == told + 1)
        }
    }

    /// Headless Chromium from Debian: the DOM it builds and a screenshot of each page (in the
    /// test's output folder, `.build/screenshots`). Required in CI; skipped elsewhere without it.
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: chromium != nil || SharedMaterial.inCI))
    func aRealBrowserRendersTheFrontPageAndAReport() async throws {
        let browser = try #require(Self.chromium, "chromium is not installed (apt-get install chromium)")
        let demo = try Demo()
        let shots = FileManager.default.currentDirectoryPath + "/.build/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        try await Self.serving(demo) { base in
            let index = try await Self.get(base + "/")
            let first = try #require(index.text.components(separatedBy: "href=\"/reports/").dropFirst().first?.split(separator: "\"").first)
            for (name, path) in [("front", "/"), ("report", "/reports/\(first)")] {
                let dom = try Self.browse(browser, ["--dump-dom", base + path])
                #expect(dom.contains("<header><a href=\"/\">Media Wire (demo)</a></header>"), "\(name): \(dom.prefix(300))")
                if name == "report" {
                    #expect(dom.contains("Original URL: <a href=\"http"))
                    #expect(dom.contains("<p class=\"source\">Source: <span class=\"agency\">"))
                }
                let png = shots + "/\(name).png"
                try? FileManager.default.removeItem(atPath: png)
                _ = try Self.browse(browser, ["--screenshot=\(png)", "--window-size=412,915", base + path])
                let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
                #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
                #expect(bytes.count > 10_000, "\(name).png is \(bytes.count) bytes")
            }
        }
    }

    static func browse(_ browser: String, _ arguments: [String]) throws -> String {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments =
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=\(profile)"]
            + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Slowloris connections (headers a byte at a time, never finished) and oversized requests
    /// do not stop others from being served.
    @Test func slowAndOversizedClientsDoNotStopOthers() async throws {
        let demo = try Demo()
        try await Self.serving(demo) { base in
            let port = UInt16(base.split(separator: ":").last.flatMap { Int($0) } ?? 0)
            func connect() -> Int32 {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = port.bigEndian
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                _ = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                return fd
            }
            func write(_ fd: Int32, _ text: String) {
                _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            }
            // 50 slow clients, each holding a connection with an unfinished request.
            let slow = (0..<50).map { _ in connect() }
            defer { for fd in slow { close(fd) } }
            for fd in slow { write(fd, "GET /wire.atom HTTP/1.1\r\nHost: x\r\nX-Slow: ") }
            // Oversized requests: a 1 MiB header, and 200 headers.
            let big = connect()
            defer { close(big) }
            write(big, "GET /wire.atom HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 1 << 20) + "\r\n\r\n")
            let many = connect()
            defer { close(many) }
            write(many, "GET /wire.atom HTTP/1.1\r\nHost: x\r\n" + (0..<200).map { "X-\($0): y\r\n" }.joined() + "\r\n")
            for round in 0..<5 {
                for fd in slow { write(fd, "a") }
                let reply = try await Self.get(base + "/wire.atom")
                #expect(reply.status == 200, "round \(round)")
            }
            #expect(try await Self.get(base + "/").status == 200)
            // The oversized requests were refused or dropped, not served.
            var buffer = [UInt8](repeating: 0, count: 512)
            var timeout = timeval(tv_sec: 2, tv_usec: 0)
            for fd in [big, many] {
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                let answer = n > 0 ? String(decoding: buffer[..<n], as: UTF8.self) : ""
                #expect(!answer.hasPrefix("HTTP/1.1 200"), "an oversized request was served: \(answer.prefix(80))")
            }
        }
    }
}
