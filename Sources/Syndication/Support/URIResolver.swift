/// RFC 3986 reference resolution, as `urllib.parse.urljoin` does it for the schemes that allow
/// relative references.
public enum URIResolver {
    static let relativeSchemes: Set<String> = [
        "http", "https", "ftp", "file", "gopher", "nntp", "imap", "wais",
        "telnet", "prospero", "rtsp", "rtspu", "sftp", "svn", "svn+ssh",
        "ws", "wss", "shttp", "mms", "",
    ]

    /// Schemes a link may use; anything else (`javascript:`, `data:`, `vbscript:`) is not a safe base or link.
    public static let acceptableSchemes: Set<String> = [
        "file", "ftp", "gopher", "h323", "hdl", "http", "https", "imap", "magnet", "mailto", "mms", "news", "nntp",
        "prospero", "rsync", "rtsp", "rtspu", "sftp", "shttp", "sip", "sips", "snews", "svn", "svn+ssh", "telnet",
        "wais", "aim", "callto", "cvs", "facetime", "feed", "git", "gtalk", "irc", "ircs", "irc6", "itms", "msnim",
        "skype", "ssh", "smb", "ymsg", "tag", "urn",
    ]

    /// Resolves `reference` against `base` and returns it only when its scheme is an acceptable one
    /// (a relative result, with no base to make it absolute, is returned as is).
    public static func resolveSafely(_ reference: String, against base: String?) -> String? {
        let result = resolve(reference, against: base)
        guard let scheme = scheme(of: result) else { return result }
        return acceptableSchemes.contains(scheme.lowercased()) ? result : nil
    }

    /// The scheme of a URI reference, as ``Parts`` reads it (letters, digits, `+ - .`, from a letter,
    /// before a `:` that comes ahead of any `/ ? #`), without taking the rest apart.
    public static func scheme(of s: String) -> String? {
        var copy = s
        return copy.withUTF8 { u -> String? in
            @inline(__always) func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
            var i = 0
            while i < u.count {
                let b = u[i]
                if b == UInt8(ascii: ":") {
                    guard i > 0, isAlpha(u[0]) else { return nil }
                    return String(decoding: UnsafeBufferPointer(rebasing: u[0..<i]), as: UTF8.self)
                }
                if b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") { return nil }
                guard isAlpha(b) || (b >= 0x30 && b <= 0x39) || b == 0x2B || b == 0x2D || b == 0x2E else { return nil }
                i += 1
            }
            return nil
        }
    }

