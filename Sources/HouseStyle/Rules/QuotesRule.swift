/// `quotes`: a phrase between any pair of quotes (`"…"`, `'…'`, `“…”`, `‘…’`) takes the house
/// pair; for the curly styles an apostrophe inside or closing a word becomes `’`.
public struct QuotesRule: HeadlineRule {
    public enum Style: String, Sendable, CaseIterable {
        case straight
        case singleCurly = "single-curly"
        case doubleCurly = "double-curly"

        var pair: (Unicode.Scalar, Unicode.Scalar) {
            switch self {
            case .straight: return ("\"", "\"")
            case .singleCurly: return ("‘", "’")
            case .doubleCurly: return ("“", "”")
            }
        }
        var apostrophe: Unicode.Scalar { self == .straight ? "'" : "’" }
    }

    public let name = "quotes"
    let style: Style

    public init(_ style: Style) {
        self.style = style
    }

    private static let doubles: Set<Unicode.Scalar> = ["\"", "“", "”"]
    private static let singles: Set<Unicode.Scalar> = ["'", "‘", "’"]

    public func apply(_ headline: String) -> String {
        // No quote or apostrophe at all (the bytes of ' " ‘ ’ “ ”): nothing to do.
        let u = headline.utf8
        guard u.contains(where: { $0 == 0x22 || $0 == 0x27 || $0 == 0xE2 }) else { return headline }
        var chars = Array(headline.unicodeScalars)
        func isWordChar(_ i: Int) -> Bool { i >= 0 && i < chars.count && Words.isWordScalar(chars[i]) }
        // Apostrophes inside words first, so they are not taken for quotes.
        var isApostrophe = [Bool](repeating: false, count: chars.count)
        for i in chars.indices where QuotesRule.singles.contains(chars[i]) && chars[i] != "‘" {
            if isWordChar(i - 1) && isWordChar(i + 1) { isApostrophe[i] = true }
        }
        // Then pairs: an opening quote starts a phrase, the next matching closing one ends it.
        for kind in [QuotesRule.doubles, QuotesRule.singles] {
            var open: Int?
            for i in chars.indices where kind.contains(chars[i]) && !isApostrophe[i] {
                let before = i == 0 || chars[i - 1].properties.isWhitespace || "([{—–-/".unicodeScalars.contains(chars[i - 1])
                let after = i + 1 < chars.count && !chars[i + 1].properties.isWhitespace
                if let o = open, !before || !after || chars[i] == "”" || chars[i] == "’" {
                    chars[o] = style.pair.0
                    chars[i] = style.pair.1
                    open = nil
                } else if before && after && open == nil {
                    open = i
                } else if kind == QuotesRule.singles && isWordChar(i - 1) {
                    isApostrophe[i] = true  // "agencies' reports": a closing apostrophe
                }
            }
        }
        for i in chars.indices where isApostrophe[i] { chars[i] = style.apostrophe }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count + 8)
        for c in chars { UTF8.encode(c) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }
}
