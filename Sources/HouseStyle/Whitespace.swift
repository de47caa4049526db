/// White space in headlines: one collapse for the rules, the headline extraction and the wire.
public enum Whitespace {
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
    public static func collapse(_ s: String) -> String {
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
