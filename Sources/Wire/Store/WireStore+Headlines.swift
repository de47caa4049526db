import Foundation
import GRDB
public import HouseStyle
import Syndication

/// An editor's headline for one report: it stands over every house-style rule, every later style
/// change and every re-poll, until an editor clears it.
public struct EditorHeadline: Sendable, Hashable {
    public var headline: String
    /// Who set it (`--editor NAME`, `$USER`, or the desk's signed-in editor).
    public var editor: String
    /// Seconds since 1970.
    public var at: Double
    /// The headline the wire showed before.
    public var previous: String
    /// When the agency changed the report after the editor set this headline (`nil`: it has not).
    public var agencyUpdatedAt: Double?
}

/// One step in a report's headline history: an editor set a headline, or cleared one.
public struct HeadlineEvent: Sendable, Hashable {
    public enum Action: String, Sendable { case set, clear }
    public var action: Action
    /// The editor's headline (for `clear`: the wire's headline after it, the house style's).
    public var headline: String
    public var previous: String
    public var editor: String
    public var at: Double
}

extension WireStore {
    /// The stored report `reference` names: its `atom:id` in the wire, else `SOURCE:KEY`.
    public func entry(named reference: String) throws(StoreError) -> StoredEntry? {
        try read { db in
            if let row = try Row.fetchOne(
                db, sql: "\(Self.selectEntries) WHERE entry.atomID = ? ORDER BY entry.seq LIMIT 1",
                arguments: [reference])
            {
                return try Self.entry(row)
            }
            guard let colon = reference.firstIndex(of: ":") else { return nil }
            let sourceID = String(reference[..<colon]), key = String(reference[reference.index(after: colon)...])
            return try Row.fetchOne(
                db, sql: "\(Self.selectEntries) WHERE entry.sourceID = ? AND entry.key = ?",
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
                    db, sql: "\(Self.selectEntries) WHERE entry.sourceID = ? AND entry.key = ?",
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
                    db, sql: "\(Self.selectEntries) WHERE entry.sourceID = ? AND entry.key = ?",
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
            try Row.fetchAll(db, sql: "\(Self.selectEntries) WHERE override.headline IS NOT NULL ORDER BY override.at DESC, entry.seq DESC")
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

    /// Entries with their editor's headline, if any: every read of reports starts here.
    static let selectEntries = """
        SELECT entry.*, override.headline AS editorHeadline, override.editor AS editorName, override.at AS editorAt,
            override.previous AS editorPrevious, override.agencyUpdatedAt AS agencyUpdatedAt
        FROM entry LEFT JOIN override ON override.sourceID = entry.sourceID AND override.key = entry.key
        """

    static func editorHeadline(_ row: Row) -> EditorHeadline? {
        guard let headline: String = row["editorHeadline"] else { return nil }
        return EditorHeadline(
            headline: headline, editor: row["editorName"], at: row["editorAt"],
            previous: row["editorPrevious"], agencyUpdatedAt: row["agencyUpdatedAt"])
    }
}

/// Why a stored report's headline reads as it does in the wire: the agency's headline (or the
/// sentence ours was derived from), each house-style rule that changed it, and the editor's
/// headline over them.
public struct HeadlineExplanation: Sendable {
    public var entry: StoredEntry
    /// What the house style started from: the agency's headline, or the report's first sentence.
    public var input: String
    public var derived: Bool
    /// What the style in force writes, with each rule's step.
    public var style: HouseStyle.Result
    /// The stored house-style headline was written by another style (the next run, poll or
    /// generate re-headlines it to `style.headline`).
    public var stale: Bool

    public init(entry: StoredEntry, style houseStyle: HouseStyle, source: String?) {
        self.entry = entry
        derived = entry.headlineIsDerived
        input = derived ? (entry.derivedHeadline ?? "") : entry.originalTitle
        style = houseStyle.restyle(input, source: source)
        stale = entry.styleFingerprint != houseStyle.fingerprint(source: source)
    }

    /// The explanation as lines for a terminal (times in UTC).
    public var lines: [String] {
        var out: [String] = []
        out.append(derived ? "agency:  (no headline) — ours is derived from the first sentence: \(input)" : "agency:  \(input)")
        if style.changes.isEmpty {
            out.append("style:   no rule changed it")
        } else {
            out.append(contentsOf: style.changes.map { "style:   \($0)" })
        }
        out.append("house:   \(entry.title)")
        if stale && style.headline != entry.title {
            out.append("         written under an earlier style; the next run re-headlines it: \(style.headline)")
        }
        if let editor = entry.editorHeadline {
            out.append("editor:  \(editor.headline)")
            out.append("         set by \(editor.editor) at \(RFC3339.format(editor.at)) over \"\(editor.previous)\"")
            if let updated = editor.agencyUpdatedAt {
                out.append("         agency updated the report since, at \(RFC3339.format(updated))")
            }
        }
        out.append("wire:    \(entry.wireHeadline)\(entry.editorHeadline == nil ? " (house style)" : " (editor)")")
        return out
    }
}

/// What made a report's headline read as it does, for the desk's filters.
public enum HeadlineKind: String, Sendable, CaseIterable {
    /// The house style changed the agency's headline.
    case style
    /// An editor's headline stands.
    case editor
    /// The wire shows the agency's headline as it came.
    case unchanged
    /// The agency gave none; ours comes from the report's first sentence.
    case derived
}

extension WireStore {
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
        switch kind {
        case .editor?: conditions.append("override.headline IS NOT NULL")
        case .derived?: conditions.append("override.headline IS NULL AND trim(entry.originalTitle) = ''")
        case .style?: conditions.append("override.headline IS NULL AND trim(entry.originalTitle) <> '' AND entry.title <> entry.originalTitle")
        case .unchanged?: conditions.append("override.headline IS NULL AND entry.title = entry.originalTitle")
        case nil: break
        }
        if let search, !search.isEmpty {
            let escaped = search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            conditions.append(
                "(entry.title LIKE ? ESCAPE '\\' OR entry.originalTitle LIKE ? ESCAPE '\\' OR override.headline LIKE ? ESCAPE '\\')")
            arguments += Array(repeating: "%" + escaped + "%", count: 3)
        }
        arguments.append(limit)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "\(Self.selectEntries) \(filter) ORDER BY entry.sortTime DESC, entry.seq DESC LIMIT ?"
        let statementArguments = StatementArguments(arguments)
        return try read { db in try Row.fetchAll(db, sql: sql, arguments: statementArguments).map(Self.entry) }
    }
}
