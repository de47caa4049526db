enum XHTML {
    /// Removes the wrapper `div` of Atom xhtml content when it encloses everything (RFC 4287 3.1.1.3).
    static func unwrapDiv(_ s: String) -> String {
        let t = s.trimmingWhitespace()
        guard t.hasPrefix("<div"), t.hasSuffix("</div>") else { return s }
        let u = Array(t.utf8)
        guard u.count > 4, u[4] == UInt8(ascii: ">") || u[4] == UInt8(ascii: " ") else { return s }
        var depth = 0
        var i = 0
        var firstTagEnd = 0
        while i < u.count {
            guard u[i] == UInt8(ascii: "<") else { i += 1; continue }
            var j = i
            while j < u.count && u[j] != UInt8(ascii: ">") { j += 1 }
            if firstTagEnd == 0 { firstTagEnd = j + 1 }
            if i + 1 < u.count && u[i + 1] == UInt8(ascii: "/") {
                depth -= 1
                if depth == 0 { return j == u.count - 1 ? String(decoding: u[firstTagEnd..<i], as: UTF8.self) : s }
            } else if j > 0 && u[j - 1] != UInt8(ascii: "/") {
                depth += 1
            }
            i = j + 1
        }
        return s
    }
}
