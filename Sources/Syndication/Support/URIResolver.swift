/// RFC 3986 reference resolution, as `urllib.parse.urljoin` does it for the schemes that allow
/// relative references.
public enum URIResolver {
    static let relativeSchemes: Set<String> = ["http", "https", "ftp", "file", "gopher", "nntp", "imap", "wais",
                                               "telnet", "prospero", "rtsp", "rtspu", "sftp", "svn", "svn+ssh",
                                               "ws", "wss", "shttp", "mms", ""]

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
        guard let scheme = Parts(result).scheme else { return result }
        return acceptableSchemes.contains(scheme.lowercased()) ? result : nil
    }

    /// Resolves `reference` against `base`. Returns `reference` unchanged when it cannot be resolved.
    public static func resolve(_ reference: String, against base: String?) -> String {
        let ref = reference.trimmingWhitespace()
        guard let base, !base.isEmpty else { return ref }
        if ref.isEmpty { return base }
        let r = Parts(ref)
        let b = Parts(base)
        if let scheme = r.scheme {
            if scheme.lowercased() != (b.scheme?.lowercased() ?? "") || !relativeSchemes.contains(scheme.lowercased()) { return ref }
            if r.authority != nil { return ref }
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
                if r.path.hasPrefix("/") {
                    t.path = removeDotSegments(r.path)
                } else {
                    let merged: String
                    if b.authority != nil && b.path.isEmpty {
                        merged = "/" + r.path
                    } else if let slash = b.path.lastIndex(of: "/") {
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

    struct Parts: CustomStringConvertible {
        var scheme: String?
        var authority: String?
        var path = ""
        var query: String?
        var fragment: String?

        init() {}

        init(_ s: String) {
            var rest = Substring(s)
            if let hash = rest.firstIndex(of: "#") {
                fragment = String(rest[rest.index(after: hash)...])
                rest = rest[..<hash]
            }
            if let q = rest.firstIndex(of: "?") {
                query = String(rest[rest.index(after: q)...])
                rest = rest[..<q]
            }
            if let colon = rest.firstIndex(of: ":") {
                let candidate = rest[..<colon]
                if let first = candidate.first, first.isLetter,
                   candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) {
                    scheme = String(candidate)
                    rest = rest[rest.index(after: colon)...]
                }
            }
            if rest.hasPrefix("//") {
                let afterSlashes = rest.dropFirst(2)
                let end = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
                authority = String(afterSlashes[..<end])
                rest = afterSlashes[end...]
            }
            path = String(rest)
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

    static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
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
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        if first == scalars.startIndex && last == scalars.index(before: scalars.endIndex) { return self }
        return String(scalars[first...last])
    }
}
