/// URI and IRI checks (RFC 3986/3987), tag URIs (RFC 4151), URNs (RFC 2141) and the canonical
/// form Atom asks ids to be in.
enum URIs {
    /// The characters a URI reference may hold as they are (the rest must be percent-encoded).
    private static let allowed: [Bool] = {
        var t = [Bool](repeating: false, count: 128)
        for b in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789;/?:@&=+$.-_!~*'()%,#[]".utf8 {
            t[Int(b)] = true
        }
        return t
    }()

    @inline(__always) private static func isHex(_ b: UInt8) -> Bool {
        Values.isDigit(b) || ((b | 0x20) >= 97 && (b | 0x20) <= 102)
    }

    /// The scheme, lower-cased, when the text starts with one (`http:`).
    static func scheme(_ s: String) -> String? {
        schemeColon(s.utf8).map { String(decoding: s.utf8[..<$0], as: UTF8.self).lowercased() }
    }

    /// Where the colon after a scheme is (`ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`,
    /// RFC 3986 §3.1), when the bytes start with one. No copy.
    static func schemeColon<C: Collection<UInt8>>(_ u: C) -> C.Index? {
        guard let first = u.first, Values.isAlpha(first) else { return nil }
        var i = u.index(after: u.startIndex)
        while i < u.endIndex {
            let b = u[i]
            if b == 58 { return i }
            guard Values.isAlnum(b) || b == 43 || b == 45 || b == 46 else { return nil }
            i = u.index(after: i)
        }
        return nil
    }

    enum Problem { case whitespace, badCharacter, badEscape }

    /// Runs `body` over the string's UTF-8 bytes without copying them when they are contiguous.
    @inline(__always)
    static func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
        let copy = Array(s.utf8)
        return copy.withUnsafeBufferPointer(body)
    }

    /// Why the text is not a URI reference (or an IRI reference when `iri`), or nil when it is one.
    static func referenceProblem(_ s: String, iri: Bool = true) -> Problem? {
        withBytes(s) { referenceProblem($0, iri: iri) }
    }

    static func referenceProblem(_ u: UnsafeBufferPointer<UInt8>, iri: Bool) -> Problem? {
        var i = 0
        while i < u.count {
            let b = u[i]
            if Values.isSpace(b) { return .whitespace }
            if b >= 0x80 {
                if !iri { return .badCharacter }
            } else if !allowed[Int(b)] {
                return .badCharacter
            } else if b == 37 {
                guard i + 2 < u.count, isHex(u[i + 1]), isHex(u[i + 2]) else { return .badEscape }
            }
            i += 1
        }
        return nil
    }

    /// Hierarchical schemes whose authority must not be empty.
    private static let networkSchemes: Set<String> = ["http", "https", "ftp"]

    /// Whether `s` is an absolute IRI this validator trusts (`http://host/…`, `mailto:…`).
    static func isAbsolute(_ s: String) -> Bool {
        withBytes(s) { u in
            // The scheme: a letter, then letters, digits, "+", "-" or ".", then ":".
            guard let first = u.first, Values.isAlpha(first) else { return false }
            var colon = 1
            while colon < u.count, u[colon] != 58 {
                let b = u[colon]
                guard Values.isAlnum(b) || b == 43 || b == 45 || b == 46 else { return false }
                colon += 1
            }
            guard colon < u.count, referenceProblem(u, iri: true) == nil else { return false }
            let network =
                colon >= 3 && colon <= 5
                && {
                    var lower: [UInt8] = []
                    for b in u[0..<colon] { lower.append(b | 0x20) }
                    return lower == [104, 116, 116, 112] || lower == [104, 116, 116, 112, 115] || lower == [102, 116, 112]
                }()
            if network {
                // http://host…: two slashes, then a host.
                return colon + 3 < u.count && u[colon + 1] == 47 && u[colon + 2] == 47 && u[colon + 3] != 47
            }
            if colon + 1 < u.count { return true }
            return colon == 5 && (u[0] | 0x20) == 97 && (u[1] | 0x20) == 98  // "about:"
        }
    }

    // MARK: tag: (RFC 4151)

    static func isValidTag(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count > 4, String(decoding: u[0..<4], as: UTF8.self).lowercased() == "tag:" else { return false }
        guard let comma = u[4...].firstIndex(of: 44) else { return false }
        let authority = u[4..<comma]
        guard !authority.isEmpty else { return false }
        var domain = authority[...]
        if let at = authority.firstIndex(of: 64) {
            let local = authority[..<at]
            guard !local.isEmpty, local.allSatisfy({ Values.isAlnum($0) || $0 == 45 || $0 == 46 || $0 == 95 }) else { return false }
            domain = authority[(at + 1)...]
        }
        guard !domain.isEmpty, domain.allSatisfy({ Values.isAlnum($0) || $0 == 45 || $0 == 46 }) else { return false }
        guard let colon = u[(comma + 1)...].firstIndex(of: 58) else { return false }
        let date = Array(u[(comma + 1)..<colon])
        guard date.count == 4 || date.count == 7 || date.count == 10 else { return false }
        guard Values.isW3CDTF(String(decoding: date, as: UTF8.self)) else { return false }
        let specific = u[(colon + 1)...]
        var seenHash = false
        for b in specific {
            if b == 35 { if seenHash { return false }; seenHash = true; continue }
            guard b < 0x80, allowed[Int(b)], b != 91, b != 93 else { return false }
        }
        return true
    }

    // MARK: urn: (RFC 2141)

    enum URNProblem { case nid, nss, uuid }

    static func urnProblem(_ s: String) -> URNProblem? {
        let u = Array(s.utf8)
        guard let colon = u[4...].firstIndex(of: 58) else { return .nid }
        let nid = u[4..<colon]
        guard (1...32).contains(nid.count), let first = nid.first, Values.isAlnum(first),
            nid.allSatisfy({ Values.isAlnum($0) || $0 == 45 })
        else { return .nid }
        let nss = Array(u[(colon + 1)...])
        guard !nss.isEmpty else { return .nss }
        if nid.count == 4, String(decoding: nid, as: UTF8.self).lowercased() == "uuid" {
            // RFC 4122 §3: the uuid namespace's string is 8-4-4-4-12 hexadecimal digits.
            let groups = nss.split(separator: 45, omittingEmptySubsequences: false)
            let valid = groups.map(\.count) == [8, 4, 4, 4, 12] && groups.allSatisfy { $0.allSatisfy(isHex) }
            return valid ? nil : .uuid
        }
        let other = Set("()+,-.:=@;$_!*'".utf8)
        var i = 0
        while i < nss.count {
            let b = nss[i]
            if b == 37 {
                guard i + 2 < nss.count, isHex(nss[i + 1]), isHex(nss[i + 2]) else { return .nss }
                i += 3
                continue
            }
            guard b < 0x80, Values.isAlnum(b) || other.contains(b) || b == 47 || b == 63 || b == 35 else { return .nss }
            i += 1
        }
        return nil
    }

    // MARK: Canonical form

    private static let unreserved: Set<UInt8> = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~".utf8)

    /// Whether an absolute URI is in the normal form RFC 3986 section 6 describes: lower-case
    /// scheme and host, no default port, no dot-segments, upper-case escapes, nothing escaped
    /// that needs no escaping.
    static func isCanonical(_ s: String) -> Bool {
        guard let sch = scheme(s) else { return true }
        let u = Array(s.utf8)
        if String(decoding: u[0..<sch.utf8.count], as: UTF8.self) != sch { return false }
        var i = 0
        while i < u.count {
            if u[i] == 37, i + 2 < u.count {
                let h = u[i + 1], l = u[i + 2]
                if (h >= 97 && h <= 102) || (l >= 97 && l <= 102) { return false }
                if let v = UInt8(String(decoding: u[(i + 1)...(i + 2)], as: UTF8.self), radix: 16), unreserved.contains(v) {
                    return false
                }
                i += 3
                continue
            }
            i += 1
        }
        guard sch == "http" || sch == "https" else { return true }
        let rest = Array(u[(sch.utf8.count + 1)...])
        guard rest.starts(with: Array("//".utf8)) else { return true }
        let afterSlashes = rest[2...]
        let authorityEnd = afterSlashes.firstIndex { $0 == 47 || $0 == 63 || $0 == 35 } ?? rest.count
        let authority = Array(rest[2..<authorityEnd])
        var host = authority[...]
        if let at = authority.lastIndex(of: 64) {
            if authority[..<at].allSatisfy({ $0 == 58 }) { return false }
            host = authority[(at + 1)...]
        }
        if let colon = host.lastIndex(of: 58) {
            let port = host[(colon + 1)...]
            if port.isEmpty || String(decoding: port, as: UTF8.self) == (sch == "http" ? "80" : "443") { return false }
            host = host[..<colon]
        }
        if host.contains(where: { $0 >= 65 && $0 <= 90 }) { return false }
        let path = rest[authorityEnd...].prefix { $0 != 63 && $0 != 35 }
        if path.isEmpty { return false }
        let segments = path.split(separator: 47, omittingEmptySubsequences: false)
        if segments.contains(where: { $0.elementsEqual([46]) || $0.elementsEqual([46, 46]) }) { return false }
        return true
    }
}
