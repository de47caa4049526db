/// What a pattern cannot match without: literal runs and one-of character sets taken from the
/// pattern's top level, where nothing makes them optional. Checking these on the headline
/// first lets most headlines skip the regex engine (and its UTF-16 bridging) altogether.
///
/// The analysis is sound by construction: it reads only a subset of ICU's syntax it understands
/// completely, and for any other pattern it requires nothing (the engine always runs). Outside the
/// subset are: every escape that is not a literal ASCII punctuation mark, a class (`\s`, `\d`,
/// `\w`, `\b`, `\h`, `\v`, `\R`, `\X`, `\A`, `\z`, `\Z`, `\G` and their negations) or a property
/// (`\p{…}`, `\P{…}`) — so `\x`, `\u`, `\U`, `\N{…}`, `\Q…\E`, octal `\0`, back-references,
/// `\c`, `\t`, `\e` and the rest; every `(?` group but `(?:` and look-arounds (so `(?x)`,
/// `(?i:…)`, `(?s)`, named and atomic groups, comments); a `(?i)` anywhere but at the start; a `{`
/// that opens no count; a class that starts with `]`. A top-level alternation (`a|b`) yields no
/// requirement. Case-insensitive requirements are kept for ASCII only, and checked only on ASCII
/// text (ICU folds `ſ`, `K`, `ß` and ligatures in ways a lower-cased copy does not).
struct RegexPrefilter: Sendable {
    enum Requirement: Sendable, Equatable {
        case literal(String)
        case oneOf(Set<Unicode.Scalar>)
        /// At least one of these literals (a group such as `(Reuters|AP|AFP)`).
        case anyOf([String])
    }

    /// A set of scalars tested without hashing: a bitmap for ASCII, a short list for the rest.
    struct ScalarSet: Sendable {
        var low: UInt64 = 0, high: UInt64 = 0
        var others: [Unicode.Scalar] = []
        init(_ set: Set<Unicode.Scalar>, foldCase: Bool) {
            var all = set
            if foldCase {
                for c in set { all.formUnion(String(c).lowercased().unicodeScalars); all.formUnion(String(c).uppercased().unicodeScalars) }
            }
            for c in all {
                if c.value < 64 { low |= 1 << UInt64(c.value) } else if c.value < 128 { high |= 1 << UInt64(c.value - 64) } else { others.append(c) }
            }
        }
        func contains(_ c: Unicode.Scalar) -> Bool {
            if c.value < 64 { return low & (1 << UInt64(c.value)) != 0 }
            if c.value < 128 { return high & (1 << UInt64(c.value - 64)) != 0 }
            return others.contains(c)
        }
    }

    let requirements: [Requirement]
    let caseInsensitive: Bool
    private let literals: [String]
    private let sets: [ScalarSet]
    private let alternatives: [[String]]

    init(pattern: String, caseInsensitive: Bool) {
        var insensitive = caseInsensitive
        var reqs: [Requirement] = []
        let p = Array(pattern.unicodeScalars)
        var i = 0
        var run = String.UnicodeScalarView()
        var valid = true
        func flush() {
            if !run.isEmpty { reqs.append(.literal(String(run))) }
            run = String.UnicodeScalarView()
        }
        /// Whether the item ending before `j` is made optional by a quantifier at `j`.
        func optional(_ j: Int) -> Bool {
            guard j < p.count else { return false }
            if p[j] == "*" || p[j] == "?" { return true }
            if p[j] == "{", j + 1 < p.count, p[j + 1] == "0" { return true }
            return false
        }
        func quantified(_ j: Int) -> Bool { j < p.count && "*+?{".unicodeScalars.contains(p[j]) }
        /// Skips a whole quantifier (`*`, `+`, `?`, `{m,n}`) and a lazy or possessive mark after it.
        func skipQuantifier(_ j: Int) -> Int {
            var k = j
            while k < p.count && quantified(k) {
                if p[k] == "{" {
                    while k < p.count && p[k] != "}" { k += 1 }
                }
                k += 1
            }
            return k
        }
        if pattern.hasPrefix("(?i)") { insensitive = true; i = 4 }
        if !Self.isAnalysable(p, from: i) { valid = false; i = p.count }
        scan: while i < p.count {
            let c = p[i]
            switch c {
            case "|":
                valid = false
                break scan
            case "(":
                flush()
                var depth = 0, j = i
                while j < p.count {
                    if p[j] == "\\" { j += 2; continue }
                    if p[j] == "(" { depth += 1 } else if p[j] == ")" { depth -= 1; if depth == 0 { break } }
                    j += 1
                }
                if j >= p.count { valid = false; break scan }
                let head = String(String.UnicodeScalarView(p[i..<min(i + 3, p.count)]))
                let whole = String(String.UnicodeScalarView(p[i...j]))
                if head.hasPrefix("(?") && !head.hasPrefix("(?:") {
                    // Look-arounds and inline flags: no requirement from them.
                    if whole.hasPrefix("(?i") { insensitive = true }
                } else if !optional(j + 1) {
                    // A plain group that must occur: its own requirements hold too.
                    let innerStart = head.hasPrefix("(?:") ? i + 3 : i + 1
                    let innerPattern = String(String.UnicodeScalarView(p[innerStart..<j]))
                    let inner = RegexPrefilter(pattern: innerPattern, caseInsensitive: insensitive)
                    reqs.append(contentsOf: inner.requirements)
                    // An alternation of plain words: one of them must be there.
                    let alternatives = innerPattern.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    if alternatives.count > 1,
                        alternatives.allSatisfy({ alt in
                            !alt.isEmpty && alt.unicodeScalars.allSatisfy { c in !"\\[](){}.*+?^$|".unicodeScalars.contains(c) }
                        })
                    {
                        reqs.append(.anyOf(alternatives))
                    }
                }
                i = j + 1
                i = skipQuantifier(i)
            case "[":
                flush()
                var j = i + 1
                var set = Set<Unicode.Scalar>()
                var simple = j < p.count && p[j] != "^"
                var depth = 1
                while j < p.count {
                    if p[j] == "\\" { simple = false; j += 2; continue }
                    if p[j] == "[" { depth += 1; simple = false }
                    if p[j] == "]" { depth -= 1; if depth == 0 { break } }
                    if p[j] == "-" && j > i + 1 && j + 1 < p.count && p[j + 1] != "]" { simple = false }
                    if p[j] == "&" { simple = false }
                    set.insert(p[j])
                    j += 1
                }
                if j >= p.count { valid = false; break scan }
                i = j + 1
                if simple && !optional(i) && !set.isEmpty { reqs.append(.oneOf(set)) }
                i = skipQuantifier(i)
            case "\\":
                guard i + 1 < p.count else { valid = false; break scan }
                let e = p[i + 1]
                var end = i + 2
                if e == "p" || e == "P" || e == "x" || e == "N", end < p.count, p[end] == "{" {
                    while end < p.count && p[end] != "}" { end += 1 }
                    end += 1
                }
                let isLiteral = !(e.properties.isAlphabetic || ("0"..."9").contains(e))
                if isLiteral && !quantified(end) {
                    run.append(e)
                } else {
                    flush()
                }
                i = end
                i = skipQuantifier(i)
            case ".", "^", "$":
                flush()
                i += 1
                i = skipQuantifier(i)
            default:
                if quantified(i + 1) {
                    flush()
                    i = skipQuantifier(i + 1)
                } else {
                    run.append(c)
                    i += 1
                }
            }
        }
        flush()
        if insensitive {
            // Only ASCII requirements survive case folding as a lower-cased copy sees it.
            reqs = reqs.filter { r in
                switch r {
                case .literal(let l): return l.unicodeScalars.allSatisfy(\.isASCII)
                case .oneOf(let set): return set.allSatisfy(\.isASCII)
                case .anyOf(let list): return list.allSatisfy { $0.unicodeScalars.allSatisfy(\.isASCII) }
                }
            }
        }
        requirements = valid ? reqs : []
        self.caseInsensitive = insensitive
        literals = requirements.compactMap { if case .literal(let l) = $0 { return insensitive ? l.lowercased() : l } else { return nil } }
        sets = requirements.compactMap { if case .oneOf(let s) = $0 { return ScalarSet(s, foldCase: insensitive) } else { return nil } }
        alternatives = requirements.compactMap {
            if case .anyOf(let list) = $0 { return insensitive ? list.map { $0.lowercased() } : list } else { return nil }
        }
    }

