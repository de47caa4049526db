import Syndication

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

import Dispatch
import Foundation

extension HouseStyle {
    /// Restyles many headlines, spread over the machine's cores; results are in input order and
    /// identical to restyling each in turn (every rule is an immutable value).
    public func restyle(batch headlines: [String], source: String? = nil) -> [Result] {
        let count = headlines.count
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, max(1, count / 1000))
        guard workers > 1 else { return headlines.map { restyle($0, source: source) } }
        let output = ResultSlots(count: count)
        let chunk = (count + workers - 1) / workers
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let start = w * chunk
            let end = min(start + chunk, count)
            guard start < end else { return }
            for i in start..<end { output.set(i, restyle(headlines[i], source: source)) }
        }
        return output.take()
    }
}

/// Slots written once each, by index, from several threads: no two threads share an index.
private final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<HouseStyle.Result?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func set(_ i: Int, _ result: HouseStyle.Result) { slots[i] = result }

    func take() -> [HouseStyle.Result] { (0..<count).map { slots[$0]! } }
}
