import CompressNIO
import Foundation
import NIOCore

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
    /// The body, decompressed (at most `maxBytes`); empty for a 304.
    public var body: [UInt8]

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// One shared HTTP client for a poll run: kept connections, manual redirects (so 301/308 can be
/// told from 302/307 and loops are caught), conditional requests, a body cap and a total deadline.
public final class PollClient: Sendable {
    public let userAgent: String
    /// The whole request, body included, must finish within this many seconds.
    public let timeout: Double
    public let connectTimeout: Double
    public let maxBytes: Int
    let client: HTTP1Client

    public init(userAgent: String, timeout: Double, connectTimeout: Double? = nil, maxBytes: Int, perHost: Int = 2) {
        self.userAgent = userAgent
        self.timeout = timeout
        self.connectTimeout = connectTimeout ?? min(timeout, 10)
        self.maxBytes = maxBytes
        // Bodies are inflated here, after the transfer: a decompression bomb then gets a clear
        // "larger than N bytes" instead of a closed channel.
        client = HTTP1Client(connectTimeout: .milliseconds(Int64(self.connectTimeout * 1000)), idlePerOrigin: max(2, perHost))
    }

    public func shutdown() async {
        await client.shutdown()
    }

    /// Fetches `request.url`, following up to 5 redirects.
    public func get(_ request: PollRequest) async throws(FetchError) -> PollResponse {
        let deadline = NIODeadline.now() + .milliseconds(Int64(timeout * 1000))
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

    private func once(url: String, request: PollRequest, conditional: Bool, deadline: NIODeadline) async throws(FetchError) -> PollResponse {
        var headers: [(name: String, value: String)] = [
            ("User-Agent", userAgent),
            (
                "Accept",
                "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5"
            ),
            ("Accept-Encoding", "gzip, deflate"),
        ]
        if conditional {
            if let etag = request.etag { headers.append(("If-None-Match", etag)) }
            if let modified = request.lastModified { headers.append(("If-Modified-Since", modified)) }
        }
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            headers.removeAll { $0.name.caseInsensitiveCompare(name) == .orderedSame }
            headers.append((name, value))
        }
        guard deadline > .now() else { throw FetchError(url: url, reason: .timeout(timeout)) }
        let response: HTTP1Response
        do {
            response = try await client.execute(HTTP1Request(url: url, headers: headers), deadline: deadline, maxBodyBytes: maxBytes)
        } catch {
            switch error.kind {
            case .invalidURL: throw FetchError(url: url, reason: .invalidURL)
            case .timeout: throw FetchError(url: url, reason: .timeout(timeout))
            case .bodyTooLarge(let limit): throw FetchError(url: url, reason: .tooLarge(limit: limit))
            default: throw FetchError(url: url, reason: .transport(error.description))
            }
        }
        let joined = response.joinedHeaders
        var body = response.body
        if !body.isEmpty, let coding = joined["content-encoding"]?.lowercased().trimmingCharacters(in: .whitespaces) {
            body = try Self.inflate(body, coding: coding, limit: maxBytes, url: url)
        }
        return PollResponse(status: response.status, finalURL: url, permanentURL: nil, headers: joined, body: body)
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
}
