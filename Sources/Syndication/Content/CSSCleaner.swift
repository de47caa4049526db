/// Cleans a `style` attribute the way feedparser does: no `url(...)`, only simple declarations,
/// only allowlisted properties, and for box properties only allowlisted keywords and sizes.
/// A scanner over the bytes (feedparser uses regular expressions; these are their rules).
package enum CSSCleaner {
    /// Whether a `style` value would come through cleaning whole: no `url(...)`, nothing outside
    /// the simple declarations, every property one the sanitizer keeps (the validator's
    /// `DangerousStyleAttr` test).
    package static func isSafe(_ style: String) -> Bool {
        let bytes = Array(style.lowercased().utf8)
        let text = removingURLs(bytes)
        guard passesGauntlet(text), let declarations = declarations(text) else { return false }
        return declarations.allSatisfy { $0.1.isEmpty || keeps(property: $0.0, value: $0.1, svg: false) }
    }

    /// Whether one declaration survives: an allowlisted property, a box property whose every
    /// word is an allowlisted keyword or size, or (inside SVG) an SVG property.
    static func keeps(property lower: String, value: String, svg: Bool) -> Bool {
        if Allowlists.cssProperties.contains(lower) { return true }
        if ["background", "border", "margin", "padding"].contains(lower.split(separator: "-").first.map(String.init) ?? "") {
            return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" })
                .allSatisfy { Allowlists.cssKeywords.contains(String($0)) || isValue(Array($0.utf8)) }
        }
        return svg && Allowlists.svgProperties.contains(lower)
    }

    static func clean(_ style: String, svg: Bool) -> String {
        let text = removingURLs(Array(style.utf8))
        guard passesGauntlet(text), let declarations = declarations(text) else { return "" }
        var clean: [String] = []
        for (property, value) in declarations where !value.isEmpty && keeps(property: property.lowercased(), value: value, svg: svg) {
            clean.append(property + ": " + value + ";")
        }
        return clean.joined(separator: " ")
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    /// `\w`: letters, digits, underscore, and any non-ASCII character (Python's Unicode `\w`, roughly).
    static func isWord(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == 0x5F || b >= 0x80 }

    /// `url\s*\(\s*[^\s)]+?\s*\)\s*` → one space.
    static func removingURLs(_ s: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if i + 3 <= s.count, s[i] == 0x75, s[i + 1] == 0x72, s[i + 2] == 0x6C {  // "url"
                var j = i + 3
                while j < s.count, isSpace(s[j]) { j += 1 }
                if j < s.count, s[j] == 0x28 {  // (
                    j += 1
                    while j < s.count, isSpace(s[j]) { j += 1 }
                    let start = j
                    while j < s.count, !isSpace(s[j]), s[j] != 0x29 { j += 1 }
                    var k = j
                    while k < s.count, isSpace(s[k]) { k += 1 }
                    if j > start, k < s.count, s[k] == 0x29 {
                        k += 1
                        while k < s.count, isSpace(s[k]) { k += 1 }
                        out.append(0x20)
                        i = k
                        continue
                    }
                }
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    /// `^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$`
    static func passesGauntlet(_ s: [UInt8]) -> Bool {
        var i = 0
        while i < s.count {
            let b = s[i]
            if isLetter(b) || isDigit(b) || isSpace(b) || b == 0x3A || b == 0x2C || b == 0x3B || b == 0x23 || b == 0x25 || b == 0x2E || b == 0x21 {
                i += 1
            } else if b == 0x2D, i > 0, i + 1 < s.count, isWord(s[i - 1]), isWord(s[i + 1]) {
                i += 1
            } else if b == 0x5F || b >= 0x80 {
                // Part of a \w-\w run (an underscore or a non-ASCII letter next to a hyphen).
                guard (i + 1 < s.count && s[i + 1] == 0x2D) || (i > 0 && s[i - 1] == 0x2D) else { return false }
                i += 1
            } else if b == 0x27 || b == 0x22 {
                var j = i + 1
                while j < s.count, isWord(s[j]) || isSpace(s[j]) { j += 1 }
                guard j > i + 1, j < s.count, s[j] == b else { return false }
                i = j + 1
            } else if b == 0x28 {
                var j = i + 1
                while j < s.count, isDigit(s[j]) || s[j] == 0x2C || isSpace(s[j]) { j += 1 }
                guard j > i + 1, j < s.count, s[j] == 0x29 else { return false }
                i = j + 1
            } else {
                return false
            }
        }
        return true
    }

    /// The text as `name: value;` declarations (`\s*[-\w]+\s*:\s*[^:;]*;?` with nothing left over),
    /// or `nil` when it is something else.
    static func declarations(_ s: [UInt8]) -> [(String, String)]? {
        var out: [(String, String)] = []
        var i = 0
        while true {
            while i < s.count, isSpace(s[i]) { i += 1 }
            guard i < s.count else { return out }
            let nameStart = i
            while i < s.count, isWord(s[i]) || s[i] == 0x2D { i += 1 }
            guard i > nameStart else { return nil }
            let name = String(decoding: s[nameStart..<i], as: UTF8.self)
            while i < s.count, isSpace(s[i]) { i += 1 }
            guard i < s.count, s[i] == 0x3A else { return nil }
            i += 1
            while i < s.count, isSpace(s[i]) { i += 1 }
            let valueStart = i
            while i < s.count, s[i] != 0x3A, s[i] != 0x3B { i += 1 }
            out.append((name, String(decoding: s[valueStart..<i], as: UTF8.self)))
            if i < s.count, s[i] == 0x3B { i += 1 }
        }
    }

    /// `^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$`
    static func isValue(_ s: [UInt8]) -> Bool {
        if s.first == 0x23 {
            return s.count > 1 && s.dropFirst().allSatisfy { isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) }
        }
        if s.starts(with: Array("rgb(".utf8)) {
            var i = 4
            func digits(min: Int) -> Bool {
                let start = i
                while i < s.count, isDigit(s[i]) { i += 1 }
                return i - start >= min
            }
            func optional(_ b: UInt8) { if i < s.count, s[i] == b { i += 1 } }
            guard digits(min: 1) else { return false }
            optional(0x25)
            guard i < s.count, s[i] == 0x2C else { return false }
            i += 1
            _ = digits(min: 0); optional(0x25); optional(0x2C); _ = digits(min: 0); optional(0x25); optional(0x29)
            return i == s.count
        }
        var i = 0
        var n = 0
        while i < s.count, isDigit(s[i]), n < 2 { i += 1; n += 1 }
        if i < s.count, s[i] == 0x2E { i += 1 }
        n = 0
        while i < s.count, isDigit(s[i]), n < 2 { i += 1; n += 1 }
        let unit = String(decoding: s[i...], as: UTF8.self)
        return unit.isEmpty || ["cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")"].contains(unit)
    }
}
