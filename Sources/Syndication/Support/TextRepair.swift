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

    static func repair(_ s: String, utf8Document: Bool) -> String {
        // Only U+0080...U+00FF can need repair: their UTF-8 starts with C2 or C3.
        guard s.utf8.contains(where: { $0 == 0xC2 || $0 == 0xC3 }) else { return s }
        var value = s
        if utf8Document, value.unicodeScalars.allSatisfy({ $0.value < 0x100 }) {
            let bytes = value.unicodeScalars.map { UInt8($0.value) }
            if let redecoded = String(validating: bytes, as: UTF8.self) { value = redecoded }
        }
        guard value.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return value }
        var out = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if let mapped = cp1252[scalar.value], let m = Unicode.Scalar(mapped) { out.append(m) } else { out.append(scalar) }
        }
        return String(out)
    }
}
