public import Syndication

/// A house style: rules applied in order to every headline, plus extra rules per source.
public struct HouseStyle: Sendable {
    public var rules: [any HeadlineRule]
    /// Rules for one source id, run after the global ones.
    public var sourceRules: [String: [any HeadlineRule]]

    /// Names the rules that decide every headline (the global rules and the words case rules
    /// keep), so a store can tell which headlines an edited style would change. Empty for a style
    /// made in code.
    public var fingerprint = ""
    /// The same for each source's own rules (the global ones included).
    public var sourceFingerprints: [String: String] = [:]

    public init(rules: [any HeadlineRule], sourceRules: [String: [any HeadlineRule]] = [:]) {
        self.rules = rules
        self.sourceRules = sourceRules
    }

    /// The fingerprint of the rules a source's headlines go through.
    public func fingerprint(source: String?) -> String {
        source.flatMap { sourceFingerprints[$0] } ?? fingerprint
    }

    /// FNV-1a (64 bits) of the text, in hex: stable across runs and machines.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in text.utf8 {
            hash ^= UInt64(b)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// What one rule did to one headline.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        public var rule: String
        public var before: String
        public var after: String
        /// The rule would have left nothing, so its result was thrown away.
        public var undone: Bool

        public var description: String {
            undone ? "\(rule): would empty the headline; undone" : "\(rule): \(before) → \(after)"
        }
    }

    public struct Result: Sendable, Hashable {
        public var headline: String
        /// The rules that changed something (or were undone), in order.
        public var changes: [Change]
        /// Where the text the rules started from came from: the agency's title, or (when it gave
        /// none) the report's summary or content.
        public var origin: Headline.Origin = .agency
        public var changed: Bool { changes.contains { !$0.undone } }
        /// The trace's first line for a derived headline.
        public var derivation: String? {
            origin == .agency ? nil : "derived: the agency gave no headline; the first sentence of its \(origin.rawValue)"
        }
    }

    /// Empty or only white space (checked on bytes first: the usual answer is "no" at once).
    public static func isBlank(_ s: String) -> Bool {
        if let b = s.utf8.first, b > 0x20 && b < 0x80 { return false }
        return s.allSatisfy(\.isWhitespace)
    }

    /// Restyles one headline; `source` adds that source's rules.
    public func restyle(_ headline: String, source: String? = nil) -> Result {
        var current = headline
        var changes: [Change] = []
        changes.reserveCapacity(rules.count)
        func run(_ list: [any HeadlineRule]) {
            for rule in list {
                let next = rule.apply(current)
                if next == current { continue }
                if HouseStyle.isBlank(next) {
                    changes.append(Change(rule: rule.name, before: current, after: next, undone: true))
                    continue
                }
                changes.append(Change(rule: rule.name, before: current, after: next, undone: false))
                current = next
            }
        }
        run(rules)
        if let source, let extra = sourceRules[source] { run(extra) }
        return Result(headline: current, changes: changes)
    }

    /// Restyles an agency entry's headline: the text a reader of its feed sees (``Headline``),
    /// derived from the report when the agency gave none.
    public func restyle(entry: Entry, in dialect: Dialect, source: String? = nil) -> Result {
        let (text, origin) = Headline.of(entry, in: dialect)
        var result = restyle(text, source: source)
        result.origin = origin
        return result
    }
}

extension HouseStyle {
    /// Restyles many headlines, spread over the machine's cores; results are in input order and
    /// identical to restyling each in turn (every rule is an immutable value).
    public func restyle(batch headlines: [String], source: String? = nil) -> [Result] {
        Parallel.map(headlines, minimumPerWorker: 1000) { restyle($0, source: source) }
    }
}
