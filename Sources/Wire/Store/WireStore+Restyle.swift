import Foundation
public import HouseStyle

/// One stored report whose headline a style change rewrites.
public struct HeadlineChange: Sendable, Hashable {
    public var sourceID: String
    public var key: String
    public var atomID: String
    /// The agency's headline (empty when ours is derived from the report).
    public var original: String
    public var before: String
    public var after: String
    /// What the rules did, in order (and whether the headline was derived).
    public var trace: [String]
}

/// What re-headlining the store found, and did.
public struct RestyleOutcome: Sendable {
    /// Reports written under another style (or another source rule set) than the current one.
    public var checked = 0
    /// Those whose headline in the wire the current style writes differently.
    public var changes: [HeadlineChange] = []
    /// Those whose house-style headline changes under an editor's headline, which stays in the wire.
    public var underEditors: [HeadlineChange] = []
    /// Whether the new headlines (and fingerprints) were written.
    public var applied = false
}

extension WireStore {
    /// Re-headlines every stored report whose headline was written by another style than
    /// `style` gives its source, from the agency's original headline (derived again from the
    /// report when the agency gave none). `styleKeys` maps each source id to the name of its rules
    /// in the style file (`nil`: the global rules only); `only` limits it to some sources. The
    /// original headline is never changed. Unless `dryRun`, writes in one transaction per 5,000
    /// reports.
    public func restyle(
        with style: HouseStyle, styleKeys: [String: String?], only: Set<String>? = nil,
        dryRun: Bool = false
    ) throws(StoreError) -> RestyleOutcome {
        // Which fingerprint each source's headlines should carry.
        let expected = styleKeys.mapValues { style.fingerprint(source: $0) }
        let stale = try styledHeadlines().filter { row in
            if let only, !only.contains(row.sourceID) { return false }
            return row.style != (expected[row.sourceID] ?? style.fingerprint)
        }
        var outcome = RestyleOutcome()
        outcome.checked = stale.count
        guard !stale.isEmpty else { return outcome }
        // Reports with no agency headline: ours comes from the report's own words, as when polled.
        let blank = stale.filter { HouseStyle.isBlank($0.original) }.map(\.sequence)
        var derivedText: [Int64: String] = [:]
        for chunk in stride(from: 0, to: blank.count, by: 500) {
            for entry in try entries(sequences: Array(blank[chunk..<min(chunk + 500, blank.count)])) {
                derivedText[entry.sequence] = entry.derivedHeadline
            }
        }
        // Restyled per source (each has its own rules), in parallel batches.
        var updates: [(sequence: Int64, title: String, fingerprint: String)] = []
        updates.reserveCapacity(stale.count)
        let bySource = Dictionary(grouping: stale, by: \.sourceID)
        for sourceID in bySource.keys.sorted() {
            let rows = bySource[sourceID]!
            let key = styleKeys[sourceID] ?? nil
            let fingerprint = expected[sourceID] ?? style.fingerprint
            let inputs = rows.map { HouseStyle.isBlank($0.original) ? (derivedText[$0.sequence] ?? "") : $0.original }
            let results = style.restyle(batch: inputs, source: key)
            for (index, (row, result)) in zip(rows, results).enumerated() {
                let derived = HouseStyle.isBlank(row.original)
                // A report with no words at all keeps the headline it has.
                let headline = derived && HouseStyle.isBlank(inputs[index]) ? row.title : result.headline
                updates.append((row.sequence, headline, fingerprint))
                if headline != row.title {
                    var trace = result.changes.map(\.description)
                    if derived { trace.insert("derived: the agency gave no headline; the first sentence of the report", at: 0) }
                    let change = HeadlineChange(
                        sourceID: sourceID, key: row.key, atomID: row.atomID, original: row.original,
                        before: row.title, after: headline, trace: trace)
                    if row.edited { outcome.underEditors.append(change) } else { outcome.changes.append(change) }
                }
            }
        }
        guard !dryRun else { return outcome }
        for chunk in stride(from: 0, to: updates.count, by: 5_000) {
            try writeHeadlines(Array(updates[chunk..<min(chunk + 5_000, updates.count)]))
        }
        outcome.applied = true
        return outcome
    }
}
