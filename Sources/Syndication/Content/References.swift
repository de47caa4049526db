import Foundation

/// Character and entity references in HTML text, kept as the agency wrote them (feedparser's
/// sanitizer does the same: `&#38;` stays `&#38;`, `&eacute;` stays `&eacute;`).
///
/// libxml2's HTML parser decodes references before the cleaner sees the text, so before parsing
/// each reference in text content is swapped for a private-use character that stands for it,
/// and the cleaner writes the reference back. References inside tags are left to libxml2:
/// attribute values are checked decoded (`javascript&#58;` must not slip past the URI check).
struct References {
    /// The written form of each reference, by marker: ranges of ``writtenBytes``.
    private var written: [Range<Int>] = []
    private var writtenBytes: [UInt8] = []
    /// What each reference means, for the visible text.
    private(set) var meanings: [Unicode.Scalar] = []

    /// Markers are U+100000 and up (Supplementary Private Use Area-B): four UTF-8 bytes from F4 80.
    static let firstMarker: UInt32 = 0x100000
    static let capacity = 0xFFFE

    var isEmpty: Bool { written.isEmpty }

    func decoded(_ index: Int) -> [UInt8] { Array(String(Character(meanings[index])).utf8) }

    /// Writes the reference behind marker `index` as it was written.
    @inline(__always)
    func appendWritten(_ index: Int, to out: inout [UInt8]) {
        writtenBytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[written[index]])) }
    }

    /// The fragment with its text references replaced by markers, or `nil` when it has none (or
    /// already holds characters from the marker range, when nothing is replaced).
    mutating func mark(_ html: String) -> String? {
        var out: [UInt8] = []
        mark(html, into: &out)
        return isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }

    /// Appends the fragment to `out`, its text references replaced by markers.
    mutating func mark(_ html: String, into out: inout [UInt8]) {
        var html = html
        html.withUTF8 { u in
            guard let base = u.baseAddress, memchr(base, 0x26, u.count) != nil, memchr(base, 0xF4, u.count) == nil else {
                out.append(contentsOf: u)
                return
            }
            mark(u, into: &out)
        }
    }

    private mutating func mark(_ u: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        var copied = 0
        var i = 0
        let n = u.count
        while true {
            // Text up to the next tag or reference is left as it is.
            i = ByteScan.first(in: u, from: i, 0x3C, 0x26, 0x3C, 0x26)
            guard i < n else { break }
            let b = u[i]
            if b == 0x3C, i + 1 < n {
                let next = u[i + 1]
                if next == 0x21, i + 3 < n, u[i + 2] == 0x2D, u[i + 3] == 0x2D {
                    // A comment: left as it is, up to its end.
                    var j = i + 4
                    while j + 2 < n && !(u[j] == 0x2D && u[j + 1] == 0x2D && u[j + 2] == 0x3E) { j += 1 }
                    i = min(n, j + 3)
                    continue
                }
                guard CSSCleaner.isLetter(next) || next == 0x2F || next == 0x21 || next == 0x3F else { i += 1; continue }
                // A tag: skip to its end, minding quoted attribute values.
                var j = i + 1
                while true {
                    j = ByteScan.first(in: u, from: j, 0x3E, 0x22, 0x27, 0x3E)
                    guard j < n, u[j] != 0x3E else { break }
                    // A quoted value: on to its closing quote.
                    j = ByteScan.first(in: u, from: j + 1, u[j], u[j], u[j], u[j])
                    guard j < n else { break }
                    j += 1
                }
                i = j + 1
                continue
            }
            if b == 0x26, written.count < References.capacity, let (length, form, meaning) = References.reference(u, at: i) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied..<i]))
                let marker = References.firstMarker + UInt32(written.count)
                out.append(0xF0 | UInt8(marker >> 18))
                out.append(0x80 | UInt8((marker >> 12) & 0x3F))
                out.append(0x80 | UInt8((marker >> 6) & 0x3F))
                out.append(0x80 | UInt8(marker & 0x3F))
                let from = writtenBytes.count
                switch form {
                case .asWritten: writtenBytes.append(contentsOf: UnsafeBufferPointer(rebasing: u[i..<(i + length)]))
                case .lowerCased: writtenBytes.append(contentsOf: u[i..<(i + length)].map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
                case .rewritten(let bytes): writtenBytes.append(contentsOf: bytes)
                }
                written.append(from..<writtenBytes.count)
                meanings.append(meaning)
                i += length
                copied = i
                continue
            }
            i += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: u[copied...]))
    }

    /// How a reference is written back.
    enum Form {
        case asWritten
        /// A hexadecimal reference with upper-case digits or `X`.
        case lowerCased
        case rewritten([UInt8])
    }

    /// A reference at `i`: its length, the form to write, and what it means.
    static func reference(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> (Int, Form, Unicode.Scalar)? {
        var j = i + 1
        guard j < u.count else { return nil }
        if u[j] == 0x23 {
            j += 1
            let hex = j < u.count && (u[j] | 0x20) == 0x78
            if hex { j += 1 }
            let start = j
            var value: UInt32 = 0
            var upper = hex && u[j - 1] == 0x58
            while j < u.count, j - start < 8 {
                let b = u[j]
                let digit: UInt32
                if CSSCleaner.isDigit(b) {
                    digit = UInt32(b - 0x30)
                } else if hex, (b | 0x20) >= 0x61, (b | 0x20) <= 0x66 {
                    digit = UInt32((b | 0x20) - 0x61 + 10)
                    if b < 0x61 { upper = true }
                } else {
                    break
                }
                value = value * (hex ? 16 : 10) + digit
                j += 1
            }
            guard j > start, j < u.count, u[j] == 0x3B, value > 0 else { return nil }
            // As feedparser writes them: lower case, and the C1 range read as windows-1252.
            let meaning: UInt32
            let form: Form
            if let mapped = TextRepair.cp1252[value] {
                meaning = mapped
                form = .rewritten(Array("&#x\(String(mapped, radix: 16));".utf8))
            } else {
                meaning = value
                form = upper ? .lowerCased : .asWritten
            }
            guard let scalar = Unicode.Scalar(meaning), scalar.value >= 0x20 || scalar == "\t" || scalar == "\n" || scalar == "\r" else {
                return nil
            }
            return (j + 1 - i, form, scalar)
        }
        let start = j
        while j < u.count, j - start < 32, CSSCleaner.isLetter(u[j]) || CSSCleaner.isDigit(u[j]) { j += 1 }
        guard j > start, j < u.count, u[j] == 0x3B else { return nil }
        let name = String(decoding: u[start..<j], as: UTF8.self)
        guard let scalar = HTMLEntities.scalar(named: name) else { return nil }
        return (j + 1 - i, .asWritten, scalar)
    }

    /// The marker starting at `bytes[i]`, if one does.
    @inline(__always)
    func marker(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        guard bytes[i] == 0xF4, i + 3 < bytes.count else { return nil }
        let scalar =
            (UInt32(bytes[i] & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
            | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F)
        let index = Int(scalar) - Int(References.firstMarker)
        return index >= 0 && index < written.count ? index : nil
    }
}
