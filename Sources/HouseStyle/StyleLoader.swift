import Foundation
import Yams

/// Why a style file could not be loaded: always with the file, and the line and rule when known.
public struct StyleError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure: callers decide by it, never by the message.
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable { case unreadable, notYAML, invalid }
        private let kind: Kind
        /// The file cannot be read.
        public static let unreadable = Code(kind: .unreadable)
        /// The file is not YAML.
        public static let notYAML = Code(kind: .notYAML)
        /// The YAML does not describe a valid style (an unknown key, a bad rule or pattern).
        public static let invalid = Code(kind: .invalid)
    }

    public var code: Code
    public var file: String
    public var line: Int?
    public var rule: String?
    public var message: String

    public init(_ code: Code, file: String, line: Int? = nil, rule: String? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.rule = rule
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let rule { s += "rule '\(rule)': " }
        return s + message
    }
}

/// Loads `house-style.yaml`. A style that has any error does not load at all.
public enum StyleLoader {
    public static func load(contentsOf path: String) throws(StyleError) -> HouseStyle {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StyleError(.unreadable, file: path, message: "cannot read the file")
        }
        return try load(yaml: String(decoding: data, as: UTF8.self), file: path)
    }

    public static func load(yaml: String, file: String = "<style>") throws(StyleError) -> HouseStyle {
        if let (line, message) = YAMLErrors.refusal(yaml) { throw StyleError(.notYAML, file: file, line: line, message: message) }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw StyleError(.invalid, file: file, line: 1, message: "the file is empty") }
            root = node
        } catch let error as StyleError {
            throw error
        } catch {
            throw StyleError(.notYAML, file: file, line: YAMLErrors.line(of: error), message: "not valid YAML: \(error)")
        }
        let loader = Loader(file: file)
        return try loader.style(root)
    }

}

