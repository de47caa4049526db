#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Checks of single values (dates, URIs, e-mail addresses, numbers, languages, MIME types),
/// written as small scanners over the UTF-8 bytes: they run once per element of multi-megabyte
/// feeds.
enum Values {
    // MARK: Characters

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 }
    @inline(__always) static func isAlnum(_ b: UInt8) -> Bool { isDigit(b) || isAlpha(b) }
    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    static func trimmed(_ s: String) -> String {
        let u = Array(s.utf8)
        var a = 0, b = u.count
        while a < b && isSpace(u[a]) { a += 1 }
        while b > a && isSpace(u[b - 1]) { b -= 1 }
        return a == 0 && b == u.count ? s : String(decoding: u[a..<b], as: UTF8.self)
    }

    static func hasOuterWhitespace(_ s: String) -> Bool {
        guard let f = s.utf8.first, let l = s.utf8.last else { return false }
        return isSpace(f) || isSpace(l)
    }

    // MARK: Dates

    private static func number(_ u: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at + count <= u.count else { return nil }
        var n = 0
        for i in at..<(at + count) {
            guard isDigit(u[i]) else { return nil }
            n = n * 10 + Int(u[i] - 48)
        }
        return n
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// RFC 3339 `date-time`, as Atom requires (upper-case `T` and `Z`).
    static func isRFC3339(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count >= 20, let y = number(u, 0, 4), u[4] == 45, let mo = number(u, 5, 2), u[7] == 45,
            let d = number(u, 8, 2), u[10] == 84, let h = number(u, 11, 2), u[13] == 58,
            let mi = number(u, 14, 2), u[16] == 58, let se = number(u, 17, 2)
        else { return false }
        guard (1...12).contains(mo), d >= 1, d <= daysIn(month: mo, year: y), h < 24, mi < 60, se <= 60 else { return false }
        var i = 19
        if u[i] == 46 {
            i += 1
            let start = i
            while i < u.count && isDigit(u[i]) { i += 1 }
            if i == start { return false }
        }
        guard i < u.count else { return false }
        if u[i] == 90 { return i + 1 == u.count }
        guard u[i] == 43 || u[i] == 45, i + 6 == u.count, let zh = number(u, i + 1, 2), u[i + 3] == 58,
            let zm = number(u, i + 4, 2)
        else { return false }
        return zh < 24 && zm < 60
    }

    /// W3C-DTF (ISO 8601 profile): YYYY, YYYY-MM, YYYY-MM-DD, or a date and time with zone.
    static func isW3CDTF(_ s: String, zoneRequired: Bool = false) -> Bool {
        let u = Array(s.utf8)
        guard let y = number(u, 0, 4) else { return false }
        _ = y
        if u.count == 4 { return true }
        guard u.count >= 7, u[4] == 45, let mo = number(u, 5, 2), (1...12).contains(mo) else { return false }
        if u.count == 7 { return true }
        guard u.count >= 10, u[7] == 45, let d = number(u, 8, 2), d >= 1, d <= daysIn(month: mo, year: y) else { return false }
        if u.count == 10 { return true }
        guard u[10] == 84, let h = number(u, 11, 2), u.count >= 16, u[13] == 58, let mi = number(u, 14, 2),
            h < 24, mi < 60
        else { return false }
        var i = 16
        if i < u.count && u[i] == 58 {
            guard let se = number(u, i + 1, 2), se <= 60 else { return false }
            i += 3
            if i < u.count && u[i] == 46 {
                i += 1
                let start = i
                while i < u.count && isDigit(u[i]) { i += 1 }
                if i == start { return false }
            }
        }
        if i == u.count { return !zoneRequired }
        if u[i] == 90 { return i + 1 == u.count }
        guard u[i] == 43 || u[i] == 45, i + 6 == u.count, let zh = number(u, i + 1, 2), u[i + 3] == 58,
            let zm = number(u, i + 4, 2)
        else { return false }
        return zh < 24 && zm < 60
    }

    enum RFC822: Equatable {
        case valid, problematical, invalid
        /// A date that is right but for its day of the week (`IncorrectDOW`), which is named.
        case wrongWeekday(String)
    }

    private static let months: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .map { Array($0.utf8) }
    private static let weekdays: [[UInt8]] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"].map { Array($0.utf8) }
    private static let zones: Set<[UInt8]> = Set(
        ["ut", "gmt", "z", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"]
            .map { Array($0.utf8) })

    private static func digits(_ t: ArraySlice<UInt8>) -> Int? {
        guard !t.isEmpty, t.count <= 9 else { return nil }
        var n = 0
        for b in t {
            guard isDigit(b) else { return nil }
            n = n * 10 + Int(b - 48)
        }
        return n
    }

    /// RFC 822 / 2822 dates as RSS 2.0 uses them: `[Wkd, ]D Mon YYYY HH:MM[:SS] ZONE`.
    /// Readable but unwise forms (two-digit years, military zones, comments, a missing space) are
    /// `problematical`. Works on the bytes: it runs for every item of every feed.
    static func rfc822(_ s: String) -> RFC822 {
        var problematical = false
        var text: [UInt8] = []
        text.reserveCapacity(s.utf8.count)
        var depth = 0
        for b in s.utf8 {
            if b == 40 { depth += 1; problematical = true; continue }
            if b == 41 { depth = max(0, depth - 1); continue }
            if depth == 0 { text.append(b >= 65 && b <= 90 ? b | 0x20 : b) }
        }
        var tokens = text.split(whereSeparator: isSpace)
        guard let first = tokens.first else { return .invalid }
        var weekday: Int?
        if first.count >= 3, let w = weekdays.firstIndex(where: { first.prefix(3).elementsEqual($0) }) {
            let rest = first.dropFirst(3)
            if rest.elementsEqual([44]) {
                tokens.removeFirst()
            } else if rest.first == 44, rest.count > 1, rest.dropFirst().allSatisfy(isDigit) {
                tokens[0] = rest.dropFirst()
                problematical = true
            } else if rest.isEmpty {
                tokens.removeFirst()
                if tokens.first?.elementsEqual([44]) == true { tokens.removeFirst() } else { problematical = true }
            } else {
                return .invalid
            }
            weekday = w
        }
        guard tokens.count == 5, let day = digits(tokens[0]), tokens[0].count <= 2,
            let month = months.firstIndex(where: { tokens[1].elementsEqual($0) }),
            var year = digits(tokens[2])
        else { return .invalid }
        if tokens[2].count == 2 {
            problematical = true
            year += year < 50 ? 2000 : 1900
        } else if tokens[2].count != 4 {
            return .invalid
        }
        guard day >= 1, day <= daysIn(month: month + 1, year: year) else { return .invalid }
        let time = tokens[3].split(separator: 58, omittingEmptySubsequences: false)
        guard time.count == 2 || time.count == 3, time.allSatisfy({ $0.count == 2 }),
            let hh = digits(time[0]), let mm = digits(time[1]), hh < 24, mm < 60
        else { return .invalid }
        if time.count == 3 { guard let ss = digits(time[2]), ss <= 60 else { return .invalid } }
        let zone = tokens[4]
        if zones.contains(Array(zone)) {
        } else if zone.count == 5, zone.first == 43 || zone.first == 45, let offset = digits(zone.dropFirst()) {
            let minutes = offset % 100
            if minutes >= 60 { return .invalid }
            if minutes != 0 && minutes != 30 && minutes != 45 { problematical = true }
        } else if zone.count == 1, let c = zone.first, isAlpha(c), c != 106 {
            problematical = true
        } else {
            return .invalid
        }
        if let weekday {
            // Zeller's congruence for the Gregorian calendar.
            var y = year, m = month + 1
            if m < 3 { m += 12; y -= 1 }
            let k = y % 100, j = y / 100
            let h = (day + 13 * (m + 1) / 5 + k + k / 4 + j / 4 + 5 * j) % 7  // 0 = Saturday
            let actual = (h + 6) % 7
            if actual != weekday { return .wrongWeekday(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekday]) }
        }
        return problematical ? .problematical : .valid
    }

    /// Text that shows an encoding went wrong on the way (`BadCharacters`): a C1 control character
    /// (U+0080–U+009F, windows-1252 bytes read as ISO-8859-1), or UTF-8 read as Latin-1 or
    /// windows-1252 and encoded again (`Ã©` for é, `â€™` for ’). Works on the UTF-8 bytes.
    static func hasBadCharacters(_ u: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = u.baseAddress, u.count > 1 else { return false }
        // Every pattern starts with 0xC2 or 0xC3: memchr finds those (most text has none).
        func found(_ lead: UInt8) -> Bool {
            var from = 0
            while from < u.count - 1, let hit = memchr(base + from, Int32(lead), u.count - from) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard i + 1 < u.count else { break }
                let next = u[i + 1]
                if lead == 0xC2 && (0x80...0x9F).contains(next) { return true }
                if lead == 0xC3 && (0x80...0x9F).contains(next) && i + 3 < u.count && u[i + 2] == 0xC2 && (0x80...0xBF).contains(u[i + 3]) {
                    return true
                }
                if lead == 0xC3 && next == 0xA2 && i + 4 < u.count && u[i + 2] == 0xE2 && u[i + 3] == 0x82 && u[i + 4] == 0xAC { return true }
                from = i + 1
            }
            return false
        }
        return found(0xC2) || found(0xC3)
    }

    static func hasBadCharacters(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { hasBadCharacters($0) }
    }

    /// Years a feed's date can mean: before the web or far ahead is a software fault (`ImplausibleDate`).
    static let plausibleYears = 1970...2100

    /// The four-digit year of an RFC 822 date, if it has one (the first run of exactly four digits).
    static func rfc822Year(_ s: String) -> Int? {
        // A zone offset (`+0000`) is four digits too, but signed.
        var run = 0, value = 0, signed = false, previous: UInt8 = 32
        for b in s.utf8 {
            if isDigit(b) {
                if run == 0 { signed = previous == 43 || previous == 45 }
                run += 1
                value = value * 10 + Int(b - 48)
            } else {
                if run == 4 && !signed { return value }
                run = 0
                value = 0
            }
            previous = b
        }
        return run == 4 && !signed ? value : nil
    }

    /// A URI reference without a scheme (RFC 3986 §4.2): `/a`, `a/b`, `../c`; not `#top`, which
    /// points into the text itself, and not an empty value. Scans the bytes, no copy.
    static func isRelativeReference(_ s: String) -> Bool {
        let bytes = s.utf8.drop { isSpace($0) }
        guard let first = bytes.first, first != 35 else { return false }
        return URIs.schemeColon(bytes) == nil
    }

    /// Normal Play Time (RFC 2326): seconds (`12.5`), `h:mm:ss(.f)`, or `now`.
    static func isNPTTime(_ s: String) -> Bool {
        if s == "now" { return true }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count) else { return false }
        for (i, p) in parts.enumerated() {
            let last = i == parts.count - 1
            let pieces = p.split(separator: ".", omittingEmptySubsequences: false)
            guard !p.isEmpty, pieces.count <= (last ? 2 : 1), pieces.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isDigit) }) else {
                return false
            }
        }
        return true
    }

    // MARK: E-mail

    private static let atext = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    /// An RFC 2822 addr-spec, as the validator has always accepted it.
    static func isAddrSpec(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard let at = u.lastIndex(of: 64), at > 0, at < u.count - 1 else { return false }
        // RFC 2822's atext, and dots.
        for b in u[..<at] where !(isAlnum(b) || atext.contains(b) || b == 46 || b >= 0x80) { return false }
        let domain = u[(at + 1)...]
        guard domain.contains(46), domain.first != 46, domain.last != 46 else { return false }
        for b in domain where !(isAlnum(b) || b == 46 || b == 45 || b >= 0x80) { return false }
        return true
    }

    enum Contact { case valid, missingRealName, emailFormat, invalid }

    /// RSS's `managingEditor`, `webMaster` and `author`: `addr-spec (Real Name)`.
    static func rssContact(_ raw: String) -> Contact {
        let s = trimmed(raw)
        if s.lowercased().hasPrefix("mailto:") { return .valid }
        if isAddrSpec(s) { return .missingRealName }
        if let open = s.firstIndex(of: "("), s.hasSuffix(")") {
            let address = trimmed(String(s[..<open]))
            if isAddrSpec(address) { return .valid }
            return .invalid
        }
        // "Name <addr>" or "Name, addr": the address is there, in another form.
        let words = s.split(whereSeparator: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "," })
        if words.contains(where: { isAddrSpec(String($0)) }) { return .emailFormat }
        return .invalid
    }

    // MARK: Numbers

    static func isNonNegativeInteger(_ s: String) -> Bool {
        let u = Array(s.utf8)
        return !u.isEmpty && u.allSatisfy(isDigit)
    }

    static func isPositiveInteger(_ s: String) -> Bool {
        isNonNegativeInteger(s) && s.utf8.contains { $0 != 48 }
    }

    static func isFloat(_ s: String) -> Bool {
        guard !s.isEmpty else { return false }
        return Double(s) != nil && s.utf8.allSatisfy { isDigit($0) || $0 == 46 || $0 == 45 || $0 == 43 || $0 == 101 || $0 == 69 }
    }

    // MARK: Languages and MIME types

    /// An RFC 3066 / BCP 47 language tag: `en`, `en-us`, `x-klingon`, `zh-Hans-CN`.
    static func isLanguageTag(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.utf8.allSatisfy(isAlpha) else { return false }
        if first.count > 3 && first.lowercased() != "i" { return false }
        for p in parts.dropFirst() where !((1...8).contains(p.count) && p.utf8.allSatisfy(isAlnum)) { return false }
        return true
    }

    private static let tokenSpecials: Set<UInt8> = Set("()<>@,;:\\\"/[]?= \t".utf8)

    private static func isToken(_ s: Substring) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { $0 > 32 && $0 < 127 && !tokenSpecials.contains($0) }
    }

    /// The lower-cased extension of a URL's last path segment (`png` for `…/logo.PNG?v=2`), if any.
    static func fileExtension(_ url: String) -> String? {
        let path = url.split(whereSeparator: { $0 == "?" || $0 == "#" }).first ?? ""
        guard let slash = path.lastIndex(of: "/"), let dot = path[slash...].lastIndex(of: ".") else { return nil }
        let ext = path[path.index(after: dot)...]
        return ext.isEmpty ? nil : ext.lowercased()
    }

    /// `type/subtype` with optional `; parameter=value` pairs (RFC 2045).
    static func isMIMEType(_ s: String) -> Bool {
        // RFC 2045's grammar has no room for white space around the type.
        if let f = s.utf8.first, let l = s.utf8.last, isSpace(f) || isSpace(l) { return false }
        let parts = s.split(separator: ";", omittingEmptySubsequences: false)
        let main = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        guard main.count == 2, isToken(trim(main[0])), isToken(trim(main[1])) else { return false }
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, isToken(trim(kv[0])) else { return false }
        }
        return true
    }

    private static func trim(_ s: Substring) -> Substring {
        var s = s
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
