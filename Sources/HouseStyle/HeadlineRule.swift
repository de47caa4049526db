import Foundation

/// One step of the house style: takes a headline, returns it restyled.
///
/// Rules are values compiled once when the style loads (regexes included), so applying one
/// does no setup per headline.
public protocol HeadlineRule: Sendable {
    /// The rule's name as the style file writes it (`strip`, `case`, ...).
    var name: String { get }
    func apply(_ headline: String) -> String
}

/// What the case rules need to know about words the style names.
public struct Vocabulary: Sendable {
    /// Lower-cased word to the form the style writes it in (proper nouns, words written by `replace`).
    public var forms: [String: String]
    /// Names of more than one word, restored as written after the word-by-word pass.
    public var phrases: [String] = []
    var lowercasedPhrases: [String] = []
    /// Lower-cased first words of the phrases: only a headline with one of them can hold a phrase.
    var phraseStarts: Set<String> = []
    /// Their first bytes, lower-cased ASCII: a cheap test before the set lookup.
    var phraseInitials: Set<UInt8> = []

    public init(forms: [String: String] = [:]) {
        self.forms = forms
    }

    public mutating func add(_ word: String) {
        if word.contains(" ") {
            if !phrases.contains(word) {
                phrases.append(word)
                lowercasedPhrases.append(word.lowercased())
                if let head = word.split(separator: " ").first {
                    phraseStarts.insert(head.lowercased())
                    if let b = head.lowercased().utf8.first { phraseInitials.insert(b) }
                }
            }
        } else {
            forms[word.lowercased()] = word
        }
    }
}

enum Bytes {
    /// Whether `needle` occurs in `haystack`, compared as UTF-8 bytes (memchr and memcmp, no copies).
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { hb in
            n.withUTF8 { nb in
                guard !nb.isEmpty else { return true }
                guard hb.count >= nb.count, let hp = hb.baseAddress, let np = nb.baseAddress else { return false }
                let first = Int32(nb[0])
                var p = UnsafeRawPointer(hp)
                let last = UnsafeRawPointer(hp + (hb.count - nb.count))
                while p <= last, let hit = memchr(p, first, last - p + 1) {
                    if memcmp(hit, np, nb.count) == 0 { return true }
                    p = UnsafeRawPointer(hit + 1)
                }
                return false
            }
        }
    }
}

/// Splits text into words and what lies between them, for rules that work word by word.
enum Words {
    /// A word: letters, digits, and apostrophes or hyphens between them.
    struct Token {
        var text: String
        var isWord: Bool
    }

    static func tokenize(_ s: String) -> [Token] {
        var tokens: [Token] = []
        let view = s.unicodeScalars
        var start = view.startIndex
        var inWord = false
        var i = view.startIndex
        while i < view.endIndex {
            let c = view[i]
            let next = view.index(after: i)
            // Apostrophes, hyphens, `&` (Q&A) and dots (U.S.) between letters belong to the word.
            let joiner =
                inWord && (c == "'" || c == "’" || c == "-" || c == "&" || c == ".") && next < view.endIndex
                && isWordScalar(view[next])
            let wordChar = isWordScalar(c) || joiner || (inWord && !c.isASCII && c.properties.generalCategory == .nonspacingMark)
            if wordChar != inWord && i > start {
                tokens.append(Token(text: String(view[start..<i]), isWord: inWord))
                start = i
            }
            inWord = wordChar
            i = next
        }
        if start < view.endIndex { tokens.append(Token(text: String(view[start...]), isWord: inWord)) }
        return tokens
    }

    static func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        let p = c.properties
        return p.isAlphabetic || p.numericType != nil
    }
}