/// YAML as MediaWire reads it (the style and the wire configuration): what a file may hold before
/// it reaches the YAML library, and the line a parse error points at.
package enum YAMLErrors {
    /// Why `text` is refused before it is parsed, with the line: larger than 1 MiB, complex
    /// mapping keys (`? key`, which no MediaWire file uses and which make the YAML library compare
    /// whole trees: a fuzzer found a 1.5 KB file that took seconds), or nesting deeper than 64.
    package static func refusal(_ text: String) -> (line: Int, message: String)? {
        if text.utf8.count > 1 << 20 { return (1, "the file is larger than 1 MiB") }
        var line = 1, depth = 0, atLineStart = true, previous: UInt8 = 0x0A
        var quote: UInt8? = nil
        var escaped = false
        var comment = false
        let bytes = Array(text.utf8)
        for (index, b) in bytes.enumerated() {
            if b == 0x0A {
                line += 1
                atLineStart = true
                comment = false
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") { quote = nil }
                previous = b
                continue
            }
            if comment { continue }
            if let q = quote {
                if escaped {
                    escaped = false
                } else if q == UInt8(ascii: "\"") && b == UInt8(ascii: "\\") {
                    escaped = true
                } else if b == q {
                    quote = nil
                }
                previous = b
                continue
            }
            switch b {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                break
            case UInt8(ascii: "#") where previous == 0x20 || previous == 0x0A || previous == 0x09 || atLineStart:
                comment = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                quote = b
                atLineStart = false
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > 64 { return (line, "nesting deeper than 64 levels") }
                atLineStart = false
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
                atLineStart = false
            case UInt8(ascii: "?"):
                // The explicit-key indicator: at the start of a node, then a space or the end.
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0x0A
                let startsNode =
                    atLineStart || previous == UInt8(ascii: "-") || previous == UInt8(ascii: "[")
                    || previous == UInt8(ascii: "{") || previous == UInt8(ascii: ",") || previous == 0x20
                if startsNode && (next == 0x20 || next == 0x0A || next == 0x09 || next == 0x0D)
                    && (atLineStart || previous != 0x20 || Self.onlyIndicatorsBefore(bytes, index))
                {
                    return (line, "complex mapping keys ('? key') are not used in MediaWire files")
                }
                atLineStart = false
            case UInt8(ascii: "-"):
                break
            default:
                atLineStart = false
            }
            if b != 0x20 && b != 0x09 { previous = b } else if previous != UInt8(ascii: "-") { previous = b }
        }
        // Block nesting: indentation is bounded by the 1 MiB, but deep "- - - -" chains are not.
        for text in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var dashes = 0
            var rest = Substring(text).drop { $0 == " " }
            while rest.hasPrefix("- ") || rest == "-" {
                dashes += 1
                rest = rest.dropFirst(min(2, rest.count)).drop { $0 == " " }
            }
            if dashes > 64 { return (1, "nesting deeper than 64 levels") }
        }
        return nil
    }

    /// Whether everything on the line before `index` is indentation and sequence dashes.
    private static func onlyIndicatorsBefore(_ bytes: [UInt8], _ index: Int) -> Bool {
        var i = index - 1
        while i >= 0 && bytes[i] != 0x0A {
            if bytes[i] != 0x20 && bytes[i] != UInt8(ascii: "-") && bytes[i] != 0x09 { return false }
            i -= 1
        }
        return true
    }

    package static func line(of error: any Error) -> Int? {
        switch error as? YamlError {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
}

private struct Loader {
    let file: String

    func fail(_ node: Node?, _ message: String, rule: String? = nil) -> StyleError {
        StyleError(.invalid, file: file, line: node?.mark?.line, rule: rule, message: message)
    }

    func pairs(_ node: Node, _ what: String, rule: String? = nil) throws(StyleError) -> [(key: String, keyNode: Node, value: Node)] {
        guard case .mapping(let mapping) = node else { throw fail(node, "\(what) must be a mapping", rule: rule) }
        var out: [(String, Node, Node)] = []
        for (k, v) in mapping {
            guard let key = k.string else { throw fail(k, "keys of \(what) must be text", rule: rule) }
            out.append((key, k, v))
        }
        return out
    }

    func style(_ root: Node) throws(StyleError) -> HouseStyle {
        var version: Int?
        var properNouns: [String] = []
        var ruleNodes: Node?
        var sourceNodes: [(String, Node)] = []
        for (key, keyNode, value) in try pairs(root, "the style") {
            switch key {
            case "version":
                guard let v = value.int else { throw fail(value, "version must be a number") }
                version = v
            case "proper-nouns":
                guard case .sequence(let seq) = value else { throw fail(value, "proper-nouns must be a list of words") }
                for item in seq {
                    guard let word = item.string, !word.isEmpty else { throw fail(item, "proper-nouns must be a list of words") }
                    properNouns.append(word)
                }
            case "rules":
                ruleNodes = value
            case "sources":
                for (id, _, sourceValue) in try pairs(value, "sources") {
                    let inner = try pairs(sourceValue, "source '\(id)'")
                    for (k, kn, _) in inner where k != "rules" { throw fail(kn, "unknown key '\(k)' in source '\(id)' (expected: rules)") }
                    guard let rules = inner.first(where: { $0.key == "rules" })?.value else {
                        throw fail(sourceValue, "source '\(id)' needs a rules list")
                    }
                    sourceNodes.append((id, rules))
                }
            default:
                throw fail(keyNode, "unknown key '\(key)' (expected: version, proper-nouns, rules, sources)")
            }
        }
        guard version == 1 else { throw fail(root, version == nil ? "missing 'version: 1'" : "unsupported version \(version!) (expected 1)") }

        // Words written by replace rules keep their form under the case rules: collect them first.
        var vocabulary = Vocabulary()
        for word in properNouns { vocabulary.add(word) }
        var specs: [(String?, [RuleSpec])] = []
        specs.append((nil, try ruleSpecs(ruleNodes)))
        for (id, node) in sourceNodes { specs.append((id, try ruleSpecs(node))) }
        for (_, list) in specs {
            for spec in list { if case .replace(let pairs, _) = spec { for (_, v) in pairs { vocabulary.add(v) } } }
        }
        var global: [any HeadlineRule] = []
        var perSource: [String: [any HeadlineRule]] = [:]
        for (id, list) in specs {
            let rules = try list.map { spec throws(StyleError) in try build(spec, vocabulary: vocabulary) }
            if let id { perSource[id] = rules } else { global = rules }
        }
        var style = HouseStyle(rules: global, sourceRules: perSource)
        // What decides a headline, written out: the global rules, the words every case rule keeps
        // (proper nouns and every replace rule's words, whichever source's), and one source's rules.
        let common =
            "version 1\nproper-nouns " + (vocabulary.forms.map { $0.key + "=" + $0.value } + vocabulary.phrases).sorted().joined(separator: "\u{1F}")
            + "\n"
            + specs.filter { $0.0 == nil }.flatMap(\.1).map(Self.canonical).joined(separator: "\n")
        style.fingerprint = HouseStyle.digest(common)
        for (id, list) in specs {
            guard let id else { continue }
            style.sourceFingerprints[id] = HouseStyle.digest(common + "\nsource\n" + list.map(Self.canonical).joined(separator: "\n"))
        }
        return style
    }

    /// A rule as text, the same for the same rule however the YAML was written.
    static func canonical(_ spec: RuleSpec) -> String {
        let sep = "\u{1F}"
        switch spec {
        case .decodeEntities: return "decode-entities"
        case .strip(let patterns, _): return "strip" + sep + patterns.joined(separator: sep)
        case .replace(let pairs, _): return "replace" + sep + pairs.map { $0.0 + "=" + $0.1 }.joined(separator: sep)
        case .quotes(let style): return "quotes" + sep + style.rawValue
        case .caseMode(let mode): return "case" + sep + mode.rawValue
        case .regex(let pattern, let template, _): return "regex" + sep + pattern + sep + template
        case .maxLength(let n, let ellipsis): return "max-length" + sep + String(n) + sep + ellipsis
        }
    }

    enum RuleSpec {
        case decodeEntities
        case strip([String], Node)
        case replace([(String, String)], Node)
        case quotes(QuotesRule.Style)
        case caseMode(CaseRule.Mode)
        case regex(String, String, Node)
        case maxLength(Int, String)
    }

    func ruleSpecs(_ node: Node?) throws(StyleError) -> [RuleSpec] {
        guard let node else { return [] }
        guard case .sequence(let seq) = node else { throw fail(node, "rules must be a list") }
        var out: [RuleSpec] = []
        for item in seq { out.append(try ruleSpec(item)) }
        return out
    }

    func ruleSpec(_ item: Node) throws(StyleError) -> RuleSpec {
        if let name = item.scalar?.string {
            switch name {
            case "decode-entities": return .decodeEntities
            case "strip", "replace", "quotes", "case", "regex", "max-length":
                throw fail(item, "needs a value", rule: name)
            default: throw fail(item, "unknown rule '\(name)'", rule: name)
            }
        }
        let entries = try pairs(item, "a rule")
        guard entries.count == 1, let (name, nameNode, value) = entries.first else {
            throw fail(item, "a rule is one name with its value, e.g. `- case: sentence`")
        }
        switch name {
        case "decode-entities":
            return .decodeEntities
        case "strip":
            var patterns: [String] = []
            if let one = value.scalar?.string {
                patterns = [one]
            } else if case .sequence(let seq) = value {
                for p in seq {
                    guard let s = p.scalar?.string else { throw fail(p, "patterns must be text", rule: name) }
                    patterns.append(s)
                }
            } else {
                throw fail(value, "expects a pattern or a list of patterns", rule: name)
            }
            return .strip(patterns, value)
        case "replace":
            var list: [(String, String)] = []
            for (k, kn, v) in try pairs(value, "replace (word: replacement)", rule: name) {
                guard let to = v.scalar?.string, !k.isEmpty else { throw fail(kn, "expects word: replacement pairs", rule: name) }
                list.append((k, to))
            }
            return .replace(list, value)
        case "quotes":
            guard let s = value.scalar?.string, let style = QuotesRule.Style(rawValue: s) else {
                throw fail(value, "expects one of straight, single-curly, double-curly", rule: name)
            }
            return .quotes(style)
        case "case":
            guard let s = value.scalar?.string, let mode = CaseRule.Mode(rawValue: s) else {
                throw fail(value, "expects one of sentence, title, keep", rule: name)
            }
            return .caseMode(mode)
        case "regex":
            let fields = try pairs(value, "regex", rule: name)
            for (k, kn, _) in fields where k != "pattern" && k != "replace" {
                throw fail(kn, "unknown key '\(k)' (expected pattern, replace)", rule: name)
            }
            guard let pattern = fields.first(where: { $0.key == "pattern" })?.value.scalar?.string else {
                throw fail(value, "needs a pattern", rule: name)
            }
            let template = fields.first(where: { $0.key == "replace" })?.value.scalar?.string ?? ""
            return .regex(pattern, template, value)
        case "max-length":
            if let n = value.int { guard n > 0 else { throw fail(value, "chars must be positive", rule: name) }; return .maxLength(n, "…") }
            let fields = try pairs(value, "max-length", rule: name)
            for (k, kn, _) in fields where k != "chars" && k != "ellipsis" {
                throw fail(kn, "unknown key '\(k)' (expected chars, ellipsis)", rule: name)
            }
            guard let n = fields.first(where: { $0.key == "chars" })?.value.int, n > 0 else {
                throw fail(value, "needs chars: a positive number", rule: name)
            }
            let ellipsis = fields.first(where: { $0.key == "ellipsis" })?.value.scalar?.string ?? "…"
            guard ellipsis.count < n else { throw fail(value, "the ellipsis is longer than the limit", rule: name) }
            return .maxLength(n, ellipsis)
        default:
            throw fail(nameNode, "unknown rule '\(name)'", rule: name)
        }
    }

    func build(_ spec: RuleSpec, vocabulary: Vocabulary) throws(StyleError) -> any HeadlineRule {
        switch spec {
        case .decodeEntities: return DecodeEntitiesRule()
        case .strip(let patterns, let node):
            do { return try StripRule(patterns: patterns) } catch { throw fail(node, "bad regex: \(error.localizedDescription)", rule: "strip") }
        case .replace(let pairs, let node):
            do { return try ReplaceRule(pairs) } catch {
                throw fail(node, "cannot build the word list: \(error.localizedDescription)", rule: "replace")
            }
        case .quotes(let style): return QuotesRule(style)
        case .caseMode(let mode): return CaseRule(mode, vocabulary: vocabulary)
        case .regex(let pattern, let template, let node):
            do { return try RegexRule(pattern: pattern, replace: template) } catch {
                throw fail(node, "bad regex '\(pattern)': \(error.localizedDescription)", rule: "regex")
            }
        case .maxLength(let n, let ellipsis): return MaxLengthRule(chars: n, ellipsis: ellipsis)
        }
    }
}
