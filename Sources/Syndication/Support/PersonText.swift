import Foundation

/// Reads a person written as one string: `me@example.org (Me)`, `Me <me@example.org>`, `Me`.
enum PersonText {
    static func parse(_ text: String) -> Person {
        var person = Person(text: text)
        var rest = text
        if let email = findEmail(in: text) {
            person.email = email
            rest = rest.replacingOccurrences(of: email, with: "")
            for junk in ["()", "<>", "&lt;&gt;", "mailto:"] { rest = rest.replacingIfPresent(junk, with: "") }
            rest = rest.trimmingWhitespace()
            if rest.hasPrefix("(") { rest.removeFirst() }
            if rest.hasSuffix(")") { rest.removeLast() }
            rest = rest.trimmingWhitespace()
        }
        if !rest.isEmpty { person.name = rest }
        return person
    }

    /// The first e-mail address in the text (feedparser's pattern: local part, `@`, dotted domain).
    static func findEmail(in text: String) -> String? {
        let chars = Array(text.unicodeScalars)
        guard let at = chars.firstIndex(of: "@") else { return nil }
        func isLocal(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || "_-.+".unicodeScalars.contains(c))
        }
        func isDomain(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == ".")
        }
        var start = at
        while start > 0 && isLocal(chars[start - 1]) { start -= 1 }
        var end = at + 1
        while end < chars.count && isDomain(chars[end]) { end += 1 }
        guard start < at, end > at + 1 else { return nil }
        var domain = String(String.UnicodeScalarView(chars[(at + 1)..<end]))
        while domain.hasSuffix(".") { domain.removeLast(); end -= 1 }
        guard domain.contains(".") else { return nil }
        return String(String.UnicodeScalarView(chars[start..<end]))
    }
}
