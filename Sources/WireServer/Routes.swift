import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Wire
import WireDesk

/// The service's HTTP surface: the feed, the public pages, the stylesheet, health and metrics.
struct Routes: Sendable {
    let state: WireState
    let metrics: ServiceMetrics
    /// `output.self`: the feed is also served at its path.
    let selfURL: String
    /// `output: archive-dir`: its pages are served under a folder of its name beside the feed.
    let archiveDirectory: String?
    let logger: Logger
    /// The editors' desk under /desk, when the service has one.
    let desk: Desk?

    /// Pages and the feed may be framed by nobody, run no script, and load only our stylesheet
    /// and the agencies' images.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src https: http: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

    func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: Counting(metrics: metrics, logger: logger))
        for path in feedPaths() {
            router.get(RouterPath(path)) { request, _ in try await feed(request) }
            router.head(RouterPath(path)) { request, _ in try await feed(request) }
        }
        if let archiveDirectory {
            let folder = (archiveDirectory as NSString).lastPathComponent
            var prefix = URL(string: selfURL)?.path ?? "/"
            if let slash = prefix.lastIndex(of: "/") { prefix = String(prefix[...slash]) } else { prefix = "/" }
            router.get(RouterPath(prefix + folder + "/:page")) { request, context in
                try await archivePage(request, name: context.parameters.get("page") ?? "")
            }
        }
        router.get("/") { request, _ in
            try await page(request) { pages, store in pages.index(try store.latest(limit: await state.running.config.serve.pageSize), now: Date()) }
        }
        router.get("/reports/:id") { request, context in
            guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
            return try await page(request) { pages, store in
                guard let entry = try store.entry(sequence: id) else { throw HTTPError(.notFound, message: "no report \(id)") }
                return pages.report(entry, now: Date())
            }
        }
        router.get("/style.css") { request, _ in
            try await cached(request, body: ByteBuffer(string: Pages.stylesheet), contentType: "text/css; charset=utf-8")
        }
        desk?.register(on: router)
        router.get("/healthz") { _, _ in try await health() }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.text())))
        }
        return router
    }

    /// `/wire.atom`, and the path of `output.self` when it is another one.
    func feedPaths() -> [String] {
        var paths = ["/wire.atom"]
        if let path = URL(string: selfURL)?.path, !path.isEmpty, path != "/", !paths.contains(path) { paths.append(path) }
        return paths
    }

    func feed(_ request: Request) async throws -> Response {
        guard let feed = await state.feed else {
            throw HTTPError(.serviceUnavailable, message: "the wire has not been generated yet")
        }
        let maxAge = await Int(state.running.config.serve.maxAge)
        let gzip = Conditional.acceptsGzip(request.headers[.acceptEncoding])
        var headers: HTTPFields = [
            .contentType: "application/atom+xml; charset=utf-8",
            .eTag: gzip ? feed.gzipETag : feed.etag,
            .lastModified: HTTPDate.format(feed.lastModified),
            .cacheControl: "public, max-age=\(maxAge)",
            .vary: "Accept-Encoding",
        ]
        if Conditional.notModified(
            ifNoneMatch: request.headers[values: .ifNoneMatch].isEmpty ? nil : request.headers[values: .ifNoneMatch].joined(separator: ","),
            ifModifiedSince: request.headers[.ifModifiedSince], etags: [feed.etag, feed.gzipETag], lastModified: feed.lastModified)
        {
            return Response(status: .notModified, headers: headers)
        }
        if gzip { headers[.contentEncoding] = "gzip" }
        let body = gzip ? feed.gzipped : feed.body
        headers[.contentLength] = String(body.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers, body: .init()) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// An RFC 5005 archive page, `N.atom`, from the archive folder (read per request: pages are
    /// many, each small, and change only when an old report does).
    func archivePage(_ request: Request, name: String) async throws -> Response {
        guard let archiveDirectory = await state.running.config.output.archiveDirectory,
            name.hasSuffix(".atom"), let page = Int(name.dropLast(5)), page >= 0,
            let data = FileManager.default.contents(atPath: (archiveDirectory as NSString).appendingPathComponent("\(page).atom"))
        else { throw HTTPError(.notFound) }
        return try await cached(request, body: ByteBuffer(bytes: data), contentType: "application/atom+xml; charset=utf-8", page: false)
    }

    /// A page rendered from the store, with a strong ETag of its bytes and the CSP.
    func page(_ request: Request, _ render: @Sendable (Pages, any WireStore) async throws -> String) async throws -> Response {
        let running = await state.running
        let html: String
        do {
            html = try await render(running.pages, running.store)
        } catch let error as StoreError {
            throw HTTPError(.serviceUnavailable, message: "store: \(error)")
        }
        return try await cached(request, body: ByteBuffer(string: html), contentType: "text/html; charset=utf-8")
    }

    /// A response with a strong ETag of its bytes, answering `If-None-Match`; `page` adds the
    /// headers our HTML pages carry (the CSP above all).
    func cached(_ request: Request, body: ByteBuffer, contentType: String, page: Bool = true) async throws -> Response {
        let maxAge = await Int(state.running.config.serve.maxAge)
        let etag = "\"" + String(fnv1a(body), radix: 16) + "\""
        var headers: HTTPFields = [.contentType: contentType, .eTag: etag, .cacheControl: "public, max-age=\(maxAge)"]
        if page {
            headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
            headers[.contentTypeOptions] = "nosniff"
            headers[.referrerPolicy] = "no-referrer"
        }
        let inm = request.headers[values: .ifNoneMatch]
        if Conditional.notModified(
            ifNoneMatch: inm.isEmpty ? nil : inm.joined(separator: ","), ifModifiedSince: nil, etags: [etag], lastModified: Date())
        {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }

    /// 200 when the store answers and the last generation succeeded; 503 with the reasons.
    func health() async throws -> Response {
        let running = await state.running
        var reasons: [String] = []
        do {
            try running.store.check()
        } catch {
            reasons.append("store: \(error)")
        }
        if let failure = await state.generationError { reasons.append("generate: \(failure)") }
        if await state.feed == nil { reasons.append("generate: no wire generated yet") }
        let reload = await state.reloadError
        var object: [String: Any] = ["status": reasons.isEmpty ? "ok" : "unavailable", "reasons": reasons]
        if let reload { object["reload"] = reload }
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return Response(
            status: reasons.isEmpty ? .ok : .serviceUnavailable, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    private func fnv1a(_ buffer: ByteBuffer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        buffer.withUnsafeReadableBytes { bytes in
            for b in bytes {
                hash ^= UInt64(b)
                hash &*= 0x0000_0100_0000_01b3
            }
        }
        return hash
    }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = Self("Content-Security-Policy")!
    static let contentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}

/// Counts every response by status for `/metrics`.
/// and logs a line for each request that ends in an error.
struct Counting<Context: RequestContext>: RouterMiddleware {
    let metrics: ServiceMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            let response = try await next(request, context)
            metrics.served(status: response.status.code)
            return response
        } catch let error as any HTTPResponseError {
            metrics.served(status: error.status.code)
            logger.notice("request \(request.method) \(request.uri.path): \(error.status.code) \(error)")
            throw error
        } catch {
            metrics.served(status: 500)
            logger.error("request \(request.method) \(request.uri.path): \(error)")
            throw error
        }
    }
}

/// HTTP dates (RFC 9110 §5.6.7, IMF-fixdate): `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    static func format(_ date: Date) -> String {
        var t = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
    }
}
