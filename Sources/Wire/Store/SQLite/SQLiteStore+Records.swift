import Foundation
import GRDB
import HouseStyle

extension SQLiteStore {
    // MARK: Re-headlining

    public func styledHeadlines() throws(StoreError) -> [StyledHeadline] {
        try read { db in
            try Row.fetchAll(db, sql: StoreRules.selectStyledHeadlines).map { row in
                StyledHeadline(
                    sequence: row["seq"], sourceID: row["sourceID"], key: row["key"], atomID: row["atomID"],
                    original: row["originalTitle"], title: row["title"], style: row["style"], edited: row["edited"])
            }
        }
    }

    public func entries(sequences: [Int64]) throws(StoreError) -> [StoredEntry] {
        guard !sequences.isEmpty else { return [] }
        return try read { db in
            try Row.fetchAll(
                db, sql: "\(StoreRules.selectEntries) WHERE entry.seq IN (\(sequences.map { _ in "?" }.joined(separator: ","))) ORDER BY entry.seq",
                arguments: StatementArguments(sequences)
            ).map(Self.entry)
        }
    }

    public func writeHeadlines(_ updates: [(sequence: Int64, title: String, fingerprint: String)]) throws(StoreError) {
        let batch = updates.map { (title: $0.title, fingerprint: $0.fingerprint, sequence: $0.sequence) }
        try write { db in
            let statement = try db.cachedStatement(sql: "UPDATE entry SET title = ?, style = ? WHERE seq = ?")
            for u in batch { try statement.execute(arguments: [u.title, u.fingerprint, u.sequence]) }
        }
    }

    // MARK: Moving a wire

    public func counts() throws(StoreError) -> StoreCounts {
        let sequence = try maxSequence()
        return try read { db in
            try StoreCounts.tally(sequence: sequence) { table in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0 }
        }
    }

    public func forEachOtherRecord(_ body: (StoreRecord) throws -> Void) throws {
        try reading { db in
            for row in try Row.fetchAll(db, sql: "SELECT * FROM tombstone ORDER BY sourceID, key") {
                try body(.tombstone(sourceID: row["sourceID"], key: row["key"], deletedAt: row["deletedAt"]))
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM headline_history ORDER BY id") {
                let event = HeadlineEvent(
                    action: HeadlineEvent.Action(rawValue: row["action"]) ?? .set, headline: row["headline"],
                    previous: row["previous"], editor: row["editor"], at: row["at"])
                try body(.history(sourceID: row["sourceID"], key: row["key"], event: event))
            }
            for row in try Row.fetchAll(db, sql: "SELECT * FROM host ORDER BY host") {
                try body(.host(row["host"], until: row["holdUntil"]))
            }
        }
    }

    public func importRecords(_ records: [StoreRecord]) throws(StoreError) {
        try write { db in
            for record in records {
                switch record {
                case .source(let state):
                    try Self.save(state, db)
                case .entry(let entry):
                    try db.execute(
                        sql: """
                            INSERT INTO entry (seq, sourceID, key, atomID, originalTitle, title, link, summary, content, meta,
                                firstSeen, lastSeen, sortTime, contentHash, style) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                            """, arguments: StatementArguments([entry.sequence] + Self.arguments(entry)))
                    if let editor = entry.editorHeadline {
                        try db.execute(
                            sql: """
                                INSERT INTO override (sourceID, key, headline, editor, at, previous, agencyUpdatedAt)
                                VALUES (?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [
                                entry.sourceID, entry.key, editor.headline, editor.editor, editor.at, editor.previous,
                                editor.agencyUpdatedAt,
                            ])
                    }
                case .tombstone(let sourceID, let key, let deletedAt):
                    try db.execute(
                        sql: "INSERT OR IGNORE INTO tombstone (sourceID, key, deletedAt) VALUES (?, ?, ?)",
                        arguments: [sourceID, key, deletedAt])
                case .history(let sourceID, let key, let event):
                    try Self.record(
                        event.action, headline: event.headline, previous: event.previous, sourceID: sourceID, key: key,
                        editor: event.editor, at: event.at, db)
                case .host(let host, let until):
                    try db.execute(
                        sql: "INSERT INTO host (host, holdUntil) VALUES (?, ?) ON CONFLICT (host) DO UPDATE SET holdUntil = excluded.holdUntil",
                        arguments: [host, until])
                case .sequence(let sequence):
                    // AUTOINCREMENT's counter: new reports continue after the highest ever given.
                    try db.execute(sql: "UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'entry'", arguments: [sequence])
                    if db.changesCount == 0 {
                        try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES ('entry', ?)", arguments: [sequence])
                    }
                }
            }
        }
    }

    public func close() {
        try? pool.close()
    }
}
