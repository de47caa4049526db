import Foundation

/// `strip`: removes every match of each pattern, then collapses white space and trims.
public struct StripRule: HeadlineRule {
    public let name = "strip"
    let patterns: [CompiledPattern]

    public init(patterns: [String]) throws {
        self.patterns = try patterns.map { try CompiledPattern(compiling: $0) }
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
