import Foundation

/// `replace`: whole words, matched case-insensitively, become the given form — upper-cased when
/// the matched word was all capitals. Longer keys win over shorter ones.
public struct ReplaceRule: HeadlineRule {
    public let name = "replace"
    /// Lower-cased key to replacement.
    let table: [String: String]
    let regex: Regex?
    /// The replacements, as the case rules should keep writing them.
    public let writtenForms: [String]

    public init(_ pairs: [(String, String)]) throws {
        var table: [String: String] = [:]
        for (k, v) in pairs { table[k.lowercased()] = v }
        self.table = table
        writtenForms = pairs.map(\.1)
        let keys = pairs.map(\.0).sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:))
        regex = keys.isEmpty ? nil : try Regex(compiling: "\\b(?:" + keys.joined(separator: "|") + ")\\b", caseInsensitive: true)
    }

    public func apply(_ headline: String) -> String {
        guard let regex else { return headline }
        // Most headlines contain none of the words: find that out without the regex engine.
        let lowered = headline.lowercased()
        guard table.keys.contains(where: { Bytes.contains(lowered, $0) }) else { return headline }
        let ns = headline as NSString
        let matches = regex.expression.matches(in: headline, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return headline }
        var out = ""
        var last = 0
        for m in matches {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let word = ns.substring(with: m.range)
            var replacement = table[word.lowercased()] ?? word
            if word.count > 1, word == word.uppercased(), word != word.lowercased() { replacement = replacement.uppercased() }
            out += replacement
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }
}
