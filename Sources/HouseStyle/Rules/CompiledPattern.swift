import Foundation

/// A compiled ICU regular expression (the syntax of `NSRegularExpression`).
struct CompiledPattern: @unchecked Sendable {
    // Safe to share: NSRegularExpression is immutable once made and documented as thread-safe,
    // and the prefilter is a value.
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
