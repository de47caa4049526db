/// C0 control characters other than tab, line feed and carriage return: never allowed in XML 1.0.
enum ControlCharacters {
    @inline(__always)
    static func isForbidden(_ b: UInt8) -> Bool { b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D }

    static func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let n = bytes.count
        var i = 0
        // Eight bytes at a time: the classic "has a byte less than 0x20" test, then a closer look.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while i + 8 <= n {
            let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if (w &- ones &* 0x20) & ~w & highs != 0 {
                for k in 0..<8 where isForbidden(base[i + k]) { return true }
            }
            i += 8
        }
        while i < n { if isForbidden(base[i]) { return true }; i += 1 }
        return false
    }

    static func removing(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes where !isForbidden(b) { out.append(b) }
        return out
    }
}
