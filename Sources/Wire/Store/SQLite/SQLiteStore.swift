import Foundation
import GRDB
import Syndication

extension StoreError {
    /// A database failure, its kind read from SQLite's result code.
    init(path: String, wrapping error: any Error) {
        guard let db = error as? DatabaseError else {
            self.init(.failed, path: path, message: String(describing: error), underlying: error)
            return
        }
        var code: Code
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: code = .busy
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: code = .corrupt
        case .SQLITE_FULL: code = .full
        case .SQLITE_READONLY, .SQLITE_PERM: code = .readOnly
        case .SQLITE_CANTOPEN: code = .cannotOpen
        default: code = .failed
        }
        var message = db.message ?? db.description
        // SQLite reports a full disk as an I/O error when it cannot grow its shared-memory or
        // journal file: say so when the disk has (next to) nothing left.
        if code == .full || db.resultCode == .SQLITE_IOERR, let free = Self.freeBytes(near: path), free < 1 << 20 {
            code = .full
            message += " (the disk is full: \(free) bytes free)"
        }
        self.init(code, path: path, message: message, underlying: db)
    }

    /// Bytes free on the file system that holds `path` (or its folder), for messages.
    static func freeBytes(near path: String) -> Int? {
        var stats = statvfs()
        let folder = (path as NSString).deletingLastPathComponent
        guard statvfs(folder.isEmpty ? "." : folder, &stats) == 0 else { return nil }
        return Int(stats.f_bavail) * Int(stats.f_frsize)
    }
}

/// The wire's SQLite store (GRDB, WAL mode): sources with their HTTP state, entries, tombstones.
///
/// Safe to share between tasks, and between processes: every write is an `IMMEDIATE` transaction,
/// entries are unique per (source, key), and schema migrations run under the write lock.
public final class SQLiteStore: WireStore {
    public let path: String
    public var location: String { path }
    public var isShared: Bool { false }
    public let foundSchemaVersion: Int
    public var schemaVersions: (found: Int, current: Int) { (foundSchemaVersion, Self.schemaVersion) }
    let pool: DatabasePool

    /// The schema, one step per version; `PRAGMA user_version` records how many have run.
    static let migrations: [(String, @Sendable (Database) throws -> Void)] = [
        (
            "v1: sources, entries, tombstones, hosts",
            { db in
                try db.execute(
                    sql: """
                        CREATE TABLE source (
                            id TEXT PRIMARY KEY NOT NULL,
                            configuredURL TEXT NOT NULL,
                            fetchURL TEXT NOT NULL,
                            etag TEXT, lastModified TEXT,
                            lastCheck REAL, lastSuccess REAL, lastStatus INTEGER,
                            nextCheck REAL, holdUntil REAL,
                            errorCount INTEGER NOT NULL DEFAULT 0, lastError TEXT,
                            disabled TEXT, bodyHash TEXT, feed TEXT, leaseUntil REAL
                        );
                        CREATE TABLE entry (
                            seq INTEGER PRIMARY KEY AUTOINCREMENT,
                            sourceID TEXT NOT NULL,
                            key TEXT NOT NULL,
                            atomID TEXT NOT NULL,
                            originalTitle TEXT NOT NULL,
                            title TEXT NOT NULL,
                            link TEXT,
                            summary TEXT, content TEXT,
                            meta BLOB NOT NULL,
                            firstSeen REAL NOT NULL, lastSeen REAL NOT NULL,
                            sortTime REAL NOT NULL,
                            contentHash TEXT NOT NULL,
                            UNIQUE (sourceID, key)
                        );
                        CREATE INDEX entry_by_time ON entry (sortTime DESC, seq DESC);
                        CREATE TABLE tombstone (
                            sourceID TEXT NOT NULL, key TEXT NOT NULL, deletedAt REAL NOT NULL,
                            PRIMARY KEY (sourceID, key)
                        ) WITHOUT ROWID;
                        CREATE TABLE host (
                            host TEXT PRIMARY KEY NOT NULL, holdUntil REAL NOT NULL
                        ) WITHOUT ROWID;
                        """)
            }
        ),
        (
            "v2: the fingerprint of the house style that wrote each headline",
            { db in
                try db.execute(sql: "ALTER TABLE entry ADD COLUMN style TEXT NOT NULL DEFAULT ''")
            }
        ),
        (
            "v3: editors' headlines and their history; reports found by their atom:id",
            { db in
                try db.execute(
                    sql: """
                        CREATE TABLE override (
                            sourceID TEXT NOT NULL, key TEXT NOT NULL,
                            headline TEXT NOT NULL, editor TEXT NOT NULL, at REAL NOT NULL, previous TEXT NOT NULL,
                            agencyUpdatedAt REAL,
                            PRIMARY KEY (sourceID, key)
                        ) WITHOUT ROWID;
                        CREATE TABLE headline_history (
                            id INTEGER PRIMARY KEY AUTOINCREMENT,
                            sourceID TEXT NOT NULL, key TEXT NOT NULL, action TEXT NOT NULL,
                            headline TEXT NOT NULL, previous TEXT NOT NULL, editor TEXT NOT NULL, at REAL NOT NULL
                        );
                        CREATE INDEX headline_history_by_entry ON headline_history (sourceID, key);
                        CREATE INDEX entry_by_atom_id ON entry (atomID);
                        """)
            }
        ),
        (
            "v4: who holds a source's lease (host and process), so a killed poller's lease is taken over",
            { db in try db.execute(sql: "ALTER TABLE source ADD COLUMN leaseOwner TEXT") }
        ),
    ]

