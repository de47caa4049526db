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
        let letters = headline.filter(\.isLetter)
        let shouting = !letters.isEmpty && letters.allSatisfy { !$0.isLowercase } && letters.contains { $0.isUppercase }
        let tokens = Words.tokenize(headline)
        let wordIndices = tokens.indices.filter { tokens[$0].isWord }
        var out = ""
        out.reserveCapacity(headline.utf8.count)
        var startOfSentence = true
        for (i, token) in tokens.enumerated() {
            guard token.isWord else {
                out += token.text
                if token.text.contains(": ") || token.text.hasSuffix(":") { startOfSentence = true }
                continue
            }
            let first = startOfSentence
            startOfSentence = false
            let isLast = i == wordIndices.last
            out += style(token.text, first: first, last: isLast, shouting: shouting)
        }
        // Names of several words ("White House") are restored after the word pass.
        for form in vocabulary.phrases where out.range(of: form, options: .caseInsensitive) != nil {
            out = out.replacingOccurrences(of: form, with: form, options: .caseInsensitive)
        }
        return out
    }

    /// One word, which may join parts with hyphens and end in a possessive.
    private func style(_ word: String, first: Bool, last: Bool, shouting: Bool) -> String {
        if let known = vocabulary.forms[word.lowercased()] { return known }
        // Possessive: the base word decides (Russia’s, NATO's).
        for suffix in ["’s", "'s", "’S", "'S"] where word.hasSuffix(suffix) && word.count > 2 {
            let base = String(word.dropLast(2))
            let tail = shouting || base != base.uppercased() ? String(suffix.prefix(1)) + "s" : String(suffix)
            return style(base, first: first, last: last, shouting: shouting) + tail
        }
        if word.contains("-") {
            let parts = word.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            return parts.enumerated().map { i, part in
                style(part, first: first && i == 0, last: last, shouting: shouting)
            }.joined(separator: "-")
        }
        let letterCount = word.filter(\.isLetter).count
        if !shouting && letterCount >= 2 && word == word.uppercased() && word != word.lowercased() { return word }
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

    private func capitalized(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }
}
