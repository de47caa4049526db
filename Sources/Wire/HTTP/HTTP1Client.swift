import Foundation
import NIOConcurrencyHelpers
package import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// One HTTP/1.1 request: method, absolute http(s) URL, headers and an optional body.
package struct HTTP1Request: Sendable {
    package var method: String
    package var url: String
    /// Sent in this order after `Host`; a `Content-Length` is added for a body.
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    package init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A whole HTTP/1.1 answer: the status, the headers as they came and the body (not decoded).
package struct HTTP1Response: Sendable {
    package var status: Int
    package var reason: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    /// The header's values (name compared without case), joined with ", " when repeated.
    package func header(_ name: String) -> String? {
        let values = headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ", ")
    }

    /// Every header, names lower-cased, repeated ones joined with ", ".
    package var joinedHeaders: [String: String] {
        var joined: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            if let existing = joined[key] { joined[key] = existing + ", " + value } else { joined[key] = value }
        }
        return joined
    }
}

/// Why an exchange failed. Each kind reads as the end of a sentence about the URL.
package struct HTTP1Error: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable, Equatable {
        case invalidURL
        case connect(String)
        case tls(String)
        case timeout
        case bodyTooLarge(Int)
        case headersTooLarge
        /// The server closed before the head came (`beforeHead`) or before the body it announced.
        case closed(beforeHead: Bool)
        case invalidStatus(Int)
        case malformed(String)
    }
    package var kind: Kind

    package var description: String {
        switch kind {
        case .invalidURL: return "not a valid http(s) URL"
        case .connect(let why): return why
        case .tls(let why): return "TLS: \(why)"
        case .timeout: return "no complete answer in time"
        case .bodyTooLarge(let limit): return "response body is larger than \(limit) bytes"
        case .headersTooLarge: return "the server's headers never ended (over the header size limit)"
        case .closed(let beforeHead):
            return beforeHead ? "the server closed the connection" : "the server closed the connection before the body it announced had come"
        case .invalidStatus(let code): return "the server answered with status \(code), which HTTP does not allow here"
        case .malformed(let why): return "the answer is not HTTP/1.1 (\(why))"
        }
    }
}

