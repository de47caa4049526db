import Foundation

/// `strip`: removes every match of each pattern, then collapses white space and trims.
public struct StripRule: HeadlineRule {
    public let name = "strip"
    let patterns: [Regex]

    public init(patterns: [String]) throws {
        self.patterns = try patterns.map { try Regex(compiling: $0) }
    }

    public func apply(_ headline: String) -> String {
        var s = headline
        for p in patterns { s = p.replace(in: s, with: "") }
        return Whitespace.collapse(s)
    }
}

/// A compiled ICU regular expression (the syntax of `NSRegularExpression`).
struct Regex: @unchecked Sendable {
    // NSRegularExpression is immutable once made and documented as thread-safe.
    let expression: NSRegularExpression
    let pattern: String

    init(compiling pattern: String, caseInsensitive: Bool = false) throws {
        self.pattern = pattern
        expression = try NSRegularExpression(pattern: pattern, options: caseInsensitive ? [.caseInsensitive] : [])
    }

    func replace(in s: String, with template: String) -> String {
        let ns = s as NSString
        let range = NSRange(location: 0, length: ns.length)
        guard expression.firstMatch(in: s, range: range) != nil else { return s }
        return expression.stringByReplacingMatches(in: s, range: range, withTemplate: template)
    }
}

enum Whitespace {
    /// Collapses runs of white space to one space and trims the ends.
    static func collapse(_ s: String) -> String {
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