    public static var schemaVersion: Int { migrations.count }

    public init(path: String) throws(StoreError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            // WAL with NORMAL sync: consistent after a crash, fsync only at checkpoints; checkpoints every
            // 32 MiB rather than 4 MiB, since each costs two fsyncs and a first poll writes a lot.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            foundSchemaVersion = try pool.writeWithoutTransaction { db in
                var found = 0
                try db.inTransaction(.immediate) {
                    let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                    found = version
                    if version > Self.migrations.count {
                        throw StoreError(
                            .newerSchema, path: path,
                            message: "the store has schema version \(version), newer than this MediaWire knows (\(Self.migrations.count))")
                    }
                    for (_, migrate) in Self.migrations.dropFirst(version) { try migrate(db) }
                    try db.execute(sql: "PRAGMA user_version = \(Self.migrations.count)")
                    return .commit
                }
                return found
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, wrapping: error)
        }
    }

    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, wrapping: error)
        }
    }

    /// A write that suspends instead of blocking a thread while it waits for the writer.
    func writeAsync<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await pool.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(path: path, wrapping: error)
        }
    }

    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError(path: path, wrapping: error)
        }
    }

    /// A read whose body may throw its own errors (passed on as they are); the database's are
    /// ``StoreError``s.
    func reading(_ body: (Database) throws -> Void) throws {
        do {
            try pool.read(body)
        } catch let error as DatabaseError {
            throw StoreError(path: path, wrapping: error)
        }
    }

    /// Whether the store answers now: a fresh read-only connection to the file (not the pool's,
    /// which may hold pages of a file since replaced or damaged) reads the schema and an entry.
    public func check() throws(StoreError) {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(5)
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
                _ = try Row.fetchOne(db, sql: "SELECT seq FROM entry LIMIT 1")
            }
            try queue.close()
        } catch {
            throw StoreError(path: path, wrapping: error)
        }
    }

    /// How many changes the connection that writes has made since it opened (for tests and `--json`).
    public func totalChanges() throws(StoreError) -> Int {
        try write { db in db.totalChangesCount }
    }

    // MARK: Sources

    public func sourceStates() throws(StoreError) -> [String: SourceState] {
        try read { db in
            var out: [String: SourceState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM source") {
                let state = try Self.sourceState(row)
                out[state.id] = state
            }
            return out
        }
    }

    public func sourceState(_ id: String) throws(StoreError) -> SourceState? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM source WHERE id = ?", arguments: [id]).map(Self.sourceState)
        }
    }

    static func sourceState(_ row: Row) throws -> SourceState {
        var s = SourceState(id: row["id"], url: row["configuredURL"])
        s.fetchURL = row["fetchURL"]
        s.etag = row["etag"]
        s.lastModified = row["lastModified"]
        s.lastCheck = row["lastCheck"]
        s.lastSuccess = row["lastSuccess"]
        s.lastStatus = row["lastStatus"]
        s.nextCheck = row["nextCheck"]
        s.holdUntil = row["holdUntil"]
        s.errorCount = row["errorCount"]
        s.lastError = row["lastError"]
        s.disabled = row["disabled"]
        s.bodyHash = row["bodyHash"]
        s.leaseUntil = row["leaseUntil"]
        s.feed = try StoreRules.feed(fromJSON: row["feed"])
        return s
    }

    /// Takes a source for this process until `until`, unless another process holds it or has just
    /// polled it. A source seen for the first time is created; one whose configured URL changed
    /// starts afresh.
    public func claim(
        _ id: String, url: String, now: Double, until: Double, force: Bool = false,
        known: SourceState? = nil
    ) throws(StoreError) -> Claim {
        try write(Self.claiming(id, url: url, now: now, until: until, force: force, known: known))
    }

    public func claimAsync(
        _ id: String, url: String, now: Double, until: Double, force: Bool = false,
        known: SourceState? = nil
    ) async throws(StoreError) -> Claim {
        try await writeAsync(Self.claiming(id, url: url, now: now, until: until, force: force, known: known))
    }

    static func claiming(
        _ id: String, url: String, now: Double, until: Double, force: Bool,
        known: SourceState?
    ) -> @Sendable (Database) throws -> Claim {
        { db in
            // The usual case, one statement: the state read at the start of the run is current
            // unless another process changed it, and then this UPDATE changes nothing.
            if var known, known.configuredURL == url {
                try db.execute(
                    sql: """
                        UPDATE source SET leaseUntil = ?, leaseOwner = ? WHERE id = ? AND configuredURL = ?
                            AND (leaseUntil IS NULL OR leaseUntil <= ?) AND (? OR nextCheck IS NULL OR nextCheck <= ?)
                            AND (nextCheck IS ? OR ?)
                        """, arguments: [until, LeaseOwner.current, id, url, now, force, now, known.nextCheck, force])
                if db.changesCount == 1 {
                    known.leaseUntil = until
                    return .claimed(known)
                }
            }
            let row = try Row.fetchOne(db, sql: "SELECT * FROM source WHERE id = ?", arguments: [id])
            let stored = try row.map(Self.sourceState)
            switch StoreRules.claim(
                stored: stored, owner: row?["leaseOwner"], id: id, url: url, now: now, until: until, force: force)
            {
            case .busy: return .busy
            case .notDue(let state): return .notDue(state)
            case .take(let state):
                try Self.save(state, db)
                try db.execute(sql: "UPDATE source SET leaseOwner = ? WHERE id = ?", arguments: [LeaseOwner.current, id])
                return .claimed(state)
            }
        }
    }

    /// Writes a source's state (and releases its lease). `feedChanged: false` leaves the agency
    /// feed's metadata as stored (it is the bulk of the row).
    public func save(_ state: SourceState, feedChanged: Bool = true) throws(StoreError) {
        try write(Self.saving(state, feedChanged: feedChanged))
    }

    public func saveAsync(_ state: SourceState, feedChanged: Bool = true) async throws(StoreError) {
        try await writeAsync(Self.saving(state, feedChanged: feedChanged))
    }

    static func saving(_ state: SourceState, feedChanged: Bool) -> @Sendable (Database) throws -> Void {
        { db in
            if feedChanged {
                try Self.save(state, db)
                return
            }
            let s = state
            try db.cachedStatement(
                sql: """
                    UPDATE source SET configuredURL = ?, fetchURL = ?, etag = ?, lastModified = ?, lastCheck = ?, lastSuccess = ?,
                        lastStatus = ?, nextCheck = ?, holdUntil = ?, errorCount = ?, lastError = ?, disabled = ?, bodyHash = ?,
                        leaseUntil = ? WHERE id = ?
                    """
            ).execute(arguments: [
                s.configuredURL, s.fetchURL, s.etag, s.lastModified, s.lastCheck, s.lastSuccess,
                s.lastStatus, s.nextCheck, s.holdUntil, s.errorCount, s.lastError, s.disabled,
                s.bodyHash, s.leaseUntil, s.id,
            ])
            if db.changesCount == 0 { try Self.save(state, db) }
        }
    }

    static func save(_ s: SourceState, _ db: Database) throws {
        let feed = try StoreRules.feedJSON(s.feed)
        try db.execute(
            sql: """
                INSERT INTO source (id, configuredURL, fetchURL, etag, lastModified, lastCheck, lastSuccess, lastStatus,
                    nextCheck, holdUntil, errorCount, lastError, disabled, bodyHash, feed, leaseUntil)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET configuredURL = excluded.configuredURL, fetchURL = excluded.fetchURL,
                    etag = excluded.etag, lastModified = excluded.lastModified, lastCheck = excluded.lastCheck,
                    lastSuccess = excluded.lastSuccess, lastStatus = excluded.lastStatus, nextCheck = excluded.nextCheck,
                    holdUntil = excluded.holdUntil, errorCount = excluded.errorCount, lastError = excluded.lastError,
                    disabled = excluded.disabled, bodyHash = excluded.bodyHash, feed = excluded.feed,
                    leaseUntil = excluded.leaseUntil
                """,
            arguments: [
                s.id, s.configuredURL, s.fetchURL, s.etag, s.lastModified, s.lastCheck, s.lastSuccess,
                s.lastStatus, s.nextCheck, s.holdUntil, s.errorCount, s.lastError, s.disabled,
                s.bodyHash, feed, s.leaseUntil,
            ])
    }

    /// Hosts a server asked us to leave alone, with the time until which.
    public func hostHolds(now: Double) throws(StoreError) -> [String: Double] {
        try read { db in
            var out: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT host, holdUntil FROM host WHERE holdUntil > ?", arguments: [now]) {
                out[row["host"]] = row["holdUntil"]
            }
            return out
        }
    }

    public func holdHost(_ host: String, until: Double) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO host (host, holdUntil) VALUES (?, ?)
                    ON CONFLICT (host) DO UPDATE SET holdUntil = max(holdUntil, excluded.holdUntil)
                    """, arguments: [host, until])
        }
    }

    // MARK: Entries

    /// Stores one poll's entries for a source in one transaction: new ones are inserted, changed
    /// ones updated (`published`, first-seen time and id kept), unchanged ones left alone, deleted
    /// ones (tombstones) skipped. The source's state is written in the same transaction.
    public func apply(_ entries: [StoredEntry], state: SourceState?, now: Double) throws(StoreError) -> ApplyCounts {
        try write(Self.applying(entries, state: state, now: now))
    }

    /// ``apply(_:state:now:)`` without blocking a thread while another write runs.
    public func applyAsync(_ entries: [StoredEntry], state: SourceState?, now: Double) async throws(StoreError) -> ApplyCounts {
        try await writeAsync(Self.applying(entries, state: state, now: now))
    }

    static func applying(_ entries: [StoredEntry], state: SourceState?, now: Double) -> @Sendable (Database) throws -> ApplyCounts {
        // Encoded before taking the write lock, which other pollers wait for.
        let prepared = entries.map { StatementArguments(Self.arguments($0)) }
        return { db in
            var counts = ApplyCounts()
            let find = try db.cachedStatement(
                sql: "SELECT seq, contentHash, meta, atomID, firstSeen, lastSeen FROM entry WHERE sourceID = ? AND key = ?")
            // Tombstones are few: one query per source rather than one per entry.
            var tombstones: [String: Set<String>] = [:]
            for sourceID in Set(entries.map(\.sourceID)) {
                tombstones[sourceID] = Set(try String.fetchAll(db, sql: "SELECT key FROM tombstone WHERE sourceID = ?", arguments: [sourceID]))
            }
            var seen = Set<String>()
            for (index, entry) in entries.enumerated() {
                // A feed that repeats an entry keeps the first.
                guard seen.insert(entry.key).inserted else { continue }
                if tombstones[entry.sourceID]?.contains(entry.key) == true {
                    counts.tombstoned += 1
                    continue
                }
                // New entries (the common case on a changed feed) cost one statement.
                try Self.insert(prepared[index], db)
                if db.changesCount == 1 {
                    counts.inserted += 1
                    continue
                }
                guard let row = try Row.fetchOne(find, arguments: [entry.sourceID, entry.key]) else { continue }
                let seq: Int64 = row["seq"]
                if (row["contentHash"] as String) == entry.contentHash {
                    counts.unchanged += 1
                    // Last-seen is refreshed at most once a day, so re-reading a feed stays cheap.
                    if now - (row["lastSeen"] as Double) > StoreRules.lastSeenRefresh {
                        try db.execute(sql: "UPDATE entry SET lastSeen = ? WHERE seq = ?", arguments: [now, seq])
                    }
                    continue
                }
                let changed = StoreRules.changed(
                    entry, atomID: row["atomID"], firstSeen: row["firstSeen"], old: try Self.decodeMeta(row), now: now)
                try Self.update(changed, seq: seq, db)
                // An editor's headline stays; the desk learns that the agency changed the report since.
                try db.cachedStatement(sql: "UPDATE override SET agencyUpdatedAt = ? WHERE sourceID = ? AND key = ?")
                    .execute(arguments: [now, entry.sourceID, entry.key])
                counts.updated += 1
            }
            if let state { try Self.save(state, db) }
            return counts
        }
    }

    /// Deletes an entry and leaves a tombstone, so a later poll does not import it again.
    @discardableResult
    public func delete(sourceID: String, key: String, now: Double) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM entry WHERE sourceID = ? AND key = ?", arguments: [sourceID, key])
            let deleted = db.changesCount > 0
            try db.execute(sql: "DELETE FROM override WHERE sourceID = ? AND key = ?", arguments: [sourceID, key])
            try db.execute(
                sql: "INSERT OR IGNORE INTO tombstone (sourceID, key, deletedAt) VALUES (?, ?, ?)",
                arguments: [sourceID, key, now])
            return deleted
        }
    }

    public func entryCount(sourceID: String? = nil) throws(StoreError) -> Int {
        try read { db in
            if let sourceID {
                return try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE sourceID = ?", arguments: [sourceID]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? 0
        }
    }

    /// Calls `body` with the newest entries first, at most `limit` (after skipping `offset`),
    /// reading them one at a time: memory does not grow with the store.
    public func forEachLatest(limit: Int, offset: Int = 0, _ body: (StoredEntry) throws -> Void) throws {
        try reading { db in
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    \(StoreRules.selectEntries) ORDER BY entry.sortTime DESC, entry.seq DESC LIMIT ? OFFSET ?
                    """, arguments: [limit, offset])
            while let row = try cursor.next() { try body(try Self.entry(row)) }
        }
    }

    /// Entries whose storage sequence number is in `from...through`, oldest first: the stable
    /// content of an archive page.
    public func forEachInSequenceRange(from: Int, through: Int, _ body: (StoredEntry) throws -> Void) throws {
        try reading { db in
            let cursor = try Row.fetchCursor(
                db, sql: "\(StoreRules.selectEntries) WHERE entry.seq BETWEEN ? AND ? ORDER BY entry.seq",
                arguments: [from, through])
            while let row = try cursor.next() { try body(try Self.entry(row)) }
        }
    }

    /// The highest sequence number ever given to an entry (deleted ones included).
    public func maxSequence() throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'entry'") ?? 0
        }
    }

    /// The report with this sequence number (``StoredEntry/sequence``).
    public func entry(sequence: Int64) throws(StoreError) -> StoredEntry? {
        try read { db in
            try Row.fetchOne(db, sql: "\(StoreRules.selectEntries) WHERE entry.seq = ?", arguments: [sequence]).map(Self.entry)
        }
    }

    public func entry(sourceID: String, key: String) throws(StoreError) -> StoredEntry? {
        try read { db in
            try Row.fetchOne(
                db, sql: "\(StoreRules.selectEntries) WHERE entry.sourceID = ? AND entry.key = ?",
                arguments: [sourceID, key]
            ).map(Self.entry)
        }
    }

    public func entries(sourceID: String) throws(StoreError) -> [StoredEntry] {
        try read { db in
            try Row.fetchAll(
                db, sql: "\(StoreRules.selectEntries) WHERE entry.sourceID = ? ORDER BY entry.seq",
                arguments: [sourceID]
            ).map(Self.entry)
        }
    }

    // MARK: Row mapping

    static func arguments(_ e: StoredEntry) -> [(any DatabaseValueConvertible)?] {
        [
            e.sourceID, e.key, e.atomID, e.originalTitle, e.title, e.link, e.summary?.value, e.content?.value,
            Data(StoreRules.meta(e).encoded()), e.firstSeen, e.lastSeen, e.sortTime, e.contentHash, e.styleFingerprint,
        ]
    }

    static func insert(_ arguments: StatementArguments, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO entry (sourceID, key, atomID, originalTitle, title, link, summary, content, meta,
                    firstSeen, lastSeen, sortTime, contentHash, style) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sourceID, key) DO NOTHING
                """)
        try statement.execute(arguments: arguments)
    }

    static func update(_ e: StoredEntry, seq: Int64, _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE entry SET sourceID = ?, key = ?, atomID = ?, originalTitle = ?, title = ?, link = ?, summary = ?,
                    content = ?, meta = ?, firstSeen = ?, lastSeen = ?, sortTime = ?, contentHash = ?, style = ? WHERE seq = ?
                """)
        try statement.execute(arguments: StatementArguments(arguments(e) + [seq]))
    }

    static func decodeMeta(_ row: Row) throws -> EntryMeta {
        let data: Data = row["meta"]
        return try EntryMeta(decoding: [UInt8](data))
    }

    static func entry(_ row: Row) throws -> StoredEntry {
        StoreRules.entry(
            sourceID: row["sourceID"], key: row["key"], atomID: row["atomID"], originalTitle: row["originalTitle"],
            title: row["title"], link: row["link"], summary: row["summary"], content: row["content"],
            meta: try decodeMeta(row), firstSeen: row["firstSeen"], lastSeen: row["lastSeen"], sortTime: row["sortTime"],
            contentHash: row["contentHash"], style: row["style"], sequence: row["seq"], editor: editorHeadline(row))
    }
}
