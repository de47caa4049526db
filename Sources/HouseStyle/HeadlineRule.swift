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

    public init(forms: [String: String] = [:]) {
        self.forms = forms
    }

    public mutating func add(_ word: String) {
        if word.contains(" ") {
            if !phrases.contains(word) { phrases.append(word) }
            for part in word.split(separator: " ") where part.first?.isUppercase == true && forms[part.lowercased()] == nil {
                continue
            }
        } else {
            forms[word.lowercased()] = word
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
        var current = ""
        var inWord = false
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            // Apostrophes, hyphens, `&` (Q&A) and dots (U.S.) between letters belong to the word.
            let joiner = (c == "'" || c == "’" || c == "-" || c == "&" || c == ".") && inWord && i + 1 < chars.count
                && isWordCharacter(chars[i + 1])
            let wordChar = isWordCharacter(c) || joiner
            if wordChar != inWord && !current.isEmpty {
                tokens.append(Token(text: current, isWord: inWord))
                current = ""
            }
            inWord = wordChar
            current.append(c)
        }
        if !current.isEmpty { tokens.append(Token(text: current, isWord: inWord)) }
        return tokens
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }
}
