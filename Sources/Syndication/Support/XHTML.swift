enum XHTML {
    /// Removes the wrapper `div` of Atom xhtml content when it encloses everything (RFC 4287 3.1.1.3).
    /// Works on the UTF-8 bytes: the content is copied once, for the result.
    static func unwrapDiv(_ s: String) -> String {
        var t = s.trimmingWhitespace()
        return t.withUTF8 { u -> String in
            let n = u.count
            let open = Array("<div".utf8), close = Array("</div>".utf8)
            guard n > 4, u.starts(with: open), UnsafeBufferPointer(rebasing: u[(n - min(n, close.count))...]).elementsEqual(close),
                u[4] == UInt8(ascii: ">") || u[4] == UInt8(ascii: " ")
            else { return s }
            var depth = 0
            var i = 0
            var contentStart: Int?
            while i < n {
                guard u[i] == UInt8(ascii: "<") else { i += 1; continue }
                guard let close = UnsafeBufferPointer(rebasing: u[i...]).firstIndex(of: UInt8(ascii: ">")).map({ $0 + i }) else { return s }
                let afterClose = close + 1
                if contentStart == nil { contentStart = afterClose }
                if i + 1 < n && u[i + 1] == UInt8(ascii: "/") {
                    depth -= 1
                    if depth == 0 {
                        guard afterClose == n, let start = contentStart else { return s }
                        return String(decoding: UnsafeBufferPointer(rebasing: u[start..<i]), as: UTF8.self)
                    }
                } else if u[close - 1] != UInt8(ascii: "/") {
                    depth += 1
                }
                i = afterClose
            }
            return s
        }
    }
}
