import Foundation
import Syndication

/// HTTP conditional requests (RFC 9110 §13): whether a cached copy is still good.
enum Conditional {
    /// `true` when the client's copy is current, so the answer is `304 Not Modified`.
    /// `If-None-Match` (weak comparison, lists and `*`) takes precedence over `If-Modified-Since`,
    /// which counts only when there is no `If-None-Match`.
    static func notModified(ifNoneMatch: String?, ifModifiedSince: String?, etags: [String], lastModified: Date) -> Bool {
        if let ifNoneMatch {
            let opaque = Set(etags.map(weak))
            return ifNoneMatch.split(separator: ",").contains { tag in
                let tag = tag.trimmingCharacters(in: .whitespaces)
                return tag == "*" || opaque.contains(weak(tag))
            }
        }
        if let ifModifiedSince, let since = DateParser.parse(ifModifiedSince) {
            return lastModified.timeIntervalSince1970.rounded(.down) <= since.timeIntervalSince1970
        }
        return false
    }

    /// An entity tag without its weakness marker.
    private static func weak(_ tag: String) -> String { tag.hasPrefix("W/") ? String(tag.dropFirst(2)) : tag }

    /// Whether `Accept-Encoding` allows gzip (`gzip` or `*`, with a non-zero quality).
    static func acceptsGzip(_ acceptEncoding: String?) -> Bool {
        guard let acceptEncoding else { return false }
        var gzip: Double?, any: Double?
        for part in acceptEncoding.lowercased().split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let coding = pieces.first else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() where parameter.hasPrefix("q=") { quality = Double(parameter.dropFirst(2)) ?? 0 }
            if coding == "gzip" || coding == "x-gzip" { gzip = quality } else if coding == "*" { any = quality }
        }
        return (gzip ?? any ?? 0) > 0
    }
}
