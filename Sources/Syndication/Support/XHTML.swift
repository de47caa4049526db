enum XHTML {
    /// Removes the wrapper `div` of Atom xhtml content when it encloses everything (RFC 4287 3.1.1.3).
    /// Works on the UTF-8 view in place: the content is copied once, for the result.
    static func unwrapDiv(_ s: String) -> String {
        let t = s.trimmingWhitespace()
        let u = t.utf8
        guard t.hasPrefix("<div"), t.hasSuffix("</div>"), u.count > 4 else { return s }
        let fifth = u[u.index(u.startIndex, offsetBy: 4)]
        guard fifth == UInt8(ascii: ">") || fifth == UInt8(ascii: " ") else { return s }
        var depth = 0
        var i = u.startIndex
        var contentStart: String.Index?
        while i < u.endIndex {
            guard u[i] == UInt8(ascii: "<") else { i = u.index(after: i); continue }
            guard let close = u[i...].firstIndex(of: UInt8(ascii: ">")) else { return s }
            let afterClose = u.index(after: close)
            if contentStart == nil { contentStart = afterClose }
            let next = u.index(after: i)
            if next < u.endIndex && u[next] == UInt8(ascii: "/") {
                depth -= 1
                if depth == 0 {
                    guard afterClose == u.endIndex, let start = contentStart else { return s }
                    return String(t[start..<i])
                }
            } else if u[u.index(before: close)] != UInt8(ascii: "/") {
                depth += 1
            }
            i = afterClose
        }
        return s
    }
}
