import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// WebSub (W3C Recommendation, §7): after a regeneration that changed the feed, tells the hub
/// with `hub.mode=publish` and `hub.url`. Retried with backoff; a failing hub is logged and never
/// stops the wire.
struct HubNotifier: Sendable {
    let logger: Logger
    /// Seconds before each retry.
    var backoff: [Double] = [1, 5, 25]

    func publish(hub: String, topic: String) {
        Task { await send(hub: hub, topic: topic) }
    }

    func send(hub: String, topic: String) async {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = "hub.mode=publish&hub.url=" + (topic.addingPercentEncoding(withAllowedCharacters: allowed) ?? topic)
        for attempt in 0...backoff.count {
            var request = HTTPClientRequest(url: hub)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
            do {
                let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
                _ = try? await response.body.collect(upTo: 64 << 10)
                if (200..<300).contains(Int(response.status.code)) {
                    logger.info("websub: \(hub) told of \(topic) (HTTP \(response.status.code))")
                    return
                }
                logger.warning("websub: \(hub) answered HTTP \(response.status.code)")
            } catch {
                logger.warning("websub: \(hub): \(error)")
            }
            guard attempt < backoff.count else { break }
            try? await Task.sleep(nanoseconds: UInt64(backoff[attempt] * 1e9))
        }
        logger.error("websub: \(hub) not told of \(topic) after \(backoff.count + 1) attempts; the wire goes on")
    }
}
