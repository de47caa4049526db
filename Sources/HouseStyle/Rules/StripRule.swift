import Foundation

/// `strip`: removes every match of each pattern, then collapses white space and trims.
public struct StripRule: HeadlineRule {
    public let name = "strip"
    let patterns: [Regex]

    public init(patterns: [String]) throws {
        self.patterns = try patterns.map { try Regex(compiling: $0) }
    }

    public func apply(_ headline: String) -> String {
        let candidates = patterns.filter { $0.prefilter.mayMatch(headline) }
        guard !candidates.isEmpty else { return Whitespace.collapse(headline) }
        // One UTF-16 copy for all patterns; back to a String only if something matched.
        let ns = NSMutableString(string: headline)
        var matched = 0
        for p in candidates {
            matched += p.expression.replaceMatches(in: ns, range: NSRange(location: 0, length: ns.length), withTemplate: "")
        }
        return Whitespace.collapse(matched == 0 ? headline : String(ns))
    }
}

/// A compiled ICU regular expression (the syntax of `NSRegularExpression`).
struct Regex: @unchecked Sendable {
    // NSRegularExpression is immutable once made and documented as thread-safe.
    let expression: NSRegularExpression
    let prefilter: RegexPrefilter

    init(compiling pattern: String, caseInsensitive: Bool = false) throws {
        expression = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
        prefilter = RegexPrefilter(pattern: pattern, caseInsensitive: caseInsensitive)
    }

    func replace(in s: String, with template: String) -> String {
        guard prefilter.mayMatch(s) else { return s }
        let ns = NSMutableString(string: s)
        let n = expression.replaceMatches(in: ns, range: NSRange(location: 0, length: ns.length), withTemplate: template)
        return n == 0 ? s : String(ns)
    }
}

enum Whitespace {
    /// Whether `s` already has single ASCII spaces between words and none at the ends, checked on
    /// the UTF-8 bytes (the usual case, so the Character-level pass can be skipped).
    static func isCollapsed(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { isCollapsed(bytes: $0) }
    }

    private static func isCollapsed(bytes u: UnsafeBufferPointer<UInt8>) -> Bool {
        var previousSpace = true
        var i = 0
        while i < u.count {
            let b = u[i]
            if b == 0x20 {
                if previousSpace { return false }
                previousSpace = true
                i += 1
                continue
            }
            previousSpace = false
            if b < 0x20 || b == 0x7F { return false }
            // Unicode white space outside ASCII.
            if b == 0xC2, i + 1 < u.count, u[i + 1] == 0x85 || u[i + 1] == 0xA0 { return false }
            if b == 0xE1, i + 2 < u.count, u[i + 1] == 0x9A, u[i + 2] == 0x80 { return false }
            if b == 0xE2, i + 2 < u.count {
                if u[i + 1] == 0x80, (0x80...0x8A).contains(u[i + 2]) || [0xA8, 0xA9, 0xAF].contains(u[i + 2]) { return false }
                if u[i + 1] == 0x81, u[i + 2] == 0x9F { return false }
            }
            if b == 0xE3, i + 2 < u.count, u[i + 1] == 0x80, u[i + 2] == 0x80 { return false }
            i += 1
        }
        return !previousSpace || u.isEmpty
    }

    /// Collapses runs of white space to one space and trims the ends.
    static func collapse(_ s: String) -> String {
        if isCollapsed(s) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for c in s {
            if c.isWhitespace {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(c)
            }
        }
        return out
    }
}
