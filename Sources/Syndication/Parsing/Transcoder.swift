import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Turns a stream of bytes in one encoding into UTF-8, chunk by chunk, or reports that the bytes
/// are not in that encoding. UTF-8 and ASCII are only validated (the bytes pass through).
struct Transcoder {
    enum Failure: Error { case unknownEncoding, invalidBytes }

    private enum Mode {
        case utf8, ascii
        case iconv(iconv_t)
    }
    private var mode: Mode
    private var carry: [UInt8] = []

    init(encoding: String) throws(Failure) {
        let name = Transcoder.iconvName(encoding)
        switch name {
        case "UTF-8": mode = .utf8
        case "US-ASCII": mode = .ascii
        default:
            let cd = iconv_open("UTF-8", name)
            if cd == iconv_t(bitPattern: -1) { throw .unknownEncoding }
            mode = .iconv(cd!)
        }
    }

    /// Releases the converter.
    mutating func close() {
        if case .iconv(let cd) = mode { iconv_close(cd) }
        mode = .utf8
    }

    /// Converts the next chunk; `output` receives UTF-8 (for UTF-8 input, `nil` means "use the input as is").
    mutating func convert(_ input: UnsafeBufferPointer<UInt8>, final: Bool, into output: inout [UInt8]) throws(Failure) -> Bool {
        switch mode {
        case .utf8:
            if !carry.isEmpty {
                // A character split across chunks: validate the joined bytes instead.
                var joined = carry
                joined.append(contentsOf: input)
                carry = []
                let ok = joined.withUnsafeBufferPointer { UTF8Validator.validate($0, final: final) }
                switch ok {
                case .invalid: throw .invalidBytes
                case .valid: output.append(contentsOf: joined)
                case .incomplete(let keep):
                    output.append(contentsOf: joined.dropLast(keep))
                    carry = Array(joined.suffix(keep))
                }
                return true
            }
            switch UTF8Validator.validate(input, final: final) {
            case .invalid: throw .invalidBytes
            case .valid: return false
            case .incomplete(let keep):
                output.append(contentsOf: input.dropLast(keep))
                carry = Array(input.suffix(keep))
                return true
            }
        case .ascii:
            for b in input where b >= 0x80 { throw .invalidBytes }
            return false
        case .iconv(let cd):
            var source = carry
            source.append(contentsOf: input)
            carry = []
            var produced = [UInt8](repeating: 0, count: source.count * 4 + 16)
            var inLeft = source.count
            var outLeft = produced.count
            let result: Int = source.withUnsafeMutableBufferPointer { src in
                produced.withUnsafeMutableBufferPointer { dst in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress)?.assumingMemoryBound(to: CChar.self)
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress)?.assumingMemoryBound(to: CChar.self)
                    return iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                }
            }
            if result == -1 {
                let err = errno
                if err == EILSEQ || (err == EINVAL && final) { throw .invalidBytes }
                if err == EINVAL { carry = Array(source.suffix(inLeft)) }
            }
            output.append(contentsOf: produced.prefix(produced.count - outLeft))
            return true
        }
    }

    /// Python's codec names, as feeds and HTTP give them, to iconv's.
    static func iconvName(_ encoding: String) -> String {
        let e = encoding.lowercased().replacingOccurrences(of: "_", with: "-")
        switch e {
        case "utf-8", "utf8", "u8", "utf", "utf8-ucs2", "utf8-ucs4": return "UTF-8"
        case "us-ascii", "ascii", "646", "us", "ansi-x3.4-1968": return "US-ASCII"
        case "latin-1", "latin1", "l1", "iso8859-1", "8859", "cp819", "iso-8859-1", "iso-ir-100": return "ISO-8859-1"
        case "cp1252", "windows-1252", "win-1252", "1252": return "WINDOWS-1252"
        case "cp037", "ibm037", "ibm039", "csibm037": return "IBM037"
        case "macroman", "mac-roman", "x-mac-roman", "macintosh": return "MACINTOSH"
        case "utf-16", "utf16", "u16": return "UTF-16"
        case "utf-32", "utf32", "u32": return "UTF-32"
        case "ucs-2", "iso-10646-ucs-2", "csunicode": return "UCS-2"
        case "ucs-4", "iso-10646-ucs-4", "csucs4": return "UCS-4"
        case "gb2312": return "GB18030"
        case "sjis", "shift-jis", "x-sjis", "s-jis": return "SHIFT_JIS"
        case "euc-jp", "eucjp": return "EUC-JP"
        case "euc-kr", "euckr": return "EUC-KR"
        case "koi8-r": return "KOI8-R"
        case "cp-is", "csibm861", "ibm861", "861": return "CP861"
        case "maccentraleurope", "mac-centraleurope", "maclatin2", "mac-latin2": return "MAC-CENTRALEUROPE"
        case "maciceland", "mac-iceland": return "MAC-IS"
        case "maccyrillic", "mac-cyrillic": return "MAC-CYRILLIC"
        default: return e.uppercased()
        }
    }

    /// Decodes the first bytes of a document for sniffing its declaration (lossy, ASCII-safe).
    static func decodeHead(_ bytes: [UInt8], from encoding: String) -> [UInt8] {
        guard var t = try? Transcoder(encoding: encoding) else { return [] }
        defer { t.close() }
        var out: [UInt8] = []
        let passed = (try? bytes.withUnsafeBufferPointer { try t.convert($0, final: false, into: &out) }) ?? true
        return passed ? out : bytes
    }
}

/// A fast UTF-8 validity check that can stop in the middle of a character.
enum UTF8Validator {
    enum Result: Equatable {
        case valid, invalid
        /// The bytes end inside a character: its first this many bytes, kept for the next chunk.
        case incomplete(Int)
    }

    static func validate(_ bytes: UnsafeBufferPointer<UInt8>, final: Bool) -> Result {
        guard let base = bytes.baseAddress else { return .valid }
        let n = bytes.count
        var i = 0
        while i < n {
            // ASCII fast path, eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            if i >= n { break }
            let b0 = base[i]
            if b0 < 0x80 { i += 1; continue }
            let len: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: len = 2
            case 0xE0: len = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: len = 3
            case 0xED: len = 3; upper = 0x9F
            case 0xF0: len = 4; lower = 0x90
            case 0xF1...0xF3: len = 4
            case 0xF4: len = 4; upper = 0x8F
            default: return .invalid
            }
            if i + len > n {
                // Check what is there, then ask for the rest.
                for k in 1..<(n - i) {
                    let b = base[i + k]
                    if k == 1 ? (b < lower || b > upper) : (b < 0x80 || b > 0xBF) { return .invalid }
                }
                return final ? .invalid : .incomplete(n - i)
            }
            let b1 = base[i + 1]
            if b1 < lower || b1 > upper { return .invalid }
            for k in 2..<len where base[i + k] < 0x80 || base[i + k] > 0xBF { return .invalid }
            i += len
        }
        return .valid
    }
}
