import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small HTTP/1.1 server on 127.0.0.1 for tests and benchmarks: each request is answered by a
/// closure, with full, slow, endless and reset answers, and every request is recorded.
public final class LoopbackServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lower-cased.
        public var headers: [String: String]
        public var host: String
        /// The request body, as received.
        public var body: [UInt8] = []
    }

    public enum Response: Sendable {
        case full(status: Int, headers: [(String, String)], body: [UInt8])
        /// The head at once, then one chunk every `interval` seconds.
        case slow(status: Int, headers: [(String, String)], chunks: [[UInt8]], interval: Double)
        /// A 200 whose body never ends (until the client goes away).
        case endless(headers: [(String, String)], chunk: [UInt8])
        /// The connection is closed without an answer.
        case reset

        public static func ok(_ body: String, type: String = "application/rss+xml", headers: [(String, String)] = []) -> Response {
            .full(status: 200, headers: [("Content-Type", type)] + headers, body: Array(body.utf8))
        }

        public static func status(_ code: Int, headers: [(String, String)] = []) -> Response {
            .full(status: code, headers: headers, body: [])
        }
    }

    public typealias Handler = @Sendable (Request) -> Response

    public let port: Int
    private let channel: any Channel
    private let recorded = NIOLockedValueBox<[Request]>([])

    /// Starts a server; `handler` answers every request.
    public init(host: String = "127.0.0.1", handler: @escaping Handler) throws {
        let box = recorded
        let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.backlog, value: 1024)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(
                        Connection(
                            handler: handler,
                            record: { request in
                                box.withLockedValue { $0.append(request) }
                            }))
                }
            }
        channel = try bootstrap.bind(host: host, port: 0).wait()
        port = channel.localAddress?.port ?? 0
    }

    public func url(_ path: String, host: String = "127.0.0.1") -> String {
        "http://\(host):\(port)\(path)"
    }

    /// The requests received so far.
    public var requests: [Request] { recorded.withLockedValue { $0 } }

    public func requests(to path: String) -> [Request] { requests.filter { $0.path == path } }

    public func clearRequests() { recorded.withLockedValue { $0.removeAll() } }

    public func stop() {
        try? channel.close().wait()
    }
}

/// Shared unchecked: NIO calls a handler only on its channel's event loop, and the handler's
/// state is touched from nowhere else (replies hop back onto that loop).
private final class Connection: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let handler: LoopbackServer.Handler
    let record: @Sendable (LoopbackServer.Request) -> Void
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(handler: @escaping LoopbackServer.Handler, record: @escaping @Sendable (LoopbackServer.Request) -> Void) {
        self.handler = handler
        self.record = record
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let h): head = h
        case .body(let part): body += part.readableBytesView
        case .end:
            guard let head else { return }
            self.head = nil
            var headers: [String: String] = [:]
            for (k, v) in head.headers { headers[k.lowercased()] = v }
            let request = LoopbackServer.Request(
                method: "\(head.method)", path: head.uri, headers: headers, host: headers["host"] ?? "", body: body)
            body = []
            record(request)
            respond(handler(request), keepAlive: head.isKeepAlive, context: context)
        }
    }

    private func writeHead(_ status: Int, _ headers: [(String, String)], length: Int?, keepAlive: Bool, context: ChannelHandlerContext) {
        var h = HTTPHeaders(headers)
        if let length {
            h.replaceOrAdd(name: "Content-Length", value: String(length))
        } else {
            h.replaceOrAdd(name: "Transfer-Encoding", value: "chunked")
        }
        if !keepAlive { h.replaceOrAdd(name: "Connection", value: "close") }
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: h))), promise: nil)
    }

    private func respond(_ response: LoopbackServer.Response, keepAlive: Bool, context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        switch response {
        case .full(let status, let headers, let body):
            writeHead(status, headers, length: body.count, keepAlive: keepAlive, context: context)
            if !body.isEmpty { context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
                if !keepAlive { loopBound.value.close(promise: nil) }
            }
        case .slow(let status, let headers, let chunks, let interval):
            writeHead(status, headers, length: nil, keepAlive: false, context: context)
            context.flush()
            sendSlow(chunks[...], interval: interval, context: loopBound)
        case .endless(let headers, let chunk):
            writeHead(200, headers, length: nil, keepAlive: false, context: context)
            sendEndless(context.channel.allocator.buffer(bytes: chunk), context: loopBound)
        case .reset:
            context.close(promise: nil)
        }
    }

    private func sendSlow(_ chunks: ArraySlice<[UInt8]>, interval: Double, context: NIOLoopBound<ChannelHandlerContext>) {
        let ctx = context.value
        guard let first = chunks.first, ctx.channel.isActive else {
            ctx.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.value.close(promise: nil) }
            return
        }
        ctx.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(ctx.channel.allocator.buffer(bytes: first)))), promise: nil)
        let rest = chunks.dropFirst()
        ctx.eventLoop.scheduleTask(in: .milliseconds(Int64(interval * 1000))) {
            self.sendSlow(rest, interval: interval, context: context)
        }
    }

    private func sendEndless(_ chunk: ByteBuffer, context: NIOLoopBound<ChannelHandlerContext>) {
        let ctx = context.value
        guard ctx.channel.isActive else { return }
        ctx.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(chunk)))).whenComplete { result in
            if case .success = result { self.sendEndless(chunk, context: context) }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
