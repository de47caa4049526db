import Foundation
import GRDB
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
        struct Row1: Sendable {
            var seq: Int64, sourceID: String, key: String, atomID: String, original: String, title: String, edited: Bool
        }
        // Which fingerprint each source's headlines should carry.
        let expected = styleKeys.mapValues { style.fingerprint(source: $0) }
        let stale: [Row1] = try read { db in
            var out: [Row1] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT entry.seq, entry.sourceID, entry.key, entry.atomID, entry.originalTitle, entry.title, entry.style,
                        override.headline IS NOT NULL AS edited
                    FROM entry LEFT JOIN override ON override.sourceID = entry.sourceID AND override.key = entry.key
                    """)
            while let row = try rows.next() {
                let sourceID: String = row["sourceID"]
                if let only, !only.contains(sourceID) { continue }
                let fingerprint = expected[sourceID] ?? style.fingerprint
                if (row["style"] as String) == fingerprint { continue }
                out.append(
                    Row1(
                        seq: row["seq"], sourceID: sourceID, key: row["key"], atomID: row["atomID"],
                        original: row["originalTitle"], title: row["title"], edited: row["edited"]))
            }
            return out
        }
        var outcome = RestyleOutcome()
        outcome.checked = stale.count
        guard !stale.isEmpty else { return outcome }
        // Reports with no agency headline: ours comes from the report's own words, as when polled.
        let blank = stale.filter { HouseStyle.isBlank($0.original) }.map(\.seq)
        var derivedText: [Int64: String] = [:]
        if !blank.isEmpty {
            derivedText = try read { db in
                var out: [Int64: String] = [:]
                for chunk in stride(from: 0, to: blank.count, by: 500) {
                    let ids = blank[chunk..<min(chunk + 500, blank.count)]
                    let rows = try Row.fetchAll(
                        db, sql: "SELECT * FROM entry WHERE seq IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
                        arguments: StatementArguments(Array(ids)))
                    for row in rows {
                        out[row["seq"]] = try Self.entry(row).derivedHeadline
                    }
                }
                return out
            }
        }
        // Restyled per source (each has its own rules), in parallel batches.
        var updates: [(seq: Int64, title: String, fingerprint: String)] = []
        updates.reserveCapacity(stale.count)
        let bySource = Dictionary(grouping: stale, by: \.sourceID)
        for sourceID in bySource.keys.sorted() {
            let rows = bySource[sourceID]!
            let key = styleKeys[sourceID] ?? nil
            let fingerprint = expected[sourceID] ?? style.fingerprint
            let inputs = rows.map { HouseStyle.isBlank($0.original) ? (derivedText[$0.seq] ?? "") : $0.original }
            let results = style.restyle(batch: inputs, source: key)
            for (index, (row, result)) in zip(rows, results).enumerated() {
                let derived = HouseStyle.isBlank(row.original)
                // A report with no words at all keeps the headline it has.
                let headline = derived && HouseStyle.isBlank(inputs[index]) ? row.title : result.headline
                updates.append((row.seq, headline, fingerprint))
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
            let batch = Array(updates[chunk..<min(chunk + 5_000, updates.count)])
            try write { db in
                let statement = try db.cachedStatement(sql: "UPDATE entry SET title = ?, style = ? WHERE seq = ?")
                for u in batch { try statement.execute(arguments: [u.title, u.fingerprint, u.seq]) }
            }
        }
        outcome.applied = true
        return outcome
    }
}
