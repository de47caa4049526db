/// C0 control characters other than tab, line feed and carriage return, and the non-characters
/// U+FFFE and U+FFFF (UTF-8 `EF BF BE`, `EF BF BF`): never allowed in XML 1.0.
enum ControlCharacters {
    @inline(__always)
    static func isNonCharacter(_ base: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Bool {
        base[i] == 0xEF && i + 2 < n && base[i + 1] == 0xBF && (base[i + 2] == 0xBE || base[i + 2] == 0xBF)
    }

    @inline(__always)
    static func isForbidden(_ b: UInt8) -> Bool { b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D }

    static func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        var i = 0
        // Eight bytes at a time: the classic "has a byte less than 0x20" test, then a closer look.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let efs: UInt64 = 0xEFEF_EFEF_EFEF_EFEF
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            let e = w ^ efs
            if ((w &- ones &* 0x20) & ~w & highs) | ((e &- ones) & ~e & highs) != 0 {
                for k in 0..<8 where isForbidden(base[i + k]) || isNonCharacter(base, i + k, n) { return true }
            }
            i += 8
        }
        while i < n { if isForbidden(base[i]) || isNonCharacter(base, i, n) { return true }; i += 1 }
        return false
    }

    static func removing(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        guard let base = bytes.baseAddress else { return out }
        var i = 0
        let n = bytes.count
        while i < n {
            if isNonCharacter(base, i, n) { i += 3; continue }
            if !isForbidden(base[i]) { out.append(base[i]) }
            i += 1
        }
        return out
    }
}
