import Foundation

/// Undoes two common publishing mistakes, as feedparser does:
/// UTF-8 text that was decoded as Latin-1 and encoded again ("double-encoded"), and
/// Windows-1252 characters (curly quotes, dashes) that arrived as C1 control codes.
enum TextRepair {
    static let cp1252: [UInt32: UInt32] = [
        0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
        0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152, 0x8E: 0x017D, 0x91: 0x2018,
        0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC,
        0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A, 0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
    ]

    /// Whether the string's scalars, taken as Latin-1 bytes, form valid UTF-8 with at least one
    /// multi-byte sequence — checked without building the bytes.
    static func latin1BytesAreUTF8(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { u -> Bool in
            var pending = 0
            var sawSequence = false
            let n = u.count
            var i = 0
            while i < n {
                let b = u[i]
                if b < 0x80 {
                    // An ASCII scalar: fine unless a sequence wanted a continuation.
                    if pending > 0 { return false }
                    // Past ASCII eight bytes at a time.
                    if i + 8 <= n, let base = u.baseAddress,
                        UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
                    {
                        i += 8
                    } else {
                        i += 1
                    }
                    continue
                }
                // A scalar above U+00FF is no Latin-1 byte at all.
                guard b == 0xC2 || b == 0xC3, i + 1 < n else { return false }
                let value = (UInt32(b & 0x1F) << 6) | UInt32(u[i + 1] & 0x3F)
                i += 2
                if pending > 0 {
                    guard value >= 0x80 && value <= 0xBF else { return false }
                    pending -= 1
                    continue
                }
                switch value {
                case 0xC2...0xDF: pending = 1
                case 0xE0...0xEF: pending = 2
                case 0xF0...0xF4: pending = 3
                default: return false
                }
                sawSequence = true
            }
            return pending == 0 && sawSequence
        }
    }

    static func repair(_ s: String, utf8Document: Bool) -> String {
        // Only U+0080...U+00FF can need repair; in UTF-8 they start with C2 or C3. Find those
        // with memchr, so text without them (the usual case) costs one fast pass.
        var copy = s
        let (sawLatin1, sawC1, onlyLatin1) = copy.withUTF8 { bytes -> (Bool, Bool, Bool) in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return (false, false, true) }
            let n = bytes.count
            let c3 = memchr(base, 0xC3, n) != nil
            var c1 = false
            var c2 = false
            var p = UnsafeRawPointer(base)
            let end = UnsafeRawPointer(base + n)
            while p < end, let hit = memchr(p, 0xC2, end - p) {
                c2 = true
                let next = hit + 1
                if next < end {
                    let b = next.load(as: UInt8.self)
                    if b >= 0x80 && b <= 0x9F { c1 = true; break }
                }
                p = UnsafeRawPointer(next)
            }
            guard c2 || c3 else { return (false, false, true) }
            var only = true
            if utf8Document {
                // Past ASCII eight bytes at a time; look closer only at words with a high byte.
                var i = 0
                let raw = UnsafeRawPointer(base)
                scan: while i < n {
                    if i + 8 <= n && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                    let stop = min(n, i + 8)
                    while i < stop {
                        if bytes[i] >= 0xC4 && bytes[i] < 0xF8 { only = false; break scan }
                        i += 1
                    }
                }
            }
            return (true, c1, only)
        }
        guard sawLatin1 else { return s }
        var value = s
        var hasC1 = sawC1
        if utf8Document && onlyLatin1 && latin1BytesAreUTF8(value) {
            let bytes = value.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
            if let redecoded = String(validating: bytes, as: UTF8.self) {
                value = redecoded
                hasC1 = value.unicodeScalars.contains { (0x80...0x9F).contains($0.value) }
            }
        }
        guard hasC1 else { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if let mapped = cp1252[scalar.value], let m = Unicode.Scalar(mapped) { out.append(m) } else { out.append(scalar) }
        }
        return String(out)
    }
}
