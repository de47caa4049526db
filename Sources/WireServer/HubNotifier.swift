import Foundation
import Logging
import NIOCore
import Wire

/// WebSub (W3C Recommendation, §7): after a regeneration that changed the feed, tells the hub
/// with `hub.mode=publish` and `hub.url`. Retried with backoff; a failing hub is logged and never
/// stops the wire.
struct HubNotifier: Sendable {
    let logger: Logger
    /// Seconds before each retry.
    var backoff: [Double] = [1, 5, 25]
    static let client = HTTP1Client()

    func publish(hub: String, topic: String) {
        Task { await send(hub: hub, topic: topic) }
    }

    func send(hub: String, topic: String) async {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = "hub.mode=publish&hub.url=" + (topic.addingPercentEncoding(withAllowedCharacters: allowed) ?? topic)
        for attempt in 0...backoff.count {
            let request = HTTP1Request(
                method: "POST", url: hub,
                headers: [("User-Agent", MediaWireVersion.userAgent), ("Content-Type", "application/x-www-form-urlencoded")],
                body: Array(body.utf8))
            do {
                let response = try await Self.client.execute(request, deadline: .now() + .seconds(15), maxBodyBytes: 64 << 10)
                if (200..<300).contains(response.status) {
                    logger.info("websub: \(hub) told of \(topic) (HTTP \(response.status))")
                    return
                }
                logger.warning("websub: \(hub) answered HTTP \(response.status)")
            } catch {
                logger.warning("websub: \(hub): \(error)")
            }
            guard attempt < backoff.count else { break }
            try? await Task.sleep(nanoseconds: UInt64(backoff[attempt] * 1e9))
        }
        logger.error("websub: \(hub) not told of \(topic) after \(backoff.count + 1) attempts; the wire goes on")
    }
}
