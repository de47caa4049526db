public import Foundation

/// Reads the dates feeds write: RFC 822/1123 (with every zone name and common mistakes, two-digit
/// years), W3C-DTF / ISO 8601 / RFC 3339, and asctime. Returns `nil` for anything else; never traps.
public enum DateParser {
    public static func parse(_ text: String) -> Date? {
        let s = text.trimmingWhitespace()
        guard !s.isEmpty, s.utf8.count < 200 else { return nil }
        if let first = s.utf8.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") || first == UInt8(ascii: "-") {
            if let d = iso8601(s) { return d }
        }
        return rfc822(s) ?? asctime(s) ?? iso8601(s)
    }

    /// Seconds since 1970 for a UTC civil date and time (proleptic Gregorian).
    static func instant(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0,
        offsetSeconds: Int = 0
    ) -> Date? {
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour), (0...59).contains(minute),
            second >= 0, second < 62, year > 0, year < 10000
        else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468
        let secs = Double(days * 86400 + hour * 3600 + minute * 60 - offsetSeconds) + second
        return Date(timeIntervalSince1970: secs)
    }

    /// The UTC calendar fields of an instant: year, month, day, hour, minute, second, weekday
    /// (Monday = 0) and day of the year (1-366), as Python's `time.gmtime` gives them.
    public static func utcFields(_ date: Date) -> [Int] {
        let t = Int(floor(date.timeIntervalSince1970))
        var days = t / 86400
        var rem = t % 86400
        if rem < 0 { rem += 86400; days -= 1 }
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        if m <= 2 { y += 1 }
        let weekday = ((days % 7) + 7 + 3) % 7
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
        let yday = cumulative[m - 1] + d + (leap && m > 2 ? 1 : 0)
        return [y, m, d, rem / 3600, (rem % 3600) / 60, rem % 60, weekday, yday, 0]
    }

    // MARK: RFC 822

    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12, "sept": 9, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
        "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    ]
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "adt": -3, "ast": -4, "at": -4, "edt": -4, "est": -5, "et": -5,
        "cdt": -5, "cst": -6, "ct": -6, "mdt": -6, "mst": -7, "mt": -7, "pdt": -7, "pst": -8, "pt": -8,
        "a": -1, "n": 1, "m": -12, "y": 12, "met": 1, "mest": 2, "bst": 1, "cet": 1, "cest": 2, "eet": 2,
        "eest": 3, "msk": 3, "ist": 5, "jst": 9, "hst": -10, "akst": -9, "akdt": -8, "wet": 0, "west": 1,
        "aest": 10, "aedt": 11, "nzst": 12, "nzdt": 13, "sgt": 8, "hkt": 8, "kst": 9, "irst": 3, "wib": 7,
    ]
    static let dayNames: Set<String> = [
        "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "tues", "thur", "thurs",
    ]

    static func rfc822(_ s: String) -> Date? {
        // Tokens are split on spaces, tabs, newlines and commas, and compared lower-cased.
        var tokens: [String] = []
        tokens.reserveCapacity(7)
        var current: [UInt8] = []
        for b in s.utf8 {
            if b == 0x20 || b == 0x2C || b == 0x09 || b == 0x0A || b == 0x0D {
                if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)); current.removeAll(keepingCapacity: true) }
            } else {
                current.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            }
        }
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
        guard tokens.count >= 3 else { return nil }
        if let first = tokens.first, dayNames.contains(dropDots(first)) { tokens.removeFirst() }
        // "01-Jan-2004" style dates.
        if let first = tokens.first, first.utf8.contains(UInt8(ascii: "-")) {
            let p = first.split(separator: "-").map(String.init)
            if p.count == 3, months[p[1]] != nil { tokens.replaceSubrange(0...0, with: p) }
        }
        guard tokens.count >= 3 else { return nil }
        var day: Int?, month: Int?, year: Int?
        var yearDigits = 4
        var rest: ArraySlice<String>
        if let m = months[dropDots(tokens[0])], let d = Int(tokens[1]) {
            month = m; day = d
            rest = tokens[2...]
            // "Jan 4 2004 10:00" or "Jan 4 10:00:00 2004"
            if let y = Int(rest.first ?? "") {
                year = y; yearDigits = rest.first!.count; rest = rest.dropFirst()
            } else if rest.count >= 2, let y = Int(rest[rest.startIndex + 1]) {
                year = y; yearDigits = rest[rest.startIndex + 1].count
                var r = Array(rest); r.remove(at: 1); rest = r[...]
            }
        } else if let d = Int(tokens[0]), let m = months[dropDots(tokens[1])] {
            day = d; month = m
            guard let y = Int(tokens[2]) else { return nil }
            year = y; yearDigits = tokens[2].utf8.count
            rest = tokens[3...]
        } else {
            return nil
        }
        guard var y = year, let mo = month, let d = day else { return nil }
        if yearDigits <= 2 { y += y < 90 ? 2000 : 1900 }
        var hour = 0, minute = 0
        var second = 0.0
        var offset = 0
        if let time = rest.first, time.utf8.contains(UInt8(ascii: ":")) {
            let parts = time.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 2, let h = Int(parts[0]), let mi = Int(parts[1]) else { return nil }
            hour = h; minute = mi
            if parts.count >= 3 { guard let sec = Double(parts[2]) else { return nil }; second = sec }
            rest = rest.dropFirst()
        }
        if let zone = rest.first {
            guard let z = zoneOffset(zone) else { return nil }
            offset = z
        }
        return instant(year: y, month: mo, day: d, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }

    private static func dropDots(_ s: String) -> String {
        s.hasSuffix(".") ? String(s.dropLast()) : s
    }

    static func zoneOffset(_ token: String) -> Int? {
        var z = token
        if z.hasPrefix("(") { return 0 }
        if let named = zones[z] { return named * 3600 }
        if z.hasPrefix("gmt") || z.hasPrefix("utc") { z = String(z.dropFirst(3)); if z.isEmpty { return 0 } }
        guard let sign = z.first, sign == "+" || sign == "-" else { return nil }
        let digits = String(z.dropFirst()).replacingIfPresent(":", with: "")
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber) else { return nil }
        var hours = 0, minutes = 0
        if digits.count <= 2 {
            hours = Int(digits)!
        } else if digits.count == 4 || digits.count == 3 {
            hours = Int(digits.prefix(digits.count - 2))!; minutes = Int(digits.suffix(2))!
        } else {
            return nil
        }
        let total = hours * 3600 + minutes * 60
        return sign == "-" ? -total : total
    }

    // MARK: asctime: "Sun Jan  4 16:29:06 2004"

    static func asctime(_ s: String) -> Date? {
        let t = s.lowercased().split(separator: " ").map(String.init)
        guard t.count >= 5, dayNames.contains(t[0]), let m = months[t[1]], let d = Int(t[2]), let y = Int(t[4]) else { return nil }
        let parts = t[3].split(separator: ":").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return instant(
            year: y, month: m, day: d, hour: parts[0], minute: parts[1], second: Double(parts[2]),
            offsetSeconds: t.count > 5 ? zoneOffset(t[5]) ?? 0 : 0)
    }

    // MARK: W3C-DTF / ISO 8601 / RFC 3339

    static func iso8601(_ s: String) -> Date? {
        let u = Array(s.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= u.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = u[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func peek(_ c: Character) -> Bool { i < u.count && u[i] == c.asciiValue! }
        var year: Int
        if let y = digits(4) {
            year = y
        } else {
            i = 0
            guard let y2 = digits(2), i == u.count || peek("-") else { return nil }
            year = y2 + (y2 < 90 ? 2000 : 1900)
        }
        var month = 1, day = 1
        if peek("-") {
            i += 1
            let ordinal =
                i + 3 <= u.count && (i + 3 == u.count || u[i + 3] == UInt8(ascii: "T"))
                && u[i..<(i + 3)].allSatisfy { $0 >= 48 && $0 <= 57 }
            if !ordinal, let m = digits(2) {
                month = m
                if peek("-") { i += 1; guard let d = digits(2) else { return nil }; day = d }
            } else if let ordinal = digits(3) {
                guard let date = instant(year: year, month: 1, day: 1) else { return nil }
                return date.addingTimeInterval(Double(ordinal - 1) * 86400)
            } else {
                return nil
            }
        } else if let m = digits(2) {
            month = m
            if let d = digits(2) { day = d }
        }
        var hour = 0, minute = 0
        var second = 0.0
        var offset = 0
        if peek("T") || peek("t") || peek(" ") {
            i += 1
            guard let h = digits(2) else { return nil }
            hour = h
            if peek(":") { i += 1 }
            guard let mi = digits(2) else { return nil }
            minute = mi
            if peek(":") { i += 1 }
            if let sec = digits(2) {
                second = Double(sec)
                if peek(".") || peek(",") {
                    i += 1
                    let start = i
                    while i < u.count && u[i] >= 48 && u[i] <= 57 { i += 1 }
                    if i > start, let frac = Double("0." + String(decoding: u[start..<i], as: UTF8.self)) { second += frac }
                }
            }
            while peek(" ") { i += 1 }
            if peek("Z") || peek("z") {
                i += 1
            } else if peek("+") || peek("-") {
                let negative = peek("-")
                i += 1
                guard let oh = digits(2) else { return nil }
                if peek(":") { i += 1 }
                let om = digits(2) ?? 0
                offset = (oh * 3600 + om * 60) * (negative ? -1 : 1)
            } else if i < u.count {
                let rest = String(decoding: u[i...], as: UTF8.self).lowercased().trimmingWhitespace()
                guard let z = zoneOffset(rest) else { return nil }
                offset = z
                i = u.count
            }
        }
        guard i == u.count else { return nil }
        return instant(year: year, month: month, day: day, hour: hour, minute: minute, second: second, offsetSeconds: offset)
    }
}