    /// Escapes that stand for a class or an assertion, never for a literal character.
    private static let classEscapes = Set("sSdDwWbBhHvVRXAzZG".unicodeScalars)

    /// Whether the pattern keeps to the subset of ICU's syntax the analysis reads completely.
    static func isAnalysable(_ p: [Unicode.Scalar], from start: Int) -> Bool {
        var i = start
        var classDepth = 0
        while i < p.count {
            let c = p[i]
            switch c {
            case "\\":
                guard i + 1 < p.count else { return false }
                let e = p[i + 1]
                guard e.isASCII else { return false }
                if !(e.properties.isAlphabetic || ("0"..."9").contains(e)) {
                    i += 2  // \. \( \- … : the character itself
                } else if classEscapes.contains(e) {
                    i += 2
                } else if e == "p" || e == "P" {
                    guard i + 2 < p.count else { return false }
                    if p[i + 2] == "{" {
                        guard let close = p[(i + 2)...].firstIndex(of: "}") else { return false }
                        i = close + 1
                    } else {
                        guard p[i + 2].properties.isAlphabetic, p[i + 2].isASCII else { return false }
                        i += 3
                    }
                } else {
                    return false  // \x \u \N \Q \0 \1 \c \t \e …
                }
                continue
            case "[":
                // `[]…]` and `[^]…]`: whether `]` is literal there is not ours to guess.
                var j = i + 1
                if j < p.count, p[j] == "^" { j += 1 }
                if j < p.count, p[j] == "]" { return false }
                classDepth += 1
            case "]":
                if classDepth > 0 { classDepth -= 1 }
            case "(" where classDepth == 0:
                if i + 1 < p.count, p[i + 1] == "?" {
                    guard i + 2 < p.count else { return false }
                    let k = p[i + 2]
                    if k == ":" || k == "=" || k == "!" {
                    } else if k == "<", i + 3 < p.count, p[i + 3] == "=" || p[i + 3] == "!" {
                    } else {
                        return false  // (?x) (?i:…) (?<name>…) (?>…) (?#…) …
                    }
                }
            case "{" where classDepth == 0:
                guard i + 1 < p.count, ("0"..."9").contains(p[i + 1]) else { return false }
            default:
                break
            }
            i += 1
        }
        return classDepth == 0
    }

    /// `false` when the text certainly cannot match.
    func mayMatch(_ text: String) -> Bool {
        guard !requirements.isEmpty else { return true }
        // A lower-cased copy folds ASCII text exactly as ICU does; other text goes to the engine.
        if caseInsensitive && !text.utf8.allSatisfy({ $0 < 0x80 }) { return true }
        for set in sets where !text.unicodeScalars.contains(where: set.contains) { return false }
        if !literals.isEmpty || !alternatives.isEmpty {
            let subject = caseInsensitive ? text.lowercased() : text
            for lit in literals where !Bytes.contains(subject, lit) { return false }
            for list in alternatives where !list.contains(where: { Bytes.contains(subject, $0) }) { return false }
        }
        return true
    }
}
