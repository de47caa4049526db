import Foundation

/// Cleans a `style` attribute the way feedparser does: no `url(...)`, only simple declarations,
/// only allowlisted properties, and for box properties only allowlisted keywords and sizes.
enum CSSCleaner {
    nonisolated(unsafe) static let url = try! NSRegularExpression(pattern: #"url\s*\(\s*[^\s)]+?\s*\)\s*"#)
    nonisolated(unsafe) static let gauntlet = try! NSRegularExpression(
        pattern: #"^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$"#)
    nonisolated(unsafe) static let declarationShape = try! NSRegularExpression(pattern: #"\s*[-\w]+\s*:\s*[^:;]*;?"#)
    nonisolated(unsafe) static let declaration = try! NSRegularExpression(pattern: #"([-\w]+)\s*:\s*([^:;]*)"#)
    nonisolated(unsafe) static let value = try! NSRegularExpression(
        pattern: #"^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$"#)

    static func clean(_ style: String, svg: Bool) -> String {
        let ns = style as NSString
        let noURLs = url.stringByReplacingMatches(in: style, range: NSRange(location: 0, length: ns.length), withTemplate: " ")
        let full = NSRange(location: 0, length: (noURLs as NSString).length)
        guard gauntlet.firstMatch(in: noURLs, range: full) != nil else { return "" }
        let leftover = declarationShape.stringByReplacingMatches(in: noURLs, range: full, withTemplate: "")
        guard leftover.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return "" }
        var clean: [String] = []
        let text = noURLs as NSString
        for match in declaration.matches(in: noURLs, range: full) {
            let property = text.substring(with: match.range(at: 1))
            let value = text.substring(with: match.range(at: 2))
            guard !value.isEmpty else { continue }
            let lower = property.lowercased()
            if Allowlists.cssProperties.contains(lower) {
                clean.append(property + ": " + value + ";")
            } else if ["background", "border", "margin", "padding"].contains(lower.split(separator: "-").first.map(String.init) ?? "") {
                let ok = value.split(whereSeparator: { $0.isWhitespace }).allSatisfy { keyword in
                    let k = String(keyword)
                    return Allowlists.cssKeywords.contains(k)
                        || Self.value.firstMatch(in: k, range: NSRange(location: 0, length: (k as NSString).length)) != nil
                }
                if ok { clean.append(property + ": " + value + ";") }
            } else if svg && Allowlists.svgProperties.contains(lower) {
                clean.append(property + ": " + value + ";")
            }
        }
        return clean.joined(separator: " ")
    }
}
