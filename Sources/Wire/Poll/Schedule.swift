import Foundation
import Syndication

/// When to poll a source next, from what the source and the server said.
public enum Schedule {
    /// `Retry-After`: delay-seconds or an HTTP date; the delay in seconds from `now`.
    public static func retryAfter(_ value: String?, now: Double) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value), seconds >= 0 { return seconds }
        guard let date = DateParser.parse(value) else { return nil }
        return max(0, date.timeIntervalSince1970 - now)
    }

    /// `Cache-Control: max-age=N` (s-maxage is for shared caches; we are a private client).
    public static func maxAge(_ cacheControl: String?) -> Double? {
        guard let cacheControl else { return nil }
        for directive in cacheControl.split(separator: ",") {
            let parts = directive.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0].lowercased() == "max-age",
                let seconds = Double(parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
            {
                return max(0, seconds)
            }
        }
        return nil
    }

    /// `Expires`: seconds from `now` (0 for a date in the past or an invalid one, as RFC 9111 says).
    public static func expires(_ value: String?, now: Double) -> Double? {
        guard let value else { return nil }
        guard let date = DateParser.parse(value) else { return 0 }
        return max(0, date.timeIntervalSince1970 - now)
    }

    /// RSS `ttl` (minutes) in seconds.
    public static func ttl(_ value: String?) -> Double? {
        guard let value, let minutes = Double(value.trimmingCharacters(in: .whitespaces)), minutes > 0 else { return nil }
        return minutes * 60
    }

    /// The delay until the next check after a success: the longest of the source interval, the
    /// feed's `ttl`, `max-age`, `Expires` and `Retry-After`, clamped to `[minimum, maximum]`.
    public static func delay(interval: Double, hints: [Double?], minimum: Double, maximum: Double) -> Double {
        let longest = hints.compactMap { $0 }.reduce(interval, max)
        return min(max(longest, minimum), maximum)
    }

    /// The delay after `errors` consecutive failures: the interval doubled per failure, with ±20%
    /// jitter (so sources that failed together do not return together), never above `ceiling`.
    public static func backoff(
        errors: Int, interval: Double, minimum: Double, ceiling: Double,
        jitter: Double = Double.random(in: 0.8...1.2)
    ) -> Double {
        let base = max(interval, minimum)
        let doubled = base * pow(2, Double(min(max(errors - 1, 0), 30)))
        return min(max(doubled * jitter, minimum), ceiling)
    }
}
