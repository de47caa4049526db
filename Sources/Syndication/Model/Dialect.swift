/// The syndication format and version a document is written in, detected from its content.
public enum Dialect: String, Sendable, Hashable, CaseIterable {
    case rss090, rss091n, rss091u, rss092, rss093, rss094, rss20, rss10
    /// RSS with a missing or unknown version.
    case rss
    case atom01, atom02, atom03, atom10
    /// Atom with a missing or unknown version.
    case atom
    /// Microsoft's Channel Definition Format.
    case cdf
    case json1, json11
    case unknown = ""

    public var isAtom: Bool { rawValue.hasPrefix("atom") }
    public var isRSS: Bool { rawValue.hasPrefix("rss") }

    /// A name for people: "RSS 2.0", "Atom 1.0".
    public var displayName: String {
        switch self {
        case .rss090: return "RSS 0.90"
        case .rss091n: return "RSS 0.91 (Netscape)"
        case .rss091u: return "RSS 0.91 (Userland)"
        case .rss092: return "RSS 0.92"
        case .rss093: return "RSS 0.93"
        case .rss094: return "RSS 0.94"
        case .rss20: return "RSS 2.0"
        case .rss10: return "RSS 1.0"
        case .rss: return "RSS (unknown version)"
        case .atom01: return "Atom 0.1"
        case .atom02: return "Atom 0.2"
        case .atom03: return "Atom 0.3"
        case .atom10: return "Atom 1.0"
        case .atom: return "Atom (unknown version)"
        case .cdf: return "CDF"
        case .json1: return "JSON Feed 1.0"
        case .json11: return "JSON Feed 1.1"
        case .unknown: return "unknown"
        }
    }
}
