import AsyncHTTPClient
import CompressNIO
import Foundation
import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// A conditional GET for one source.
public struct PollRequest: Sendable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var headers: [String: String]

    public init(url: String, etag: String? = nil, lastModified: String? = nil, headers: [String: String] = [:]) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.headers = headers
    }
}

/// What the server answered, after redirects.
public struct PollResponse: Sendable {
    public var status: Int
    /// The URL the answer came from.
    public var finalURL: String
    /// Where a chain of permanent redirects (301/308) from the requested URL leads, if it does:
    /// the URL to use from now on. A temporary redirect ends the chain.
    public var permanentURL: String?
    /// Header names lower-cased; repeated headers joined with ", ".
    public var headers: [String: String]
    /// The body, decompressed; empty for a 304 and for errors.
    public var body: [UInt8]

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// One shared HTTP client for a poll run: a connection pool, manual redirects (so 301/308 can be
/// told from 302/307 and loops are caught), conditional requests, a body cap and a total deadline.
public final class PollClient: Sendable {
    public let userAgent: String
    /// The whole request, body included, must finish within this many seconds.
    public let timeout: Double
    public let connectTimeout: Double
    public let maxBytes: Int
    let client: HTTPClient

    public init(userAgent: String, timeout: Double, connectTimeout: Double? = nil, maxBytes: Int, perHost: Int = 2) {
        self.userAgent = userAgent
        self.timeout = timeout
        self.connectTimeout = connectTimeout ?? min(timeout, 10)
        self.maxBytes = maxBytes
        var config = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // Bodies are inflated here, not in the client: a decompression bomb then gets a clear
        // "larger than N bytes" instead of a closed channel.
        config.decompression = .disabled
        config.timeout = .init(connect: .milliseconds(Int64(self.connectTimeout * 1000)), read: .milliseconds(Int64(timeout * 1000)))
        config.connectionPool.retryConnectionEstablishment = false
        config.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(1, perHost)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Fetches `request.url`, following up to 5 redirects.
    public func get(_ request: PollRequest) async throws(FetchError) -> PollResponse {
        let deadline = Date().addingTimeInterval(timeout)
        var url = request.url
        var visited: Set<String> = [url]
        var permanent: String?
        var chainPermanent = true
        for hop in 0...5 {
            guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https",
                parsed.host != nil
            else {
                throw FetchError(url: url, reason: .invalidURL)
            }
            // Validators belong to the URL they were given for; a redirect target gets a plain GET.
            let conditional = hop == 0 || (chainPermanent && permanent == url)
            var response = try await once(url: url, request: request, conditional: conditional, deadline: deadline)
            guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("location") else {
                response.permanentURL = permanent
                return response
            }
            guard hop < 5 else { throw FetchError(url: request.url, reason: .tooManyRedirects(5)) }
            guard let next = URL(string: location.trimmingCharacters(in: .whitespaces), relativeTo: parsed)?.absoluteURL.absoluteString else {
                throw FetchError(url: url, reason: .transport("redirect to an invalid Location: \(location)"))
            }
            guard visited.insert(next).inserted else { throw FetchError(url: request.url, reason: .redirectLoop(next)) }
            if chainPermanent && (response.status == 301 || response.status == 308) {
                permanent = next
            } else {
                chainPermanent = false
            }
            url = next
        }
        throw FetchError(url: request.url, reason: .tooManyRedirects(5))
    }

    private func once(url: String, request: PollRequest, conditional: Bool, deadline: Date) async throws(FetchError) -> PollResponse {
        var http = HTTPClientRequest(url: url)
        http.headers.add(name: "User-Agent", value: userAgent)
        http.headers.add(
            name: "Accept",
            value: "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5")
        http.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        if conditional {
            if let etag = request.etag { http.headers.add(name: "If-None-Match", value: etag) }
            if let modified = request.lastModified { http.headers.add(name: "If-Modified-Since", value: modified) }
        }
        for (k, v) in request.headers { http.headers.replaceOrAdd(name: k, value: v) }
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0 else { throw FetchError(url: url, reason: .timeout(timeout)) }
        let limit = maxBytes
        let client = self.client
        let timeout = self.timeout
        let prepared = http
        do {
            return try await withThrowingTaskGroup(of: PollResponse?.self) { group in
                group.addTask {
                    let response = try await client.execute(prepared, timeout: .milliseconds(Int64(remaining * 1000)))
                    var headers: [String: String] = [:]
                    for (name, value) in response.headers {
                        let key = name.lowercased()
                        if let existing = headers[key] { headers[key] = existing + ", " + value } else { headers[key] = value }
                    }
                    var body: [UInt8] = []
                    let status = Int(response.status.code)
                    if status == 200 {
                        if let length = headers["content-length"].flatMap(Int.init), length <= limit { body.reserveCapacity(length) }
                        for try await chunk in response.body {
                            if body.count + chunk.readableBytes > limit {
                                throw FetchError(url: url, reason: .tooLarge(limit: limit))
                            }
                            chunk.withUnsafeReadableBytes { body.append(contentsOf: $0) }
                        }
                    }
                    if !body.isEmpty, let coding = headers["content-encoding"]?.lowercased().trimmingCharacters(in: .whitespaces) {
                        body = try Self.inflate(body, coding: coding, limit: limit, url: url)
                    }
                    return PollResponse(status: status, finalURL: url, permanentURL: nil, headers: headers, body: body)
                }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(max(0, remaining) * 1_000_000_000))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let response = first else {
                    throw FetchError(url: url, reason: .timeout(timeout))
                }
                return response
            }
        } catch let error as FetchError {
            throw error
        } catch let error as HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout { throw FetchError(url: url, reason: .timeout(timeout)) }
            if error == .connectTimeout { throw FetchError(url: url, reason: .transport("could not connect within \(Int(connectTimeout)) s")) }
            if "\(error)".contains("decompressionLimit") { throw FetchError(url: url, reason: .tooLarge(limit: limit)) }
            throw FetchError(url: url, reason: .transport(Self.describe(error)))
        } catch {
            throw FetchError(url: url, reason: .transport(Self.describe(error)))
        }
    }

    /// A gzip or deflate body inflated, at most `limit` bytes; other codings are left as they came.
    static func inflate(_ body: [UInt8], coding: String, limit: Int, url: String) throws(FetchError) -> [UInt8] {
        let algorithms: [CompressionAlgorithm]
        switch coding {
        case "gzip", "x-gzip": algorithms = [.gzip()]
        // "deflate" is zlib-wrapped by the standard, raw in some servers.
        case "deflate": algorithms = [.zlib(), .deflate()]
        default: return body
        }
        for algorithm in algorithms {
            var buffer = ByteBuffer(bytes: body)
            do {
                let inflated = try buffer.decompress(with: algorithm, maxSize: limit)
                return Array(buffer: inflated)
            } catch let error as CompressNIOError where error == .bufferOverflow {
                throw FetchError(url: url, reason: .tooLarge(limit: limit))
            } catch {
                continue
            }
        }
        throw FetchError(url: url, reason: .transport("the \(coding) body is corrupt"))
    }

    static func describe(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectionRefused") || text.contains("Connection refused") { return "connection refused" }
        if text.contains("remoteConnectionClosed") || text.contains("Connection reset") || text.contains("ECONNRESET") {
            return "the server closed the connection"
        }
        if text.contains("stream ended at an unexpected time") {
            return "the server closed the connection before the body it announced had come"
        }
        if text.contains("too many header bytes") { return "the server's headers never ended (over the header size limit)" }
        return text
    }
}
