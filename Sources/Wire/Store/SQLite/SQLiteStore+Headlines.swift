import Foundation
import GRDB
import HouseStyle

extension SQLiteStore {
    /// The stored report `reference` names: its `atom:id` in the wire, else `SOURCE:KEY`.
    public func entry(named reference: String) throws(StoreError) -> StoredEntry? {
        try read { db in
            if let row = try Row.fetchOne(
                db, sql: "\(StoreRules.selectEntries) WHERE entry.atomID = ? ORDER BY entry.seq LIMIT 1",
                arguments: [reference])
            {
                return try Self.entry(row)
            }
            guard let colon = reference.firstIndex(of: ":") else { return nil }
            let sourceID = String(reference[..<colon]), key = String(reference[reference.index(after: colon)...])
            return try Row.fetchOne(
                db, sql: "\(StoreRules.selectEntries) WHERE entry.sourceID = ? AND entry.key = ?",
                arguments: [sourceID, key]
            ).map(Self.entry)
        }
    }

    /// Sets an editor's headline for a stored report and records it in the report's history.
    /// Returns `nil` when the store holds no such report.
    @discardableResult
    public func setHeadline(
        _ headline: String, sourceID: String, key: String, editor: String,
        now: Double
    ) throws(StoreError) -> EditorHeadline? {
        try write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "\(StoreRules.selectEntries) WHERE entry.sourceID = ? AND entry.key = ?",
                    arguments: [sourceID, key])
            else { return nil }
            let entry = try Self.entry(row)
            let set = EditorHeadline(headline: headline, editor: editor, at: now, previous: entry.wireHeadline)
            try db.execute(
                sql: """
                    INSERT INTO override (sourceID, key, headline, editor, at, previous, agencyUpdatedAt)
                    VALUES (?, ?, ?, ?, ?, ?, NULL)
                    ON CONFLICT (sourceID, key) DO UPDATE SET headline = excluded.headline, editor = excluded.editor,
                        at = excluded.at, previous = excluded.previous, agencyUpdatedAt = NULL
                    """, arguments: [sourceID, key, headline, editor, now, set.previous])
            try Self.record(
                .set, headline: headline, previous: set.previous, sourceID: sourceID, key: key,
                editor: editor, at: now, db)
            return set
        }
    }

    /// Clears a report's editor headline: the wire shows its house-style headline again. Returns
    /// the headline cleared, `nil` when there was none (nothing is recorded then).
    @discardableResult
    public func clearHeadline(
        sourceID: String, key: String, editor: String,
        now: Double
    ) throws(StoreError) -> EditorHeadline? {
        try write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "\(StoreRules.selectEntries) WHERE entry.sourceID = ? AND entry.key = ?",
                    arguments: [sourceID, key]),
                let cleared = try Self.entry(row).editorHeadline
            else { return nil }
            try db.execute(sql: "DELETE FROM override WHERE sourceID = ? AND key = ?", arguments: [sourceID, key])
            try Self.record(
                .clear, headline: row["title"], previous: cleared.headline, sourceID: sourceID, key: key,
                editor: editor, at: now, db)
            return cleared
        }
    }

    /// Every report under an editor's headline, the latest override first.
    public func entriesWithEditorHeadlines() throws(StoreError) -> [StoredEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "\(StoreRules.selectEntries) WHERE override.headline IS NOT NULL ORDER BY override.at DESC, entry.seq DESC")
                .map(Self.entry)
        }
    }

    /// A report's headline history, oldest first.
    public func headlineHistory(sourceID: String, key: String) throws(StoreError) -> [HeadlineEvent] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT action, headline, previous, editor, at FROM headline_history
                    WHERE sourceID = ? AND key = ? ORDER BY id
                    """, arguments: [sourceID, key]
            ).map { row in
                HeadlineEvent(
                    action: HeadlineEvent.Action(rawValue: row["action"]) ?? .set, headline: row["headline"],
                    previous: row["previous"], editor: row["editor"], at: row["at"])
            }
        }
    }

    static func record(
        _ action: HeadlineEvent.Action, headline: String, previous: String, sourceID: String, key: String,
        editor: String, at: Double, _ db: Database
    ) throws {
        try db.execute(
            sql: """
                INSERT INTO headline_history (sourceID, key, action, headline, previous, editor, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [sourceID, key, action.rawValue, headline, previous, editor, at])
    }

    static func editorHeadline(_ row: Row) -> EditorHeadline? {
        guard let headline: String = row["editorHeadline"] else { return nil }
        return EditorHeadline(
            headline: headline, editor: row["editorName"], at: row["editorAt"],
            previous: row["editorPrevious"], agencyUpdatedAt: row["agencyUpdatedAt"])
    }
}

extension SQLiteStore {
    /// The newest reports first, at most `limit`, narrowed to one agency, one kind of headline and
    /// a search of the headlines (ours, the agency's, the editor's; case-insensitive for ASCII).
    public func latest(
        limit: Int, sourceID: String? = nil, kind: HeadlineKind? = nil, search: String? = nil
    ) throws(StoreError)
        -> [StoredEntry]
    {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let sourceID {
            conditions.append("entry.sourceID = ?")
            arguments.append(sourceID)
        }
        if let kind { conditions.append(StoreRules.condition(kind)) }
        if let search, !search.isEmpty {
            conditions.append(
                "(entry.title LIKE ? ESCAPE '\\' OR entry.originalTitle LIKE ? ESCAPE '\\' OR override.headline LIKE ? ESCAPE '\\')")
            arguments += Array(repeating: StoreRules.containsPattern(search), count: 3)
        }
        arguments.append(limit)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "\(StoreRules.selectEntries) \(filter) ORDER BY entry.sortTime DESC, entry.seq DESC LIMIT ?"
        let statementArguments = StatementArguments(arguments)
        return try read { db in try Row.fetchAll(db, sql: sql, arguments: statementArguments).map(Self.entry) }
    }
}
