/// "just now", "5 minutes ago", "6 hours ago", "3 days ago": how long ago, as a news page says it.
public enum RelativeTime {
    public static func ago(_ instant: Double, now: Double) -> String {
        let seconds = max(0, now - instant)
        func plural(_ n: Int, _ unit: String) -> String { "\(n) \(unit)\(n == 1 ? "" : "s") ago" }
        switch seconds {
        case ..<60: return "just now"
        case ..<3_600: return plural(Int(seconds / 60), "minute")
        case ..<86_400: return plural(Int(seconds / 3_600), "hour")
        default: return plural(Int(seconds / 86_400), "day")
        }
    }
}
