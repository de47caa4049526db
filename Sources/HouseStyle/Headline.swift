public import Syndication

/// The one place a headline is taken from an agency's entry, for polling, for `restyle --feed`
/// and for restyling the store alike: the text a reader of the agency's feed sees.
public enum Headline {
    /// Where a headline came from.
    public enum Origin: String, Sendable, Hashable, Codable {
        /// The agency's own title.
        case agency
        /// The agency gave none: the first sentence of the report's summary or content.
        case summary, content
    }

    /// The text a reader sees of an agency title: for HTML and XHTML titles the markup is
    /// removed (what scripts and styles hold too) and references are decoded. An Atom
    /// `type="text"` title is taken as written, as Atom defines it. Other formats do not say what
    /// a title holds, agencies put escaped HTML in them and readers render it: a title there that
    /// holds a tag is read as HTML. White space is collapsed.
    public static func text(of title: Text, in dialect: Dialect) -> String {
        let markup: Bool
        switch title.kind {
        case .html, .xhtml: markup = true
        case .text: markup = !dialect.isAtom && holdsTag(title.value)
        case .other: markup = false
        }
        return text(of: title.value, markup: markup)
    }

    /// Whether `s` holds something an HTML parser reads as markup: `<` before a letter, `/`, `!`
    /// or `?` ("a < b" does not).
    static func holdsTag(_ s: String) -> Bool {
        var afterLess = false
        for b in s.utf8 {
            if afterLess {
                let letter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
                if letter || b == UInt8(ascii: "/") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") { return true }
            }
            afterLess = b == UInt8(ascii: "<")
        }
        return false
    }

    /// The same, for a title kept as a type and a value.
    public static func text(of value: String, markup: Bool) -> String {
        let visible = markup ? HTMLCleaner.visibleText(value) : value
        return Whitespace.collapse(visible)
    }

    /// An entry's headline: the agency's title, or, when it gave none (or only white space), one
    /// derived from the report's own words.
    public static func of(_ entry: Entry, in dialect: Dialect) -> (text: String, origin: Origin) {
        let title = entry.title.map { text(of: $0, in: dialect) } ?? ""
        if !HouseStyle.isBlank(title) { return (title, .agency) }
        if let summary = entry.summary, let derived = derive(from: summary.value, markup: summary.kind != .text) {
            return (derived, .summary)
        }
        for content in entry.content where content.src == nil {
            let markup: Bool
            switch content.kind {
            case .text: markup = false
            case .html, .xhtml: markup = true
            case .other(let type): guard type.hasPrefix("text/") else { continue }; markup = type == "text/html"
            }
            if let derived = derive(from: content.value, markup: markup) { return (derived, .content) }
        }
        return ("", .agency)
    }

    /// The longest a derived headline gets before the house style's own `max-length` applies.
    public static let derivedLimit = 160

    /// The first sentence of a report's visible text, cut at a word boundary (with "…") when it
    /// is longer than `limit`; `nil` when the report has no words. Nothing is invented: every
    /// word is the agency's.
    public static func derive(from value: String, markup: Bool, limit: Int = derivedLimit) -> String? {
        let visible = text(of: value, markup: markup)
        guard !HouseStyle.isBlank(visible) else { return nil }
        let sentence = firstSentence(visible)
        return MaxLengthRule(chars: limit).apply(sentence)
    }

    /// Words that end with a period without ending a sentence.
    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "sgt", "capt", "gov", "sen", "rep", "prof",
        "inc", "ltd", "co", "corp", "vs", "etc", "no", "fig", "approx", "dept", "est", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "rev", "hon", "pres", "adm", "maj",
    ]

    /// Text up to and including the first sentence end: `.`, `!`, `?` or `…` followed by white
    /// space and a capital, a digit or a quote; not after an abbreviation or an initial (`U.S.`,
    /// `Mr.`, `J.`). CJK full stops end a sentence wherever they are.
    static func firstSentence(_ text: String) -> String {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "。" || c == "！" || c == "？" { return String(chars[...i]) }
            if c == "." || c == "!" || c == "?" || c == "…" {
                // Closing quotes and brackets belong to the sentence.
                var end = i
                while end + 1 < chars.count, "\"'”’)]»".contains(chars[end + 1]) { end += 1 }
                if end + 2 < chars.count, chars[end + 1].isWhitespace {
                    let next = chars[end + 2]
                    let starts = next.isUppercase || next.isNumber || "\"'“‘«(".contains(next)
                    if starts && !(c == "." && isAbbreviation(chars, before: i)) {
                        return String(chars[...end])
                    }
                }
                i = end
            }
            i += 1
        }
        return text
    }

    private static func isAbbreviation(_ chars: [Character], before dot: Int) -> Bool {
        var start = dot
        while start > 0, chars[start - 1].isLetter || chars[start - 1] == "." { start -= 1 }
        let word = String(chars[start..<dot])
        if word.isEmpty { return false }
        // An initial or a dotted acronym: "J." "U.S." "a.m."
        if word.count == 1 || word.contains(".") { return true }
        return abbreviations.contains(word.lowercased())
    }
}
