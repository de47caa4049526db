import Foundation
import HouseStyle
import NIOCore
import PostgresNIO

/// The wire's store on a PostgreSQL server, shared by every poller, service and desk of a wire
/// that runs on several machines (`store: postgres://user@host:port/database`).
///
/// A source is claimed with `SELECT … FOR UPDATE SKIP LOCKED` and a lease (`poll: lease:`), so
/// pollers never fetch one source twice in a period and a killed poller's sources return when its
/// lease ends; a report is stored once (unique per source and key), whoever stores it.
public final class PostgresStore: WireStore {
    public let address: StoreLocation.PostgresAddress
    let connections: PGConnections
    /// The schema version found when the store was opened (before migrating).
    public let foundSchemaVersion: Int

    public var location: String { address.description }
    public var isShared: Bool { true }
    public var schemaVersions: (found: Int, current: Int) { (foundSchemaVersion, Self.schemaVersion) }

    /// Opens the database (its password from the environment or the password file) and brings
    /// its schema to this MediaWire's version, one migration at a time under a lock, so several
    /// processes starting at once migrate it once.
    public convenience init(address: StoreLocation.PostgresAddress) throws(StoreError) {
        try self.init(address: address, password: StoreLocation.password(for: address))
    }

    public init(address: StoreLocation.PostgresAddress, password: String?) throws(StoreError) {
        self.address = address
        connections = try PGConnections(address: address, password: password)
        foundSchemaVersion = try connections.transaction { db in
            // One migrator at a time, across every process that opens the store.
            try db.query("SELECT pg_advisory_xact_lock(7245190001)")
            try db.query("CREATE TABLE IF NOT EXISTS mediawire_schema (version BIGINT NOT NULL)")
            let found: Int = try db.rows("SELECT version FROM mediawire_schema").first?["version"] ?? 0
            if found > Self.migrations.count {
                throw StoreError(
                    .newerSchema, path: address.description,
                    message: "the store has schema version \(found), newer than this MediaWire knows (\(Self.migrations.count))")
            }
            // One statement at a time: the extended protocol takes one per query.
            for (_, sql) in Self.migrations.dropFirst(found) {
                for statement in sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) { try db.query(String(statement)) }
            }
            if found == 0 {
                try db.query("INSERT INTO mediawire_schema (version) VALUES ($1)", [Self.migrations.count])
            } else if found < Self.migrations.count {
                try db.query("UPDATE mediawire_schema SET version = $1", [Self.migrations.count])
            }
            return found
        }
    }

    /// The schema, one step per version; `mediawire_schema.version` records how many have run.
    static let migrations: [(String, String)] = [
        (
            "v1: sources with leases, reports, tombstones, hosts, editors' headlines and their history",
            """
            CREATE TABLE source (
                id TEXT PRIMARY KEY,
                configuredURL TEXT NOT NULL, fetchURL TEXT NOT NULL,
                etag TEXT, lastModified TEXT,
                lastCheck DOUBLE PRECISION, lastSuccess DOUBLE PRECISION, lastStatus BIGINT,
                nextCheck DOUBLE PRECISION, holdUntil DOUBLE PRECISION,
                errorCount BIGINT NOT NULL DEFAULT 0, lastError TEXT,
                disabled TEXT, bodyHash TEXT, feed TEXT,
                leaseUntil DOUBLE PRECISION, leaseOwner TEXT
            );
            CREATE TABLE entry (
                seq BIGSERIAL PRIMARY KEY,
                sourceID TEXT NOT NULL, key TEXT NOT NULL, atomID TEXT NOT NULL,
                originalTitle TEXT NOT NULL, title TEXT NOT NULL, link TEXT,
                summary TEXT, content TEXT, meta BYTEA NOT NULL,
                firstSeen DOUBLE PRECISION NOT NULL, lastSeen DOUBLE PRECISION NOT NULL,
                sortTime DOUBLE PRECISION NOT NULL, contentHash TEXT NOT NULL,
                style TEXT NOT NULL DEFAULT '',
                UNIQUE (sourceID, key)
            );
            CREATE INDEX entry_by_time ON entry (sortTime DESC, seq DESC);
            CREATE INDEX entry_by_atom_id ON entry (atomID);
            CREATE TABLE tombstone (
                sourceID TEXT NOT NULL, key TEXT NOT NULL, deletedAt DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (sourceID, key)
            );
            CREATE TABLE host (host TEXT PRIMARY KEY, holdUntil DOUBLE PRECISION NOT NULL);
            CREATE TABLE override (
                sourceID TEXT NOT NULL, key TEXT NOT NULL,
                headline TEXT NOT NULL, editor TEXT NOT NULL, at DOUBLE PRECISION NOT NULL, previous TEXT NOT NULL,
                agencyUpdatedAt DOUBLE PRECISION,
                PRIMARY KEY (sourceID, key)
            );
            CREATE TABLE headline_history (
                id BIGSERIAL PRIMARY KEY,
                sourceID TEXT NOT NULL, key TEXT NOT NULL, action TEXT NOT NULL,
                headline TEXT NOT NULL, previous TEXT NOT NULL, editor TEXT NOT NULL, at DOUBLE PRECISION NOT NULL
            );
            CREATE INDEX headline_history_by_entry ON headline_history (sourceID, key);
            """
        ),
        (
            "v2: request slots per host, shared by every poller (the per-host limit across machines)",
            """
            CREATE TABLE host_slot (
                host TEXT NOT NULL, slot BIGINT NOT NULL, until DOUBLE PRECISION NOT NULL, owner TEXT NOT NULL,
                PRIMARY KEY (host, slot)
            )
            """
        ),
    ]

    public static var schemaVersion: Int { migrations.count }

    /// A database failure in words, its kind read from PostgreSQL's SQLSTATE.
    static func error(_ error: any Error, address: StoreLocation.PostgresAddress, connecting: Bool) -> StoreError {
        if let error = error as? StoreError { return error }
        let place = address.description
        guard let psql = error as? PSQLError else {
            let what = connecting ? "cannot reach the PostgreSQL server" : "the PostgreSQL server failed"
            return StoreError(connecting ? .cannotOpen : .failed, path: place, message: "\(what): \(error)", underlying: error)
        }
        if let info = psql.serverInfo {
            let state = info[.sqlState] ?? ""
            var message = info[.message] ?? "error \(state)"
            if let detail = info[.detail] { message += " (\(detail))" }
            let code: StoreError.Code
            switch state {
            case "53100": code = .full
            case "25006", "42501": code = .readOnly
            case "40001", "40P01", "55P03", "57014": code = .busy
            case "XX001", "XX002": code = .corrupt
            case "3D000", "28000", "28P01": code = .cannotOpen
            default: code = connecting ? .cannotOpen : .failed
            }
            return StoreError(code, path: place, message: message, underlying: psql)
        }
        let message: String
        switch psql.code {
        case .connectionError: message = "cannot connect to the PostgreSQL server (\(psql.underlying.map { "\($0)" } ?? "refused"))"
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown: message = "the PostgreSQL server closed the connection"
        case .authMechanismRequiresPassword:
            message = "the server asks for a password: set MEDIAWIRE_PG_PASSWORD or add it to the password file (PGPASSFILE, ~/.pgpass)"
        case .sslUnsupported: message = "the server does not offer TLS, which sslmode=require asks for"
        default: message = "PostgreSQL: \(psql.code)\(psql.underlying.map { " (\($0))" } ?? "")"
        }
        return StoreError(connecting ? .cannotOpen : .failed, path: place, message: message, underlying: psql)
    }

    public func check() throws(StoreError) {
        try connections.with { db in
            try db.query("SELECT seq FROM entry LIMIT 1")
        }
    }

    public func close() { connections.close() }

    // MARK: Sources

    static func sourceState(_ row: PGRow) throws -> SourceState {
        var s = SourceState(id: try row["id"], url: try row["configuredURL"])
        s.fetchURL = try row["fetchURL"]
        s.etag = try row["etag"]
        s.lastModified = try row["lastModified"]
        s.lastCheck = try row["lastCheck"]
        s.lastSuccess = try row["lastSuccess"]
        s.lastStatus = try row["lastStatus", as: Int?.self]
        s.nextCheck = try row["nextCheck"]
        s.holdUntil = try row["holdUntil"]
        s.errorCount = try row["errorCount", as: Int.self]
        s.lastError = try row["lastError"]
        s.disabled = try row["disabled"]
        s.bodyHash = try row["bodyHash"]
        s.leaseUntil = try row["leaseUntil"]
        s.feed = try StoreRules.feed(fromJSON: try row["feed"])
        return s
    }

    public func sourceStates() throws(StoreError) -> [String: SourceState] {
        try connections.with { db in
            var out: [String: SourceState] = [:]
            for row in try db.rows("SELECT * FROM source") {
                let state = try Self.sourceState(row)
                out[state.id] = state
            }
            return out
        }
    }

    public func sourceState(_ id: String) throws(StoreError) -> SourceState? {
        try connections.with { db in try db.rows("SELECT * FROM source WHERE id = $1", [id]).first.map(Self.sourceState) }
    }

    public func claim(
        _ id: String, url: String, now: Double, until: Double, force: Bool = false, known: SourceState? = nil
    ) throws(StoreError) -> Claim {
        // The usual case, one statement: the state read at the start of the run is current unless
        // another poller changed it, and then this UPDATE changes nothing (PostgreSQL re-checks
        // the conditions on the row it waited for).
        if var known, known.configuredURL == url {
            let changed = try connections.with { db in
                try db.query(
                    """
                    UPDATE source SET leaseUntil = $1, leaseOwner = $2 WHERE id = $3 AND configuredURL = $4
                        AND (leaseUntil IS NULL OR leaseUntil <= $5) AND ($6 OR nextCheck IS NULL OR nextCheck <= $5)
                        AND (nextCheck IS NOT DISTINCT FROM $7 OR $6)
                    """, [until, LeaseOwner.current, id, url, now, force, known.nextCheck]
                ).changed
            }
            if changed == 1 {
                known.leaseUntil = until
                return .claimed(known)
            }
        }
        // A source no poller has seen: created and taken in one statement.
        if known == nil {
            var state = SourceState(id: id, url: url)
            state.leaseUntil = until
            let created = try connections.with { db in
                try db.query(
                    """
                    INSERT INTO source (id, configuredURL, fetchURL, errorCount, leaseUntil, leaseOwner)
                    VALUES ($1, $2, $2, 0, $3, $4) ON CONFLICT (id) DO NOTHING
                    """, [id, url, until, LeaseOwner.current]
                ).changed
            }
            if created == 1 { return .claimed(state) }
        }
        return try connections.transaction { db in
            // A row another poller is claiming right now is skipped, not waited for: it is busy.
            guard let row = try db.rows("SELECT * FROM source WHERE id = $1 FOR UPDATE SKIP LOCKED", [id]).first else {
                var state = SourceState(id: id, url: url)
                state.leaseUntil = until
                let created = try db.query(
                    """
                    INSERT INTO source (id, configuredURL, fetchURL, errorCount, leaseUntil, leaseOwner)
                    VALUES ($1, $2, $2, 0, $3, $4) ON CONFLICT (id) DO NOTHING
                    """, [id, url, until, LeaseOwner.current]
                ).changed
                return created == 1 ? .claimed(state) : .busy
            }
            switch StoreRules.claim(
                stored: try Self.sourceState(row), owner: try row["leaseOwner"], id: id, url: url, now: now, until: until,
                force: force)
            {
            case .busy: return .busy
            case .notDue(let state): return .notDue(state)
            case .take(let state):
                try Self.save(state, db)
                try db.query("UPDATE source SET leaseOwner = $1 WHERE id = $2", [LeaseOwner.current, id])
                return .claimed(state)
            }
        }
    }

    public func claimAsync(
        _ id: String, url: String, now: Double, until: Double, force: Bool = false, known: SourceState? = nil
    ) async throws(StoreError) -> Claim {
        try await connections.run { () throws(StoreError) in
            try self.claim(id, url: url, now: now, until: until, force: force, known: known)
        }
    }

    public func save(_ state: SourceState, feedChanged: Bool = true) throws(StoreError) {
        try connections.with { db in
            if feedChanged {
                try Self.save(state, db)
                return
            }
            let s = state
            let changed = try db.query(
                """
                UPDATE source SET configuredURL = $1, fetchURL = $2, etag = $3, lastModified = $4, lastCheck = $5,
                    lastSuccess = $6, lastStatus = $7, nextCheck = $8, holdUntil = $9, errorCount = $10, lastError = $11,
                    disabled = $12, bodyHash = $13, leaseUntil = $14 WHERE id = $15
                """,
                [
                    s.configuredURL, s.fetchURL, s.etag, s.lastModified, s.lastCheck, s.lastSuccess, s.lastStatus,
                    s.nextCheck, s.holdUntil, s.errorCount, s.lastError, s.disabled, s.bodyHash, s.leaseUntil, s.id,
                ]
            ).changed
            if changed == 0 { try Self.save(state, db) }
        }
    }

    public func saveAsync(_ state: SourceState, feedChanged: Bool = true) async throws(StoreError) {
        try await connections.run { () throws(StoreError) in try self.save(state, feedChanged: feedChanged) }
    }

    static func save(_ s: SourceState, _ db: PGSession) throws {
        try db.query(
            """
            INSERT INTO source (id, configuredURL, fetchURL, etag, lastModified, lastCheck, lastSuccess, lastStatus,
                nextCheck, holdUntil, errorCount, lastError, disabled, bodyHash, feed, leaseUntil)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
            ON CONFLICT (id) DO UPDATE SET configuredURL = excluded.configuredURL, fetchURL = excluded.fetchURL,
                etag = excluded.etag, lastModified = excluded.lastModified, lastCheck = excluded.lastCheck,
                lastSuccess = excluded.lastSuccess, lastStatus = excluded.lastStatus, nextCheck = excluded.nextCheck,
                holdUntil = excluded.holdUntil, errorCount = excluded.errorCount, lastError = excluded.lastError,
                disabled = excluded.disabled, bodyHash = excluded.bodyHash, feed = excluded.feed,
                leaseUntil = excluded.leaseUntil
            """,
            [
                s.id, s.configuredURL, s.fetchURL, s.etag, s.lastModified, s.lastCheck, s.lastSuccess, s.lastStatus,
                s.nextCheck, s.holdUntil, s.errorCount, s.lastError, s.disabled, s.bodyHash, try StoreRules.feedJSON(s.feed),
                s.leaseUntil,
            ])
    }

    public func hostHolds(now: Double) throws(StoreError) -> [String: Double] {
        try connections.with { db in
            var out: [String: Double] = [:]
            for row in try db.rows("SELECT host, holdUntil FROM host WHERE holdUntil > $1", [now]) {
                out[try row["host"]] = try row["holdUntil", as: Double.self]
            }
            return out
        }
    }

    public func holdHost(_ host: String, until: Double) throws(StoreError) {
        try connections.with { db in
            try db.query(
                """
                INSERT INTO host (host, holdUntil) VALUES ($1, $2)
                ON CONFLICT (host) DO UPDATE SET holdUntil = GREATEST(host.holdUntil, excluded.holdUntil)
                """, [host, until])
        }
    }

    public func takeHostSlot(_ host: String, limit: Int, now: Double, until: Double) async throws(StoreError) -> Int? {
        try await connections.run { () throws(StoreError) in
            try self.connections.with { db -> Int? in
                if let slot = try self.takeSlotOnce(host, limit: limit, now: now, until: until, db) { return slot }
                // The host's slots are made the first time it is seen (or when the limit grew).
                let made = try db.query(
                    """
                    INSERT INTO host_slot (host, slot, until, owner)
                    SELECT $1, g, 0, '' FROM generate_series(0, $2 - 1) AS g ON CONFLICT DO NOTHING
                    """, [host, limit]
                ).changed
                return made > 0 ? try self.takeSlotOnce(host, limit: limit, now: now, until: until, db) : nil
            }
        }
    }

    private func takeSlotOnce(_ host: String, limit: Int, now: Double, until: Double, _ db: PGSession) throws -> Int? {
        try db.rows(
            """
            UPDATE host_slot SET until = $3, owner = $4 WHERE (host, slot) = (
                SELECT host, slot FROM host_slot WHERE host = $1 AND slot < $2 AND until <= $5
                ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING slot
            """, [host, limit, until, LeaseOwner.current, now]
        ).first.map { try $0["slot", as: Int.self] }
    }

    public func releaseHostSlot(_ host: String, slot: Int) async {
        _ = try? await connections.run { () throws(StoreError) in
            try self.connections.with { db in
                try db.query(
                    "UPDATE host_slot SET until = 0 WHERE host = $1 AND slot = $2 AND owner = $3", [host, slot, LeaseOwner.current])
            }
        }
    }

    public func lastNewReport() throws(StoreError) -> [String: Double] {
        try connections.with { db in
            var out: [String: Double] = [:]
            for row in try db.rows("SELECT sourceID, max(firstSeen) AS seen FROM entry GROUP BY sourceID") {
                out[try row["sourceID"]] = try row["seen", as: Double.self]
            }
            return out
        }
    }

    @discardableResult
    public func makeDue(_ sourceID: String, now: Double) throws(StoreError) -> Bool {
        try connections.with { db in try db.query("UPDATE source SET nextCheck = $1 WHERE id = $2", [now, sourceID]).changed > 0 }
    }

    @discardableResult
    public func enable(_ sourceID: String, now: Double) throws(StoreError) -> Bool {
        try connections.with { db in
            try db.query(
                "UPDATE source SET disabled = NULL, errorCount = 0, lastError = NULL, nextCheck = $1 WHERE id = $2",
                [now, sourceID]
            ).changed > 0
        }
    }

    // MARK: Reports

    static let entryColumns =
        "sourceID, key, atomID, originalTitle, title, link, summary, content, meta, firstSeen, lastSeen, sortTime, contentHash, style"

    static func arguments(_ e: StoredEntry) -> [any PGBindable] {
        [
            e.sourceID, e.key, e.atomID, e.originalTitle, e.title, e.link, e.summary?.value, e.content?.value,
            ByteBuffer(bytes: StoreRules.meta(e).encoded()), e.firstSeen, e.lastSeen, e.sortTime, e.contentHash,
            e.styleFingerprint,
        ]
    }

    public func apply(_ entries: [StoredEntry], state: SourceState?, now: Double) throws(StoreError) -> ApplyCounts {
        try connections.transaction { db in
            var counts = ApplyCounts()
            var tombstones: [String: Set<String>] = [:]
            // What is stored already and what was deleted, for this poll's keys, in one query per
            // source (nothing is inserted and rolled back, so a re-read feed leaves no gaps in the
            // numbers). The source's lease keeps other pollers from writing its reports meanwhile.
            var existing: [String: [String: PGRow]] = [:]
            for sourceID in Set(entries.map(\.sourceID)) {
                let keys = entries.filter { $0.sourceID == sourceID }.map(\.key)
                var rows: [String: PGRow] = [:]
                var deleted = Set<String>()
                for row in try db.rows(
                    """
                    SELECT k.key, e.seq, e.contentHash, e.meta, e.atomID, e.firstSeen, e.lastSeen, t.key IS NOT NULL AS deleted
                    FROM unnest($2::text[]) AS k(key)
                    LEFT JOIN entry e ON e.sourceID = $1 AND e.key = k.key
                    LEFT JOIN tombstone t ON t.sourceID = $1 AND t.key = k.key
                    WHERE e.seq IS NOT NULL OR t.key IS NOT NULL
                    """, [sourceID, keys])
                {
                    let key: String = try row["key"]
                    if try row["deleted", as: Bool.self] { deleted.insert(key) }
                    if try row["seq", as: Int64?.self] != nil { rows[key] = row }
                }
                existing[sourceID] = rows
                tombstones[sourceID] = deleted
            }
            var seen = Set<String>()
            var fresh: [StoredEntry] = []
            for entry in entries {
                // A feed that repeats an entry keeps the first.
                guard seen.insert(entry.key).inserted else { continue }
                if tombstones[entry.sourceID]?.contains(entry.key) == true {
                    counts.tombstoned += 1
                    continue
                }
                guard let row = existing[entry.sourceID]?[entry.key] else {
                    fresh.append(entry)
                    continue
                }
                let seq: Int64 = try row["seq"]
                if try row["contentHash", as: String.self] == entry.contentHash {
                    counts.unchanged += 1
                    if now - (try row["lastSeen", as: Double.self]) > StoreRules.lastSeenRefresh {
                        try db.query("UPDATE entry SET lastSeen = $1 WHERE seq = $2", [now, seq])
                    }
                    continue
                }
                let changed = StoreRules.changed(
                    entry, atomID: try row["atomID"], firstSeen: try row["firstSeen"], old: try Self.meta(row), now: now)
                try db.query(
                    """
                    UPDATE entry SET sourceID = $1, key = $2, atomID = $3, originalTitle = $4, title = $5, link = $6,
                        summary = $7, content = $8, meta = $9, firstSeen = $10, lastSeen = $11, sortTime = $12,
                        contentHash = $13, style = $14 WHERE seq = $15
                    """, Self.arguments(changed) + [seq])
                // An editor's headline stays; the desk learns that the agency changed the report since.
                try db.query(
                    "UPDATE override SET agencyUpdatedAt = $1 WHERE sourceID = $2 AND key = $3", [now, entry.sourceID, entry.key])
                counts.updated += 1
            }
            // New reports in one statement per 1,000 (one round trip, not one each). Another poller
            // may store the same report at the same moment: it is stored once.
            for chunk in stride(from: 0, to: fresh.count, by: 1_000) {
                let rows = fresh[chunk..<min(chunk + 1_000, fresh.count)]
                let width = 14
                let values = rows.indices.map { i in
                    let first = (i - chunk) * width
                    return "(" + (1...width).map { "$\(first + $0)" }.joined(separator: ", ") + ")"
                }.joined(separator: ", ")
                let inserted = try db.rows(
                    "INSERT INTO entry (\(Self.entryColumns)) VALUES \(values) ON CONFLICT (sourceID, key) DO NOTHING RETURNING seq",
                    rows.flatMap(Self.arguments)
                ).count
                counts.inserted += inserted
                counts.unchanged += rows.count - inserted
            }
            if let state { try Self.save(state, db) }
            return counts
        }
    }

    public func applyAsync(_ entries: [StoredEntry], state: SourceState?, now: Double) async throws(StoreError) -> ApplyCounts {
        try await connections.run { () throws(StoreError) in try self.apply(entries, state: state, now: now) }
    }

    @discardableResult
    public func delete(sourceID: String, key: String, now: Double) throws(StoreError) -> Bool {
        try connections.transaction { db in
            try db.query("SET LOCAL synchronous_commit = on")
            let deleted = try db.query("DELETE FROM entry WHERE sourceID = $1 AND key = $2", [sourceID, key]).changed > 0
            try db.query("DELETE FROM override WHERE sourceID = $1 AND key = $2", [sourceID, key])
            try db.query(
                "INSERT INTO tombstone (sourceID, key, deletedAt) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                [sourceID, key, now])
            return deleted
        }
    }

    public func entryCount(sourceID: String? = nil) throws(StoreError) -> Int {
        try connections.with { db in
            let rows =
                try sourceID.map { try db.rows("SELECT count(*) AS n FROM entry WHERE sourceID = $1", [$0]) }
                ?? db.rows("SELECT count(*) AS n FROM entry")
            return try rows.first?["n", as: Int.self] ?? 0
        }
    }

    static func meta(_ row: PGRow) throws -> EntryMeta {
        var buffer: ByteBuffer = try row["meta"]
        return try EntryMeta(decoding: buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    static func entry(_ row: PGRow) throws -> StoredEntry {
        var editor: EditorHeadline?
        if let headline: String = try row["editorHeadline"] {
            editor = EditorHeadline(
                headline: headline, editor: try row["editorName"], at: try row["editorAt"], previous: try row["editorPrevious"],
                agencyUpdatedAt: try row["agencyUpdatedAt"])
        }
        return StoreRules.entry(
            sourceID: try row["sourceID"], key: try row["key"], atomID: try row["atomID"], originalTitle: try row["originalTitle"],
            title: try row["title"], link: try row["link"], summary: try row["summary"], content: try row["content"],
            meta: try meta(row), firstSeen: try row["firstSeen"], lastSeen: try row["lastSeen"], sortTime: try row["sortTime"],
            contentHash: try row["contentHash"], style: try row["style"], sequence: try row["seq", as: Int64.self], editor: editor)
    }

    /// Rows are read 500 at a time, so memory does not grow with the store.
    static let batch = 500

    public func forEachLatest(limit: Int, offset: Int = 0, _ body: (StoredEntry) throws -> Void) throws {
        var after: (sortTime: Double, seq: Int64)?
        var remaining = limit
        var skip = offset
        while remaining > 0 {
            let count = min(Self.batch, remaining)
            let page: [StoredEntry] = try connections.with { db in
                if let after {
                    return try db.rows(
                        """
                        \(StoreRules.selectEntries) WHERE (entry.sortTime, entry.seq) < ($1, $2)
                        ORDER BY entry.sortTime DESC, entry.seq DESC LIMIT $3
                        """, [after.sortTime, after.seq, count]
                    ).map(Self.entry)
                }
                return try db.rows(
                    "\(StoreRules.selectEntries) ORDER BY entry.sortTime DESC, entry.seq DESC LIMIT $1 OFFSET $2", [count, skip]
                ).map(Self.entry)
            }
            skip = 0
            for entry in page { try body(entry) }
            guard page.count == count, let last = page.last else { return }
            after = (last.sortTime, last.sequence)
            remaining -= count
        }
    }

    public func forEachInSequenceRange(from: Int, through: Int, _ body: (StoredEntry) throws -> Void) throws {
        var next = Int64(clamping: from)
        let end = Int64(clamping: through)
        while next <= end {
            let page: [StoredEntry] = try connections.with { db in
                try db.rows(
                    "\(StoreRules.selectEntries) WHERE entry.seq >= $1 AND entry.seq <= $2 ORDER BY entry.seq LIMIT $3",
                    [next, end, Self.batch]
                ).map(Self.entry)
            }
            for entry in page { try body(entry) }
            guard page.count == Self.batch, let last = page.last else { return }
            next = last.sequence + 1
        }
    }

    public func maxSequence() throws(StoreError) -> Int {
        try connections.with { db in
            guard let row = try db.rows("SELECT last_value, is_called FROM entry_seq_seq").first else { return 0 }
            return try row["is_called", as: Bool.self] ? try row["last_value", as: Int.self] : 0
        }
    }

    public func entry(sequence: Int64) throws(StoreError) -> StoredEntry? {
        try connections.with { db in try db.rows("\(StoreRules.selectEntries) WHERE entry.seq = $1", [sequence]).first.map(Self.entry) }
    }

    public func entry(sourceID: String, key: String) throws(StoreError) -> StoredEntry? {
        try connections.with { db in
            try db.rows("\(StoreRules.selectEntries) WHERE entry.sourceID = $1 AND entry.key = $2", [sourceID, key]).first.map(Self.entry)
        }
    }

    public func entry(named reference: String) throws(StoreError) -> StoredEntry? {
        try connections.with { db in
            if let row = try db.rows("\(StoreRules.selectEntries) WHERE entry.atomID = $1 ORDER BY entry.seq LIMIT 1", [reference]).first {
                return try Self.entry(row)
            }
            guard let colon = reference.firstIndex(of: ":") else { return nil }
            let sourceID = String(reference[..<colon]), key = String(reference[reference.index(after: colon)...])
            return try db.rows("\(StoreRules.selectEntries) WHERE entry.sourceID = $1 AND entry.key = $2", [sourceID, key]).first
                .map(Self.entry)
        }
    }

    public func entries(sourceID: String) throws(StoreError) -> [StoredEntry] {
        try connections.with { db in
            try db.rows("\(StoreRules.selectEntries) WHERE entry.sourceID = $1 ORDER BY entry.seq", [sourceID]).map(Self.entry)
        }
    }

    public func latest(
        limit: Int, sourceID: String? = nil, kind: HeadlineKind? = nil, search: String? = nil
    ) throws(StoreError) -> [StoredEntry] {
        var conditions: [String] = []
        var arguments: [any PGBindable] = []
        if let sourceID {
            arguments.append(sourceID)
            conditions.append("entry.sourceID = $\(arguments.count)")
        }
        if let kind { conditions.append(StoreRules.condition(kind)) }
        if let search, !search.isEmpty {
            arguments.append(StoreRules.containsPattern(search))
            let p = "$\(arguments.count)"
            conditions.append(
                "(entry.title ILIKE \(p) ESCAPE '\\' OR entry.originalTitle ILIKE \(p) ESCAPE '\\' OR override.headline ILIKE \(p) ESCAPE '\\')")
        }
        arguments.append(limit)
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "\(StoreRules.selectEntries) \(filter) ORDER BY entry.sortTime DESC, entry.seq DESC LIMIT $\(arguments.count)"
        let bound = arguments
        return try connections.with { db in try db.rows(sql, bound).map(Self.entry) }
    }

    // MARK: Headlines

    @discardableResult
    public func setHeadline(
        _ headline: String, sourceID: String, key: String, editor: String, now: Double
    ) throws(StoreError) -> EditorHeadline? {
        try connections.transaction { db in
            try db.query("SET LOCAL synchronous_commit = on")
            guard
                let row = try db.rows(
                    "\(StoreRules.selectEntries) WHERE entry.sourceID = $1 AND entry.key = $2 FOR UPDATE OF entry", [sourceID, key]
                ).first
            else { return nil }
            let set = EditorHeadline(headline: headline, editor: editor, at: now, previous: try Self.entry(row).wireHeadline)
            try db.query(
                """
                INSERT INTO override (sourceID, key, headline, editor, at, previous, agencyUpdatedAt)
                VALUES ($1, $2, $3, $4, $5, $6, NULL)
                ON CONFLICT (sourceID, key) DO UPDATE SET headline = excluded.headline, editor = excluded.editor,
                    at = excluded.at, previous = excluded.previous, agencyUpdatedAt = NULL
                """, [sourceID, key, headline, editor, now, set.previous])
            try Self.record(.set, headline: headline, previous: set.previous, sourceID: sourceID, key: key, editor: editor, at: now, db)
            return set
        }
    }

    @discardableResult
    public func clearHeadline(sourceID: String, key: String, editor: String, now: Double) throws(StoreError) -> EditorHeadline? {
        try connections.transaction { db in
            try db.query("SET LOCAL synchronous_commit = on")
            guard
                let row = try db.rows(
                    "\(StoreRules.selectEntries) WHERE entry.sourceID = $1 AND entry.key = $2 FOR UPDATE OF entry", [sourceID, key]
                ).first,
                let cleared = try Self.entry(row).editorHeadline
            else { return nil }
            try db.query("DELETE FROM override WHERE sourceID = $1 AND key = $2", [sourceID, key])
            try Self.record(
                .clear, headline: try row["title"], previous: cleared.headline, sourceID: sourceID, key: key, editor: editor,
                at: now, db)
            return cleared
        }
    }

    static func record(
        _ action: HeadlineEvent.Action, headline: String, previous: String, sourceID: String, key: String,
        editor: String, at: Double, _ db: PGSession
    ) throws {
        try db.query(
            "INSERT INTO headline_history (sourceID, key, action, headline, previous, editor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [sourceID, key, action.rawValue, headline, previous, editor, at])
    }

    public func entriesWithEditorHeadlines() throws(StoreError) -> [StoredEntry] {
        try connections.with { db in
            try db.rows("\(StoreRules.selectEntries) WHERE override.headline IS NOT NULL ORDER BY override.at DESC, entry.seq DESC")
                .map(Self.entry)
        }
    }

    public func headlineHistory(sourceID: String, key: String) throws(StoreError) -> [HeadlineEvent] {
        try connections.with { db in
            try db.rows(
                "SELECT action, headline, previous, editor, at FROM headline_history WHERE sourceID = $1 AND key = $2 ORDER BY id",
                [sourceID, key]
            ).map(Self.event)
        }
    }

    static func event(_ row: PGRow) throws -> HeadlineEvent {
        HeadlineEvent(
            action: HeadlineEvent.Action(rawValue: try row["action"]) ?? .set, headline: try row["headline"],
            previous: try row["previous"], editor: try row["editor"], at: try row["at"])
    }

    public func styledHeadlines() throws(StoreError) -> [StyledHeadline] {
        try connections.with { db in
            try db.rows(StoreRules.selectStyledHeadlines).map { row in
                StyledHeadline(
                    sequence: try row["seq"], sourceID: try row["sourceID"], key: try row["key"], atomID: try row["atomID"],
                    original: try row["originalTitle"], title: try row["title"], style: try row["style"], edited: try row["edited"])
            }
        }
    }

    public func entries(sequences: [Int64]) throws(StoreError) -> [StoredEntry] {
        guard !sequences.isEmpty else { return [] }
        let list = sequences.map(String.init).joined(separator: ",")
        return try connections.with { db in
            try db.rows("\(StoreRules.selectEntries) WHERE entry.seq = ANY('{\(list)}'::bigint[]) ORDER BY entry.seq").map(Self.entry)
        }
    }

    public func writeHeadlines(_ updates: [(sequence: Int64, title: String, fingerprint: String)]) throws(StoreError) {
        try connections.transaction { db in
            for update in updates {
                try db.query("UPDATE entry SET title = $1, style = $2 WHERE seq = $3", [update.title, update.fingerprint, update.sequence])
            }
        }
    }

    // MARK: Moving a wire

    public func counts() throws(StoreError) -> StoreCounts {
        let sequence = try maxSequence()
        return try connections.with { db in
            try StoreCounts.tally(sequence: sequence) { table in
                try db.rows("SELECT count(*) AS n FROM \(table)").first?["n"] ?? 0
            }
        }
    }

    public func forEachOtherRecord(_ body: (StoreRecord) throws -> Void) throws {
        let rest: [StoreRecord] = try connections.with { db in
            var out: [StoreRecord] = []
            for row in try db.rows("SELECT * FROM tombstone ORDER BY sourceID, key") {
                out.append(.tombstone(sourceID: try row["sourceID"], key: try row["key"], deletedAt: try row["deletedAt"]))
            }
            for row in try db.rows("SELECT * FROM headline_history ORDER BY id") {
                out.append(.history(sourceID: try row["sourceID"], key: try row["key"], event: try Self.event(row)))
            }
            for row in try db.rows("SELECT * FROM host ORDER BY host") {
                out.append(.host(try row["host"], until: try row["holdUntil"]))
            }
            return out
        }
        for record in rest { try body(record) }
    }

    public func importRecords(_ records: [StoreRecord]) throws(StoreError) {
        try connections.transaction { db in
            try db.query("SET LOCAL synchronous_commit = on")
            for record in records {
                switch record {
                case .source(let state):
                    try Self.save(state, db)
                case .entry(let entry):
                    try db.query(
                        """
                        INSERT INTO entry (seq, \(Self.entryColumns))
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                        """, [entry.sequence] + Self.arguments(entry))
                    if let editor = entry.editorHeadline {
                        try db.query(
                            """
                            INSERT INTO override (sourceID, key, headline, editor, at, previous, agencyUpdatedAt)
                            VALUES ($1, $2, $3, $4, $5, $6, $7)
                            """,
                            [
                                entry.sourceID, entry.key, editor.headline, editor.editor, editor.at, editor.previous,
                                editor.agencyUpdatedAt,
                            ])
                    }
                case .tombstone(let sourceID, let key, let deletedAt):
                    try db.query(
                        "INSERT INTO tombstone (sourceID, key, deletedAt) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                        [sourceID, key, deletedAt])
                case .history(let sourceID, let key, let event):
                    try Self.record(
                        event.action, headline: event.headline, previous: event.previous, sourceID: sourceID, key: key,
                        editor: event.editor, at: event.at, db)
                case .host(let host, let until):
                    try db.query(
                        "INSERT INTO host (host, holdUntil) VALUES ($1, $2) ON CONFLICT (host) DO UPDATE SET holdUntil = excluded.holdUntil",
                        [host, until])
                case .sequence(let sequence):
                    // New reports continue after the highest number ever given.
                    if sequence > 0 {
                        try db.query(
                            "SELECT setval('entry_seq_seq', GREATEST($1, (SELECT COALESCE(max(seq), 1) FROM entry)))", [sequence])
                    }
                }
            }
        }
    }
}