/// A small HTTP/1.1 client of our own over SwiftNIO's HTTP codec, for reading agencies' servers,
/// which may be broken or hostile: any status line, any header, any body, lies included.
///
/// Every failure of the server is an `HTTP1Error` for that request, never a trap: this replaced
/// AsyncHTTPClient 1.37, whose state machine stops the whole process when a status under 200 is
/// followed by a body (`Tests/FuzzTests/Fuzz/http/`). Bodies are capped as they arrive, the whole
/// exchange (connect, TLS handshake, head and body) has one deadline, and connections that end
/// cleanly are kept for the next request to the same origin.
package final class HTTP1Client: Sendable {
    package let connectTimeout: TimeAmount
    /// Connections kept open per origin between requests.
    package let idlePerOrigin: Int
    private let idle = NIOLockedValueBox<[Origin: [IdleChannel]]>([:])
    private let tls: NIOLockedValueBox<NIOSSLContext?> = NIOLockedValueBox(nil)

    package init(connectTimeout: TimeAmount = .seconds(10), idlePerOrigin: Int = 4) {
        self.connectTimeout = connectTimeout
        self.idlePerOrigin = idlePerOrigin
    }

    /// Closes the idle connections. Requests in flight end on their own.
    package func shutdown() async {
        let channels = idle.withLockedValue { pool in
            defer { pool = [:] }
            return pool.values.flatMap { $0.map(\.channel) }
        }
        for channel in channels { try? await channel.close() }
    }

    /// Sends `request` and reads the whole answer, `maxBodyBytes` of body at most, before `deadline`.
    package func execute(_ request: HTTP1Request, deadline: NIODeadline, maxBodyBytes: Int) async throws(HTTP1Error) -> HTTP1Response {
        guard let target = Target(request.url) else { throw HTTP1Error(kind: .invalidURL) }
        // A kept connection may have been closed by the server just as it is used: a request that
        // saw no byte of answer on one is sent once more on a new connection.
        for attempt in 0..<2 {
            let kept = attempt == 0 ? take(target.origin) : nil
            let channel: any Channel
            if let kept { channel = kept } else { channel = try await connect(target.origin, deadline: deadline) }
            do {
                let (response, reusable) = try await exchange(request, target: target, on: channel, deadline: deadline, limit: maxBodyBytes)
                if reusable { put(channel, for: target.origin) } else { channel.close(promise: nil) }
                return response
            } catch {
                channel.close(promise: nil)
                if kept != nil, error.kind == .closed(beforeHead: true) { continue }
                throw error
            }
        }
        throw HTTP1Error(kind: .closed(beforeHead: true))
    }

    private func exchange(
        _ request: HTTP1Request, target: Target, on channel: any Channel, deadline: NIODeadline, limit: Int
    ) async throws(HTTP1Error) -> (HTTP1Response, Bool) {
        let promise = channel.eventLoop.makePromise(of: Exchange.Outcome.self)
        var headers = HTTPHeaders([("Host", target.hostHeader)])
        for (name, value) in request.headers where name.caseInsensitiveCompare("Host") != .orderedSame { headers.add(name: name, value: value) }
        if !request.body.isEmpty || request.method == "POST" || request.method == "PUT" {
            headers.replaceOrAdd(name: "Content-Length", value: String(request.body.count))
        }
        let head = HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: request.method), uri: target.requestTarget, headers: headers)
        let body = request.body
        channel.eventLoop.execute {
            do {
                let handler = try channel.pipeline.syncOperations.handler(type: Exchange.self)
                handler.begin(promise, limit: limit, deadline: deadline)
                channel.write(HTTPClientRequestPart.head(head), promise: nil)
                if !body.isEmpty { channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: body))), promise: nil) }
                channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            } catch {
                promise.fail(HTTP1Error(kind: .closed(beforeHead: true)))
            }
        }
        do {
            let outcome = try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                channel.close(promise: nil)
            }
            return (outcome.response, outcome.reusable)
        } catch let error as HTTP1Error {
            throw error
        } catch {
            throw HTTP1Error(kind: .closed(beforeHead: true))
        }
    }

    private func connect(_ origin: Origin, deadline: NIODeadline) async throws(HTTP1Error) -> any Channel {
        let left = deadline - .now()
        guard left > .zero else { throw HTTP1Error(kind: .timeout) }
        let context: NIOSSLContext?
        do { context = origin.tls ? try tlsContext() : nil } catch { throw HTTP1Error(kind: .tls(String(describing: error))) }
        let connectTimeout = min(self.connectTimeout, left)
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let sync = channel.pipeline.syncOperations
                    if let context {
                        // SNI carries a name, never an address (RFC 6066 §3).
                        let name = origin.host.contains(":") || origin.host.allSatisfy({ $0.isNumber || $0 == "." }) ? nil : origin.host
                        try sync.addHandler(NIOSSLClientHandler(context: context, serverHostname: name))
                    }
                    try sync.addHTTPClientHandlers(leftOverBytesStrategy: .dropBytes)
                    try sync.addHandler(Exchange())
                }
            }
        do {
            return try await bootstrap.connect(host: origin.host, port: origin.port).get()
        } catch let error as ChannelError where error == .connectTimeout(connectTimeout) {
            if connectTimeout < self.connectTimeout { throw HTTP1Error(kind: .timeout) }
            throw HTTP1Error(kind: .connect("could not connect within \(connectTimeout.nanoseconds / 1_000_000_000) s"))
        } catch {
            throw HTTP1Error(kind: .connect(Self.describeConnect(error)))
        }
    }

    static func describeConnect(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("Connection refused") || text.contains("connectionRefused") { return "connection refused" }
        if let error = error as? NIOConnectionError, error.dnsAAAAError != nil || error.dnsAError != nil, error.connectionErrors.isEmpty {
            return "the host name could not be resolved"
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "could not connect in time" }
        return "could not connect (\(text))"
    }

    private func tlsContext() throws -> NIOSSLContext {
        try tls.withLockedValue { cached in
            if let cached { return cached }
            let context = try NIOSSLContext(configuration: .makeClientConfiguration())
            cached = context
            return context
        }
    }

    // MARK: kept connections

    private struct IdleChannel {
        let channel: any Channel
        let since: NIODeadline
    }

    /// How long a kept connection may wait: servers close theirs after 5 to 60 s.
    private static let idleLimit = TimeAmount.seconds(4)

    private func take(_ origin: Origin) -> (any Channel)? {
        let now = NIODeadline.now()
        return idle.withLockedValue { pool -> (any Channel)? in
            while let kept = pool[origin]?.popLast() {
                if kept.channel.isActive && now - kept.since < Self.idleLimit { return kept.channel }
                kept.channel.close(promise: nil)
            }
            return nil
        }
    }

    private func put(_ channel: any Channel, for origin: Origin) {
        let now = NIODeadline.now()
        let refused = idle.withLockedValue { pool -> (any Channel)? in
            var kept = pool[origin, default: []].filter { $0.channel.isActive && now - $0.since < Self.idleLimit }
            defer { pool[origin] = kept }
            guard kept.count < idlePerOrigin else { return channel }
            kept.append(IdleChannel(channel: channel, since: now))
            return nil
        }
        refused?.close(promise: nil)
    }
}

/// Scheme, host and port: what a kept connection can be reused for.
struct Origin: Hashable, Sendable {
    var tls: Bool
    var host: String
    var port: Int
}

/// A URL split the way HTTP/1.1 sends it.
struct Target {
    var origin: Origin
    /// `Host` (RFC 9110 §7.2): the port only when it is not the scheme's.
    var hostHeader: String
    /// The origin form (RFC 9112 §3.2.1): path and query, never the fragment.
    var requestTarget: String

