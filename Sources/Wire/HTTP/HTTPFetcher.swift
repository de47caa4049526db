import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOHTTP1
import NIOHTTPCompression

/// What one HTTP fetch brought back.
public struct FetchResult: Sendable {
    /// The URL the body finally came from (after redirects).
    public var finalURL: String
    public var status: Int
    /// Response headers, names as the server wrote them; repeated headers joined with ", ".
    public var headers: [String: String]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Why a fetch failed, with the URL it was for.
public struct FetchError: Error, CustomStringConvertible, Sendable {
    public enum Reason: Sendable {
        case invalidURL
        case tooLarge(limit: Int)
        /// The whole request took longer than this many seconds.
        case timeout(Double)
        case redirectLoop(String)
        case tooManyRedirects(Int)
        case transport(String)
    }
    public var url: String
    public var reason: Reason

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }

    public var description: String {
        switch reason {
        case .invalidURL: return "\(url): not a valid http(s) URL"
        case .tooLarge(let limit): return "\(url): response body is larger than \(limit) bytes"
        case .timeout(let seconds): return "\(url): no complete answer within \(Self.seconds(seconds))"
        case .redirectLoop(let to): return "\(url): redirect loop (back to \(to))"
        case .tooManyRedirects(let n): return "\(url): more than \(n) redirects"
        case .transport(let message): return "\(url): \(message)"
        }
    }
}

/// A small, bounded HTTP GET over AsyncHTTPClient: redirects followed (5 at most), body capped.
public struct HTTPFetcher: Sendable {
    public var userAgent: String
    public var timeout: TimeAmount
    public var maxBytes: Int

    public init(
        userAgent: String = MediaWireVersion.userAgent, timeout: TimeAmount = .seconds(30),
        maxBytes: Int = 20 << 20
    ) {
        self.userAgent = userAgent
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    public func get(_ url: String, headers extra: [String: String] = [:]) async throws(FetchError) -> FetchResult {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw FetchError(url: url, reason: .invalidURL)
        }
        var config = HTTPClient.Configuration(redirectConfiguration: .follow(max: 5, allowCycles: false))
        config.decompression = .enabled(limit: .size(maxBytes))
        config.timeout = .init(connect: .seconds(10), read: timeout)
        // A refused connection is an answer: report it now rather than retrying until the timeout.
        config.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: config)
        do {
            let result = try await fetch(client: client, url: url, headers: extra)
            try? await client.shutdown()
            return result
        } catch let error as FetchError {
            try? await client.shutdown()
            throw error
        } catch {
            try? await client.shutdown()
            throw FetchError(url: url, reason: .transport(String(describing: error)))
        }
    }

    private func fetch(client: HTTPClient, url: String, headers extra: [String: String]) async throws -> FetchResult {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "User-Agent", value: userAgent)
        request.headers.add(name: "Accept", value: "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.8")
        request.headers.add(name: "Accept-Encoding", value: "gzip, deflate")
        for (k, v) in extra { request.headers.replaceOrAdd(name: k, value: v) }
        let response = try await client.execute(request, timeout: timeout)
        var body: [UInt8] = []
        for try await var chunk in response.body {
            if body.count + chunk.readableBytes > maxBytes { throw FetchError(url: url, reason: .tooLarge(limit: maxBytes)) }
            body.append(contentsOf: chunk.readBytes(length: chunk.readableBytes) ?? [])
        }
        var headers: [String: String] = [:]
        for (name, value) in response.headers {
            if let existing = headers[name] { headers[name] = existing + ", " + value } else { headers[name] = value }
        }
        return FetchResult(finalURL: response.url?.absoluteString ?? url, status: Int(response.status.code), headers: headers, body: body)
    }
}
