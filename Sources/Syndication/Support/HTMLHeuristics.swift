/// Guesses whether text that claims to be plain is really HTML (feedparser's `lookslikehtml`):
/// it must close a tag or use a reference, and use only ordinary HTML elements and entities.
package enum HTMLHeuristics {
    package static let acceptableElements: Set<String> = [
        "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "big", "blockquote", "br",
        "button", "canvas", "caption", "center", "cite", "code", "col", "colgroup", "command", "datagrid",
        "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em", "event-source",
        "fieldset", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "i", "img", "input", "ins", "kbd", "keygen", "label", "legend", "li", "m", "map", "menu",
        "meter", "multicol", "nav", "nextid", "noscript", "ol", "optgroup", "option", "output", "p", "pre",
        "progress", "q", "s", "samp", "section", "select", "small", "sound", "source", "spacer", "span",
        "strike", "strong", "sub", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time",
        "tr", "tt", "u", "ul", "var", "video",
    ]

    static func looksLikeHTML(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.contains(UInt8(ascii: "<")) || u.contains(UInt8(ascii: "&")) else { return false }
        func isWord(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80 }
        var hasCloseTag = false, hasReference = false
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "<") {
                var j = i + 1
                let closing = j < u.count && u[j] == UInt8(ascii: "/")
                if closing { j += 1 }
                let start = j
                while j < u.count && isWord(u[j]) { j += 1 }
                if j > start {
                    let name = String(decoding: u[start..<j], as: UTF8.self).lowercased()
                    if !acceptableElements.contains(name) { return false }
                    if closing && j < u.count && u[j] == UInt8(ascii: ">") { hasCloseTag = true }
                }
                i = j
            } else if u[i] == UInt8(ascii: "&") {
                var j = i + 1
                let numeric = j < u.count && u[j] == UInt8(ascii: "#")
                if numeric { j += 1 }
                let start = j
                while j < u.count && isWord(u[j]) { j += 1 }
                if j > start && j < u.count && u[j] == UInt8(ascii: ";") {
                    hasReference = true
                    if !numeric && HTMLEntities.table[String(decoding: u[start..<j], as: UTF8.self)] == nil { return false }
                }
                i = j
            } else {
                i += 1
            }
        }
        return hasCloseTag || hasReference
    }
}
