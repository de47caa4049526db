import Foundation
public import NIOCore

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

/// A small, bounded HTTP GET (the poll client's): redirects followed (5 at most), body capped.
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
        let client = PollClient(userAgent: userAgent, timeout: Double(timeout.nanoseconds) / 1e9, maxBytes: maxBytes)
        do {
            let response = try await client.get(PollRequest(url: url, headers: extra))
            await client.shutdown()
            return FetchResult(finalURL: response.finalURL, status: response.status, headers: response.headers, body: response.body)
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
