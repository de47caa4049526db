import Foundation

/// `case`: sentence or title case. Words the style names (proper nouns, words written by
/// `replace`) keep their form; all-capital words of two or more letters stay acronyms unless
/// the whole headline is in capitals; quotes and punctuation around a word do not hide it.
public struct CaseRule: HeadlineRule {
    public enum Mode: String, Sendable, CaseIterable { case sentence, title, keep }

    public let name = "case"
    let mode: Mode
    let vocabulary: Vocabulary

    static let minorWords: Set<String> = ["a", "an", "and", "as", "at", "but", "by", "for", "if", "in", "nor", "of", "on",
                                          "or", "so", "the", "to", "up", "vs", "via", "yet"]

    public init(_ mode: Mode, vocabulary: Vocabulary) {
        self.mode = mode
        self.vocabulary = vocabulary
    }

    public func apply(_ headline: String) -> String {
        guard mode != .keep else { return headline }
        var sawUpper = false
        var sawLower = false
        for scalar in headline.unicodeScalars {
            let p = scalar.properties
            if p.isLowercase { sawLower = true; break }
            if p.isUppercase { sawUpper = true }
        }
        let shouting = sawUpper && !sawLower
        let tokens = Words.tokenize(headline)
        let wordIndices = tokens.indices.filter { tokens[$0].isWord }
        var out = ""
        out.reserveCapacity(headline.utf8.count)
        var startOfSentence = true
        for (i, token) in tokens.enumerated() {
            guard token.isWord else {
                out += token.text
                if token.text.utf8.contains(UInt8(ascii: ":")) { startOfSentence = true }
                continue
            }
            let first = startOfSentence
            startOfSentence = false
            let isLast = i == wordIndices.last
            out += style(token.text, first: first, last: isLast, shouting: shouting)
        }
        // Names of several words ("White House") are restored after the word pass.
        if !vocabulary.phrases.isEmpty {
            let lowered = out.lowercased()
            for (form, lowerForm) in zip(vocabulary.phrases, vocabulary.lowercasedPhrases) where lowered.utf8.count >= lowerForm.utf8.count {
                guard Bytes.contains(lowered, lowerForm) else { continue }
                out = out.replacingOccurrences(of: form, with: form, options: .caseInsensitive)
            }
        }
        return out
    }

    /// One word, which may join parts with hyphens and end in a possessive.
    private func style(_ word: String, first: Bool, last: Bool, shouting: Bool) -> String {
        if let known = vocabulary.forms[word.lowercased()] { return known }
        // Possessive: the base word decides (Russia’s, NATO's).
        let scalars = word.unicodeScalars
        if scalars.count > 2, let s = scalars.last, s == "s" || s == "S" {
            let apostrophe = scalars[scalars.index(scalars.endIndex, offsetBy: -2)]
            if apostrophe == "'" || apostrophe == "’" {
                let base = String(scalars.dropLast(2))
                let tail = shouting || !isAllCaps(base) ? String(apostrophe) + "s" : String(apostrophe) + String(s)
                return style(base, first: first, last: last, shouting: shouting) + tail
            }
        }
        if word.utf8.contains(UInt8(ascii: "-")) {
            let parts = word.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            return parts.enumerated().map { i, part in
                style(part, first: first && i == 0, last: last, shouting: shouting)
            }.joined(separator: "-")
        }
        let letterCount = word.unicodeScalars.reduce(0) { $0 + (Words.isWordScalar($1) && !("0"..."9").contains($1) ? 1 : 0) }
        if !shouting && letterCount >= 2 && isAllCaps(word) { return word }
        let lower = word.lowercased()
        switch mode {
        case .sentence:
            return first ? capitalized(lower) : lower
        case .title:
            if !first && !last && CaseRule.minorWords.contains(lower) { return lower }
            return capitalized(lower)
        case .keep:
            return word
        }
    }

    /// Has upper-case letters and no lower-case ones.
    private func isAllCaps(_ s: String) -> Bool {
        var upper = false
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                if scalar.value >= 0x61 && scalar.value <= 0x7A { return false }
                if scalar.value >= 0x41 && scalar.value <= 0x5A { upper = true }
                continue
            }
            let p = scalar.properties
            if p.isLowercase { return false }
            if p.isUppercase { upper = true }
        }
        return upper
    }

    private func capitalized(_ s: String) -> String {
        if let f = s.utf8.first, f >= 0x61 && f <= 0x7A {
            var bytes = Array(s.utf8)
            bytes[0] -= 0x20
            return String(decoding: bytes, as: UTF8.self)
        }
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }
}