    init?(_ string: String) {
        guard let components = URLComponents(string: string), let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            var host = components.percentEncodedHost, !host.isEmpty
        else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let tls = scheme == "https"
        let port = components.port ?? (tls ? 443 : 80)
        guard (1...65_535).contains(port) else { return nil }
        origin = Origin(tls: tls, host: host, port: port)
        let shownHost = host.contains(":") ? "[\(host)]" : host
        hostHeader = port == (tls ? 443 : 80) ? shownHost : "\(shownHost):\(port)"
        var path = components.percentEncodedPath
        if path.isEmpty { path = "/" }
        if let query = components.percentEncodedQuery { path += "?" + query }
        requestTarget = path
    }
}

/// The last handler of a connection: collects one answer at a time and enforces its limits.
private final class Exchange: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart

    struct Outcome: Sendable {
        var response: HTTP1Response
        var reusable: Bool
    }

    private var promise: EventLoopPromise<Outcome>?
    private var limit = 0
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()
    private var timer: Scheduled<Void>?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func begin(_ promise: EventLoopPromise<Outcome>, limit: Int, deadline: NIODeadline) {
        guard let context else {
            promise.fail(HTTP1Error(kind: .closed(beforeHead: true)))
            return
        }
        self.promise = promise
        self.limit = limit
        head = nil
        body.clear()
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(deadline: deadline) { bound.value.fail(.timeout) }
        if !context.channel.isActive { fail(.closed(beforeHead: true)) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard promise != nil else {
            // An answer nobody asked for: the connection is not to be trusted any more.
            context.close(promise: nil)
            return
        }
        switch unwrapInboundIn(data) {
        case .head(let received):
            let code = Int(received.status.code)
            // Informational answers (1xx) are dropped by the decoder; a status outside 200–999
            // here is the server's error, not a reason to trap.
            guard (200...999).contains(code) else { return fail(.invalidStatus(code)) }
            if let length = received.headers.first(name: "content-length").flatMap(Int.init), length > limit {
                return fail(.bodyTooLarge(limit))
            }
            head = received
        case .body(var part):
            guard head != nil else { return fail(.malformed("a body before the status line")) }
            guard body.readableBytes + part.readableBytes <= limit else { return fail(.bodyTooLarge(limit)) }
            body.writeBuffer(&part)
        case .end:
            guard let head, let promise else { return fail(.malformed("an end before the status line")) }
            self.promise = nil
            timer?.cancel()
            let response = HTTP1Response(
                status: Int(head.status.code), reason: head.status.reasonPhrase, headers: head.headers.map { ($0.name, $0.value) },
                body: Array(buffer: body))
            body = ByteBuffer()
            promise.succeed(Outcome(response: response, reusable: head.isKeepAlive && context.channel.isActive))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed(beforeHead: head == nil))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        switch error {
        case HTTPParserError.headerOverflow: fail(.headersTooLarge)
        case HTTPParserError.invalidEOFState, HTTPParserError.closedConnection: fail(.closed(beforeHead: head == nil))
        case let parser as HTTPParserError: fail(.malformed(String(describing: parser)))
        case let tls as NIOSSLError: fail(.tls(Self.describeTLS(tls)))
        case let tls as BoringSSLError: fail(.tls(Self.describeTLS(tls)))
        case let io as IOError where io.errnoCode == ECONNRESET: fail(.closed(beforeHead: head == nil))
        default: fail(.malformed(String(describing: error)))
        }
        context.close(promise: nil)
    }

    /// BoringSSL's reason (`CERTIFICATE_VERIFY_FAILED`…) in words where it is a common one,
    /// else the reason itself, without the build paths BoringSSL's errors carry.
    static func describeTLS(_ error: any Error) -> String {
        let text = String(describing: error)
        let known = [
            "CERTIFICATE_VERIFY_FAILED": "the server's certificate could not be verified",
            "WRONG_VERSION_NUMBER": "the server does not speak TLS on this port",
            "TLSV1_ALERT_PROTOCOL_VERSION": "the server offers no TLS version we accept",
            "SSLV3_ALERT_HANDSHAKE_FAILURE": "the server refused the handshake",
            "NO_SHARED_CIPHER": "the server shares no cipher with us",
        ]
        for (reason, words) in known where text.contains(reason) { return words }
        if case .uncleanShutdown? = error as? NIOSSLError { return "the server closed the connection during TLS" }
        if let range = text.range(of: #"OPENSSL_internal:[A-Z0-9_]+"#, options: .regularExpression) {
            return "handshake failed (" + text[range].dropFirst("OPENSSL_internal:".count) + ")"
        }
        return text
    }

    private func fail(_ kind: HTTP1Error.Kind) {
        timer?.cancel()
        timer = nil
        guard let promise else { return }
        self.promise = nil
        body = ByteBuffer()
        promise.fail(HTTP1Error(kind: kind))
        context?.close(promise: nil)
    }
}
