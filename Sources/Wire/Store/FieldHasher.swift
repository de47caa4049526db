import Crypto

/// SHA-256 over a sequence of optional fields, each delimited so `("ab", "c")` ≠ `("a", "bc")`.
final class FieldHasher {
    private var hash = SHA256()

    func add(_ field: String?) {
        guard let field else {
            hash.update(data: [0xFF])
            return
        }
        var count = UInt64(field.utf8.count).littleEndian
        withUnsafeBytes(of: &count) { hash.update(bufferPointer: $0) }
        var f = field
        f.withUTF8 { hash.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    var hex: String {
        Hex.encode(hash.finalize())
    }
}

/// Lower-case hexadecimal, without Foundation's formatting machinery.
enum Hex {
    static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