    /// Resolves `reference` against `base`. Returns `reference` unchanged when it cannot be resolved.
    public static func resolve(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference.trimmingWhitespace() }
        return resolve(reference, against: ParsedBase(base))
    }

    /// A base URI parsed once, for resolving many references against it.
    public struct ParsedBase: Sendable {
        public let string: String
        let parts: Parts
        /// `scheme://authority` and that plus the base's directory, for the common relative forms.
        let origin: String?
        let directory: String?
        public init(_ string: String) {
            self.string = string
            self.parts = Parts(string)
            if let scheme = parts.scheme, let authority = parts.authority, relativeSchemes.contains(scheme.lowercased()),
                !hasDotSegment(parts.path)
            {
                let origin = scheme + "://" + authority
                self.origin = origin
                if let slash = parts.path.utf8.lastIndex(of: UInt8(ascii: "/")) {
                    directory = origin + String(parts.path[...slash])
                } else {
                    directory = origin + "/"
                }
            } else {
                origin = nil
                directory = nil
            }
        }
    }

    /// `name/more.html` or `/path/x`: plain path references with nothing to normalise.
    private static func simplePath(_ ref: String) -> (absolute: Bool, ok: Bool) {
        let u = ref.utf8
        guard let first = u.first, first != UInt8(ascii: "."), first > 0x20 else { return (false, false) }
        if first == UInt8(ascii: "/") {
            if u.count > 1 && u[u.index(after: u.startIndex)] == UInt8(ascii: "/") { return (true, false) }
        }
        for b in u {
            switch b {
            case UInt8(ascii: ":"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "."), 0...0x20, 0x7F: return (false, false)
            default: continue
            }
        }
        return (first == UInt8(ascii: "/"), true)
    }

    /// Resolves `reference` against a pre-parsed base.
    public static func resolve(_ reference: String, against parsedBase: ParsedBase) -> String {
        let ref = reference.trimmingWhitespace()
        if let directory = parsedBase.directory, let origin = parsedBase.origin {
            let simple = simplePath(ref)
            if simple.ok { return simple.absolute ? origin + ref : directory + ref }
        }
        let base = parsedBase.string
        if base.isEmpty { return ref }
        if ref.isEmpty { return base }
        let r = Parts(ref)
        // Fast path: most links are absolute already.
        if let scheme = r.scheme, r.authority != nil || !relativeSchemes.contains(scheme.lowercased()) { return ref }
        let b = parsedBase.parts
        if let scheme = r.scheme {
            if scheme.lowercased() != (b.scheme?.lowercased() ?? "") || !relativeSchemes.contains(scheme.lowercased()) { return ref }
        }
        guard relativeSchemes.contains(b.scheme?.lowercased() ?? "") else { return ref }
        var t = Parts()
        t.scheme = b.scheme
        if let authority = r.authority {
            t.authority = authority
            t.path = removeDotSegments(r.path)
            t.query = r.query
        } else {
            t.authority = b.authority
            if r.path.isEmpty {
                t.path = b.path
                t.query = r.query ?? b.query
            } else {
                if r.path.utf8.first == UInt8(ascii: "/") {
                    t.path = removeDotSegments(r.path)
                } else {
                    let merged: String
                    if b.authority != nil && b.path.isEmpty {
                        merged = "/" + r.path
                    } else if let slash = b.path.utf8.lastIndex(of: UInt8(ascii: "/")) {
                        merged = String(b.path[...slash]) + r.path
                    } else {
                        merged = r.path
                    }
                    t.path = removeDotSegments(merged)
                }
                t.query = r.query
            }
        }
        t.fragment = r.fragment
        return t.description
    }

    /// The five components of a URI reference (RFC 3986 appendix B), found on the UTF-8 bytes.
    struct Parts: CustomStringConvertible {
        var scheme: String?
        var authority: String?
        var path = ""
        var query: String?
        var fragment: String?

        init() {}

        init(_ s: String) {
            let u = s.utf8
            var end = u.endIndex
            if let hash = u.firstIndex(of: UInt8(ascii: "#")) {
                fragment = String(s[u.index(after: hash)...])
                end = hash
            }
            if let q = u[..<end].firstIndex(of: UInt8(ascii: "?")) {
                query = String(s[u.index(after: q)..<end])
                end = q
            }
            var start = u.startIndex
            if let colon = u[..<end].firstIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }),
                u[colon] == UInt8(ascii: ":"), colon > start
            {
                let candidate = u[start..<colon]
                func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
                if isAlpha(candidate.first!),
                    candidate.allSatisfy({ isAlpha($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2D || $0 == 0x2E })
                {
                    scheme = String(s[start..<colon])
                    start = u.index(after: colon)
                }
            }
            let rest = u[start..<end]
            if rest.count >= 2, rest.first == UInt8(ascii: "/"), rest[rest.index(after: rest.startIndex)] == UInt8(ascii: "/") {
                let authorityStart = u.index(start, offsetBy: 2)
                let authorityEnd = u[authorityStart..<end].firstIndex(of: UInt8(ascii: "/")) ?? end
                authority = String(s[authorityStart..<authorityEnd])
                start = authorityEnd
            }
            path = String(s[start..<end])
        }

        var description: String {
            var s = ""
            if let scheme { s += scheme + ":" }
            if let authority { s += "//" + authority }
            s += path
            if let query { s += "?" + query }
            if let fragment { s += "#" + fragment }
            return s
        }
    }

    /// Whether a path has a `.` or `..` segment (a dot in a file name is not one).
    static func hasDotSegment(_ path: String) -> Bool {
        let u = Array(path.utf8)
        var i = 0
        while i < u.count {
            if u[i] == UInt8(ascii: "."), i == 0 || u[i - 1] == UInt8(ascii: "/") {
                var j = i + 1
                if j < u.count && u[j] == UInt8(ascii: ".") { j += 1 }
                if j == u.count || u[j] == UInt8(ascii: "/") { return true }
            }
            i += 1
        }
        return false
    }

    static func removeDotSegments(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: ".")), hasDotSegment(path) else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (i, seg) in segments.enumerated() {
            let last = i == segments.count - 1
            if seg == "." {
                if last { output.append("") }
            } else if seg == ".." {
                if output.count > 1 || (output.count == 1 && output[0] != "") { output.removeLast() }
                if last { output.append("") }
            } else {
                output.append(seg)
            }
        }
        var result = output.joined(separator: "/")
        if path.hasPrefix("/") && !result.hasPrefix("/") { result = "/" + result }
        return result
    }
}

extension String {
    /// `replacingOccurrences` that skips Foundation's search when the first byte of `target`
    /// does not occur at all (the common case in hot paths).
    func replacingIfPresent(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8)
        guard let first = t.first, utf8.contains(first) else { return self }
        let u = Array(utf8)
        var out: [UInt8] = []
        var i = 0
        var changed = false
        while i < u.count {
            if u[i] == first && i + t.count <= u.count && u[i..<(i + t.count)].elementsEqual(t) {
                out.append(contentsOf: replacement.utf8)
                i += t.count
                changed = true
            } else {
                out.append(u[i])
                i += 1
            }
        }
        return changed ? String(decoding: out, as: UTF8.self) : self
    }

    /// Trims Unicode white space from both ends (Python's `str.strip()`), without Foundation:
    /// the common case (nothing to trim, or ASCII white space) never leaves the UTF-8 bytes.
    func trimmingWhitespace() -> String {
        let u = utf8
        guard let first = u.first, let last = u.last else { return self }
        @inline(__always) func asciiSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) || (b >= 0x1C && b <= 0x1F) }
        if first < 0x80 && last < 0x80 && !asciiSpace(first) && !asciiSpace(last) { return self }
        if first < 0x80 && last < 0x80 {
            var start = u.startIndex
            var end = u.endIndex
            while start < end && asciiSpace(u[start]) { start = u.index(after: start) }
            while end > start && asciiSpace(u[u.index(before: end)]) { end = u.index(before: end) }
            return String(self[start..<end])
        }
        let scalars = unicodeScalars
        guard let firstIndex = scalars.firstIndex(where: { !$0.properties.isWhitespace && !(0x1C...0x1F).contains($0.value) }) else { return "" }
        let lastIndex = scalars.lastIndex(where: { !$0.properties.isWhitespace && !(0x1C...0x1F).contains($0.value) })!
        return String(scalars[firstIndex...lastIndex])
    }
}
