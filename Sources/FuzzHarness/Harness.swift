import FeedValidation
import Foundation
import HouseStyle
import Syndication
import Wire

/// What each fuzz target does with one input: every reader of outside input, run the way the
/// wire runs it. Shared by the fuzzer (`mediawire-fuzz`) and the regression tests, which replay
/// every input a fuzzer ever found a fault with.
public enum Harness {
    public static let targets: [String: @Sendable ([UInt8]) -> Void] = [
        "feed": feed, "json-feed": jsonFeed, "html": html, "validator": validator, "style": style, "config": config,
        "opml": opml, "http": http,
    ]

    /// A feed parsed, sanitized and its URIs resolved (as the poller does, over HTTP with a base),
    /// headlines taken from it, written as feedparser JSON.
    @Sendable public static func feed(_ bytes: [UInt8]) {
        var options = FeedParser.Options()
        options.fromHTTP = true
        options.baseURL = "https://agency.example/news/"
        var parsed = FeedParser(options: options).parse(bytes)
        ContentSafety.apply(to: &parsed)
        for entry in parsed.entries { _ = Headline.of(entry, in: parsed.dialect) }
        _ = FeedparserJSON.serialize(parsed)
    }

    @Sendable public static func jsonFeed(_ bytes: [UInt8]) {
        var options = FeedParser.Options()
        options.contentType = "application/feed+json"
        var parsed = FeedParser(options: options).parse(bytes)
        ContentSafety.apply(to: &parsed)
        _ = FeedparserJSON.serialize(parsed)
    }

    /// The sanitizer alone, with a base to resolve against, and the visible text.
    @Sendable public static func html(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = HTMLCleaner.clean(text, options: .init(sanitize: true, base: "https://agency.example/a/b"))
        _ = HTMLCleaner.clean(text, options: .init(sanitize: false, base: nil))
        _ = HTMLCleaner.visibleText(text)
    }

    @Sendable public static func validator(_ bytes: [UInt8]) {
        let report = FeedValidator().validate(bytes)
        _ = report.json()
    }

    /// A style file loaded; when it loads, headlines (fixed ones and the input's own lines) restyled.
    @Sendable public static func style(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let style = try? StyleLoader.load(yaml: text, file: "fuzz.yaml") else { return }
        let headlines =
            ["BREAKING: Quake Hits Coast - Reuters", "talks in moscow (+ Video)", "“Quoted” ‘words’ & more", ""]
            + text.split(separator: "\n").prefix(20).map(String.init)
        for headline in headlines { _ = style.restyle(headline) }
        _ = style.restyle(batch: headlines)
    }

    @Sendable public static func config(_ bytes: [UInt8]) {
        _ = try? ConfigLoader.load(yaml: String(decoding: bytes, as: UTF8.self), file: "fuzz.yaml", directory: "/nonexistent")
    }

    @Sendable public static func opml(_ bytes: [UInt8]) {
        if let subscriptions = try? OPML.parse(Data(bytes), file: "fuzz.opml") {
            _ = OPML.sourcesYAML(subscriptions, existing: [])
        }
    }

    /// The input as a server's whole answer (status line, headers, body) to the poll client's
    /// conditional GET over loopback; what comes back is scheduled and parsed as the poller does.
    @Sendable public static func http(_ bytes: [UInt8]) {
        let server = RawServer.shared
        server.answer = bytes
        let done = DispatchSemaphore(value: 0)
        let client = RawServer.client
        let url = "http://127.0.0.1:\(server.port)/feed"
        Task {
            defer { done.signal() }
            guard let response = try? await client.get(PollRequest(url: url, etag: "\"e\"", lastModified: "Tue, 01 Dec 2026 00:00:00 GMT"))
            else { return }
            let now = Date().timeIntervalSince1970
            _ = Schedule.retryAfter(response.header("retry-after"), now: now)
            _ = Schedule.maxAge(response.header("cache-control"))
            _ = Schedule.expires(response.header("expires"), now: now)
            var options = FeedParser.Options()
            options.fromHTTP = true
            options.contentType = response.header("content-type")
            options.contentLanguage = response.header("content-language")
            options.baseURL = response.finalURL
            var parsed = FeedParser(options: options).parse(response.body)
            ContentSafety.apply(to: &parsed)
        }
        done.wait()
    }
}
