/// Finding the next byte of interest eight bytes at a time, for the loops that copy text in runs
/// (the cleaner's text and attribute escaping, the reference marker).
enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// High bit set in each byte of `word` that is zero (exact up to the first zero byte).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- ones) & ~word & highs
    }

    /// The index of the first byte at or after `from` that equals `a`, `b`, `c` or `d`, or
    /// `buffer.count` when there is none. Repeat a byte to look for fewer.
    @inline(__always)
    static func first(
        in buffer: UnsafeBufferPointer<UInt8>, from: Int,
        _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8
    ) -> Int {
        let n = buffer.count
        guard let base = buffer.baseAddress, from < n else { return n }
        var i = from
        #if _endian(little)
            let ma = ones &* UInt64(a), mb = ones &* UInt64(b), mc = ones &* UInt64(c), md = ones &* UInt64(d)
            let raw = UnsafeRawPointer(base)
            while i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let hit = zeroBytes(word ^ ma) | zeroBytes(word ^ mb) | zeroBytes(word ^ mc) | zeroBytes(word ^ md)
                // Little-endian: the lowest set bit is the first matching byte.
                if hit != 0 { return i + hit.trailingZeroBitCount >> 3 }
                i += 8
            }
        #endif
        while i < n {
            let x = base[i]
            if x == a || x == b || x == c || x == d { return i }
            i += 1
        }
        return n
    }
}
