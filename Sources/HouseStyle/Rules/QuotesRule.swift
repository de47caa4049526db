/// `quotes`: a phrase between any pair of quotes (`"…"`, `'…'`, `“…”`, `‘…’`) takes the house
/// pair; for the curly styles an apostrophe inside or closing a word becomes `’`.
public struct QuotesRule: HeadlineRule {
    public enum Style: String, Sendable, CaseIterable {
        case straight, singleCurly = "single-curly", doubleCurly = "double-curly"

        var pair: (Character, Character) {
            switch self {
            case .straight: return ("\"", "\"")
            case .singleCurly: return ("‘", "’")
            case .doubleCurly: return ("“", "”")
            }
        }
        var apostrophe: Character { self == .straight ? "'" : "’" }
    }

    public let name = "quotes"
    let style: Style

    public init(_ style: Style) {
        self.style = style
    }

    private static let doubles: Set<Character> = ["\"", "“", "”"]
    private static let singles: Set<Character> = ["'", "‘", "’"]

    public func apply(_ headline: String) -> String {
        var chars = Array(headline)
        func isWordChar(_ i: Int) -> Bool { i >= 0 && i < chars.count && (chars[i].isLetter || chars[i].isNumber) }
        // Apostrophes inside words first, so they are not taken for quotes.
        var isApostrophe = [Bool](repeating: false, count: chars.count)
        for i in chars.indices where QuotesRule.singles.contains(chars[i]) && chars[i] != "‘" {
            if isWordChar(i - 1) && isWordChar(i + 1) { isApostrophe[i] = true }
        }
        // Then pairs: an opening quote starts a phrase, the next matching closing one ends it.
        for kind in [QuotesRule.doubles, QuotesRule.singles] {
            var open: Int?
            for i in chars.indices where kind.contains(chars[i]) && !isApostrophe[i] {
                let before = i == 0 || chars[i - 1].isWhitespace || "([{—–-/".contains(chars[i - 1])
                let after = i + 1 < chars.count && !chars[i + 1].isWhitespace
                if let o = open, !before || !after || chars[i] == "”" || chars[i] == "’" {
                    chars[o] = style.pair.0
                    chars[i] = style.pair.1
                    open = nil
                } else if before && after && open == nil {
                    open = i
                } else if kind == QuotesRule.singles && isWordChar(i - 1) {
                    isApostrophe[i] = true   // "agencies' reports": a closing apostrophe
                }
            }
        }
        for i in chars.indices where isApostrophe[i] { chars[i] = style.apostrophe }
        return String(chars)
    }
}
