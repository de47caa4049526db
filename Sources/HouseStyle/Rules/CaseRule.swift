import Foundation

/// `case`: sentence or title case. Words the style names (proper nouns, words written by
/// `replace`) keep their form; all-capital words of two or more letters stay acronyms unless
/// the whole headline is in capitals; quotes and punctuation around a word do not hide it.
public struct CaseRule: HeadlineRule {
    public enum Mode: String, Sendable, CaseIterable { case sentence, title, keep }

    public let name = "case"
    let mode: Mode
    let vocabulary: Vocabulary

    static let minorWords: Set<String> = [
        "a", "an", "and", "as", "at", "but", "by", "for", "if", "in", "nor", "of", "on",
        "or", "so", "the", "to", "up", "vs", "via", "yet",
    ]

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
        if let (fast, mayHavePhrase) = applyASCII(headline, shouting: shouting) { return mayHavePhrase ? restorePhrases(fast) : fast }
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
        return restorePhrases(out)
    }

    /// Names of several words ("White House") are restored after the word pass.
    private func restorePhrases(_ styled: String) -> String {
        var out = styled
        if !vocabulary.phrases.isEmpty {
            let lowered =
                out.utf8.allSatisfy({ $0 < 0x80 })
                ? String(decoding: out.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
                : out.lowercased()
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

    // MARK: Byte-level path

    /// The same rule for headlines whose letters and digits are all ASCII (punctuation from the
    /// General Punctuation block, such as ’ “ ” — …, is allowed): no String per word.
    /// Returns `nil` for any other headline, which then takes the general path.
    private func applyASCII(_ headline: String, shouting: Bool) -> (String, mayHavePhrase: Bool)? {
        let u = Array(headline.utf8)
        var i = 0
        while i < u.count {
            let b = u[i]
            if b < 0x80 { i += 1; continue }
            // U+2000...U+206F is E2 80 xx or E2 81 80...AF.
            guard b == 0xE2, i + 2 < u.count, u[i + 1] == 0x80 || (u[i + 1] == 0x81 && u[i + 2] <= 0xAF) else { return nil }
            i += 3
        }
        @inline(__always) func isWordByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
        }
        // Word spans, with the joiners of the general path: ' - & . and ’ between word bytes.
        var spans: [(Int, Int)] = []
        i = 0
        while i < u.count {
            guard isWordByte(u[i]) else { i += 1; continue }
            let start = i
            i += 1
            while i < u.count {
                if isWordByte(u[i]) { i += 1; continue }
                if u[i] == 0x27 || u[i] == 0x2D || u[i] == 0x26 || u[i] == 0x2E, i + 1 < u.count, isWordByte(u[i + 1]) { i += 2; continue }
                if u[i] == 0xE2, i + 3 < u.count, u[i + 1] == 0x80, u[i + 2] == 0x99, isWordByte(u[i + 3]) { i += 4; continue }
                break
            }
            spans.append((start, i))
        }
        var out: [UInt8] = []
        out.reserveCapacity(u.count + 8)
        var scratch: [UInt8] = []
        scratch.reserveCapacity(32)
        var mayHavePhrase = false
        var previousEnd = 0
        var startOfSentence = true
        for (n, (start, end)) in spans.enumerated() {
            if start > previousEnd {
                if u[previousEnd..<start].contains(UInt8(ascii: ":")) { startOfSentence = true }
                out.append(contentsOf: u[previousEnd..<start])
            }
            let before = out.count
            styleBytes(u[start..<end], first: startOfSentence, last: n == spans.count - 1, shouting: shouting, into: &out, scratch: &scratch)
            if !mayHavePhrase, before < out.count, vocabulary.phraseInitials.contains(out[before] | 0x20) {
                let lowered = out[before...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                mayHavePhrase = vocabulary.phraseStarts.contains(String(decoding: lowered, as: UTF8.self))
            }
            startOfSentence = false
            previousEnd = end
        }
        if previousEnd < u.count { out.append(contentsOf: u[previousEnd...]) }
        return (String(decoding: out, as: UTF8.self), mayHavePhrase)
    }

    private func styleBytes(
        _ word: ArraySlice<UInt8>, first: Bool, last: Bool, shouting: Bool, into out: inout [UInt8],
        scratch: inout [UInt8]
    ) {
        scratch.removeAll(keepingCapacity: true)
        for b in word { scratch.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
        let lowerString = String(decoding: scratch, as: UTF8.self)
        if let known = vocabulary.forms[lowerString] { out.append(contentsOf: known.utf8); return }
        // Possessive: 's or ’s closing the word.
        if let s = word.last, s == UInt8(ascii: "s") || s == UInt8(ascii: "S") {
            var apostrophe = 0
            if word.count > 2, word[word.endIndex - 2] == 0x27 {
                apostrophe = 1
            } else if word.count > 4, word[word.endIndex - 4] == 0xE2, word[word.endIndex - 3] == 0x80, word[word.endIndex - 2] == 0x99 {
                apostrophe = 3
            }
            if apostrophe > 0 {
                let base = word[word.startIndex..<(word.endIndex - 1 - apostrophe)]
                styleBytes(base, first: first, last: last, shouting: shouting, into: &out, scratch: &scratch)
                out.append(contentsOf: word[(word.endIndex - 1 - apostrophe)..<(word.endIndex - 1)])
                out.append(shouting || !allCapsBytes(base) ? UInt8(ascii: "s") : s)
                return
            }
        }
        if word.contains(UInt8(ascii: "-")) {
            var partStart = word.startIndex
            var index = 0
            for j in word.indices where word[j] == UInt8(ascii: "-") {
                styleBytes(word[partStart..<j], first: first && index == 0, last: last, shouting: shouting, into: &out, scratch: &scratch)
                out.append(UInt8(ascii: "-"))
                partStart = j + 1
                index += 1
            }
            styleBytes(word[partStart..<word.endIndex], first: false, last: last, shouting: shouting, into: &out, scratch: &scratch)
            return
        }
        let letters = word.reduce(0) { $0 + ((($1 | 0x20) >= 0x61 && ($1 | 0x20) <= 0x7A) ? 1 : 0) }
        if !shouting && letters >= 2 && allCapsBytes(word) { out.append(contentsOf: word); return }
        switch mode {
        case .sentence:
            appendLower(scratch, capitalize: first, into: &out)
        case .title:
            appendLower(scratch, capitalize: first || last || !CaseRule.minorWords.contains(lowerString), into: &out)
        case .keep:
            out.append(contentsOf: word)
        }
    }

    private func appendLower(_ lower: [UInt8], capitalize: Bool, into out: inout [UInt8]) {
        guard capitalize, let f = lower.first, f >= 0x61 && f <= 0x7A else { out.append(contentsOf: lower); return }
        out.append(f - 0x20)
        out.append(contentsOf: lower.dropFirst())
    }

    private func allCapsBytes(_ word: ArraySlice<UInt8>) -> Bool {
        var upper = false
        for b in word {
            if b >= 0x61 && b <= 0x7A { return false }
            if b >= 0x41 && b <= 0x5A { upper = true }
        }
        return upper
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
