/// Character and entity references in HTML text, kept as the agency wrote them (feedparser's
/// sanitizer does the same: `&#38;` stays `&#38;`, `&eacute;` stays `&eacute;`).
///
/// libxml2's HTML parser decodes references before the cleaner sees the text, so before parsing
/// each reference in text content is swapped for a private-use character that stands for it,
/// and the cleaner writes the reference back. References inside tags are left to libxml2:
/// attribute values are checked decoded (`javascript&#58;` must not slip past the URI check).
struct References {
    /// The written form of each reference, by marker.
    private(set) var written: [[UInt8]] = []
    /// What each reference means, for the visible text.
    private(set) var decoded: [[UInt8]] = []

    /// Markers are U+100000 and up (Supplementary Private Use Area-B): four UTF-8 bytes from F4 80.
    static let firstMarker: UInt32 = 0x100000
    static let capacity = 0xFFFE

    var isEmpty: Bool { written.isEmpty }

    /// The fragment with its text references replaced by markers, or `nil` when it has none (or
    /// already holds characters from the marker range, when nothing is replaced).
    mutating func mark(_ html: String) -> String? {
        let u = Array(html.utf8)
        guard u.contains(0x26), !u.contains(0xF4) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var i = 0
        var inTag = false
        var quote: UInt8 = 0
        while i < u.count {
            let b = u[i]
            if inTag {
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == 0x22 || b == 0x27 {
                    quote = b
                } else if b == 0x3E {
                    inTag = false
                }
                out.append(b)
                i += 1
                continue
            }
            if b == 0x3C, i + 1 < u.count {
                let n = u[i + 1]
                if n == 0x21, i + 3 < u.count, u[i + 2] == 0x2D, u[i + 3] == 0x2D {
                    // A comment: copied as it is, up to its end.
                    var j = i + 4
                    while j + 2 < u.count && !(u[j] == 0x2D && u[j + 1] == 0x2D && u[j + 2] == 0x3E) { j += 1 }
                    let end = min(u.count, j + 3)
                    out.append(contentsOf: u[i..<end])
                    i = end
                    continue
                }
                if CSSCleaner.isLetter(n) || n == 0x2F || n == 0x21 || n == 0x3F { inTag = true }
                out.append(b)
                i += 1
                continue
            }
            if b == 0x26, written.count < References.capacity, let (length, form, meaning) = References.reference(u, at: i) {
                let marker = References.firstMarker + UInt32(written.count)
                written.append(form)
                decoded.append(meaning)
                out.append(contentsOf: String(Character(Unicode.Scalar(marker)!)).utf8)
                i += length
                continue
            }
            out.append(b)
            i += 1
        }
        return isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// A reference at `i`: its length, the form to write, and what it means.
    static func reference(_ u: [UInt8], at i: Int) -> (Int, [UInt8], [UInt8])? {
        var j = i + 1
        guard j < u.count else { return nil }
        if u[j] == 0x23 {
            j += 1
            let hex = j < u.count && (u[j] | 0x20) == 0x78
            if hex { j += 1 }
            let start = j
            var value: UInt32 = 0
            while j < u.count, j - start < 8 {
                let b = u[j]
                let digit: UInt32
                if CSSCleaner.isDigit(b) {
                    digit = UInt32(b - 0x30)
                } else if hex, (b | 0x20) >= 0x61, (b | 0x20) <= 0x66 {
                    digit = UInt32((b | 0x20) - 0x61 + 10)
                } else {
                    break
                }
                value = value * (hex ? 16 : 10) + digit
                j += 1
            }
            guard j > start, j < u.count, u[j] == 0x3B, value > 0 else { return nil }
            // As feedparser writes them: lower case, and the C1 range read as windows-1252.
            let meaning: UInt32
            let form: [UInt8]
            if let mapped = TextRepair.cp1252[value] {
                meaning = mapped
                form = Array("&#x\(String(mapped, radix: 16));".utf8)
            } else {
                meaning = value
                form = [0x26, 0x23] + u[(i + 2)..<j].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } + [0x3B]
            }
            guard let scalar = Unicode.Scalar(meaning), scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" || scalar == "\r" else {
                return nil
            }
            return (j + 1 - i, form, Array(String(Character(scalar)).utf8))
        }
        let start = j
        while j < u.count, j - start < 32, CSSCleaner.isLetter(u[j]) || CSSCleaner.isDigit(u[j]) { j += 1 }
        guard j > start, j < u.count, u[j] == 0x3B else { return nil }
        let name = String(decoding: u[start..<j], as: UTF8.self)
        guard let scalar = HTMLEntities.scalar(named: name) else { return nil }
        return (j + 1 - i, Array(u[i...j]), Array(String(Character(scalar)).utf8))
    }

    /// The marker starting at `bytes[i]`, if one does.
    @inline(__always)
    func marker(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard bytes[i] == 0xF4, i + 3 < bytes.count else { return nil }
        let scalar = (UInt32(bytes[i] & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
            | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
        let index = Int(scalar) - Int(References.firstMarker)
        return index >= 0 && index < written.count ? index : nil
    }
}
