import Foundation
public import HouseStyle

/// Why the store could not do what was asked: with the store's location (a file, or a
/// `postgres://` URL without its password) and the database's own error.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure: a busy store can be tried again, a corrupt or full one cannot.
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable { case cannotOpen, newerSchema, busy, corrupt, full, readOnly, failed }
        private let kind: Kind
        /// The store cannot be opened, created or reached.
        public static let cannotOpen = Code(kind: .cannotOpen)
        /// The store was written by a newer MediaWire.
        public static let newerSchema = Code(kind: .newerSchema)
        /// Another process held a lock longer than the store waits.
        public static let busy = Code(kind: .busy)
        /// The file is not a database, or is damaged.
        public static let corrupt = Code(kind: .corrupt)
        /// The disk (or the file system) is full.
        public static let full = Code(kind: .full)
        /// The file or its folder (or the database) cannot be written.
        public static let readOnly = Code(kind: .readOnly)
        /// Any other database failure (see ``underlying``).
        public static let failed = Code(kind: .failed)
    }

    public var code: Code
    /// The file, or the `postgres://` URL (never with a password).
    public var path: String
    public var message: String
    /// The database's own error, when there was one.
    public var underlying: (any Error)?

    public init(_ code: Code, path: String, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    public var description: String { "\(path): \(message)" }
}

/// What applying one poll's entries did to the store.
public struct ApplyCounts: Sendable, Equatable {
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    /// Entries skipped because they were deleted before (a tombstone remembers them).
    public var tombstoned = 0

    public init() {}
}

/// The answer to ``WireStore/claim(_:url:now:until:force:known:)``.
public enum Claim: Sendable {
    case claimed(SourceState)
    /// Another process holds the source now.
    case busy
    /// Another process polled it since this one looked: it is not due any more.
    case notDue(SourceState)
}

/// A stored report's headline as the house style left it, for re-headlining (``WireStore/restyle``).
public struct StyledHeadline: Sendable {
    public var sequence: Int64
    public var sourceID: String
    public var key: String
    public var atomID: String
    public var original: String
    public var title: String
    /// The fingerprint of the style that wrote `title`.
    public var style: String
    /// An editor's headline stands over it.
    public var edited: Bool

    public init(
        sequence: Int64, sourceID: String, key: String, atomID: String, original: String, title: String, style: String,
        edited: Bool
    ) {
        self.sequence = sequence
        self.sourceID = sourceID
        self.key = key
        self.atomID = atomID
        self.original = original
        self.title = title
        self.style = style
        self.edited = edited
    }
}

/// How many rows of each kind a store holds (`store copy` compares them).
public struct StoreCounts: Sendable, Equatable, CustomStringConvertible {
    public var sources = 0
    public var entries = 0
    public var tombstones = 0
    public var overrides = 0
    public var history = 0
    public var hosts = 0
    /// The highest sequence number given to a report (deleted ones included).
    public var sequence = 0

    public init() {}

    /// The counts, each table's from `count`.
    static func tally(sequence: Int, _ count: (String) throws -> Int) rethrows -> StoreCounts {
        var counts = StoreCounts()
        counts.sources = try count("source")
        counts.entries = try count("entry")
        counts.tombstones = try count("tombstone")
        counts.overrides = try count("override")
        counts.history = try count("headline_history")
        counts.hosts = try count("host")
        counts.sequence = sequence
        return counts
    }

    public var description: String {
        "\(sources) sources, \(entries) reports, \(overrides) editor headlines, \(history) headline-history events, "
            + "\(tombstones) tombstones, \(hosts) host holds, sequence \(sequence)"
    }
}

/// One row of a store, for moving a wire from one store to another (`mediawire store copy`).
public enum StoreRecord: Sendable {
    /// A source with its polling state (a lease is not copied: it belongs to a process of the old store).
    case source(SourceState)
    /// A report with its sequence number (``StoredEntry/sequence``); its editor headline is copied
    /// with it.
    case entry(StoredEntry)
    case tombstone(sourceID: String, key: String, deletedAt: Double)
    case history(sourceID: String, key: String, event: HeadlineEvent)
    case host(String, until: Double)
    /// The highest sequence number ever given (so new reports never reuse a deleted one's).
    case sequence(Int64)
}

/// The wire's store: sources with their polling state, reports with their headlines, editors'
/// headlines with their history, tombstones and host holds.
///
/// Two backends implement it: ``SQLiteStore`` (a file; the default) and ``PostgresStore`` (a
/// server shared by many pollers and services). ``open(_:lease:)`` picks one from `store:`.
/// Every method is safe to call from many tasks and many processes at once.
public protocol WireStore: AnyObject, Sendable {
    /// The file, or the `postgres://` URL without a password: for messages.
    var location: String { get }
    /// Whether pollers on other machines share the store (a server rather than a file).
    var isShared: Bool { get }
    /// The schema version the store had when it was opened, and the one it has now (this
    /// MediaWire's: opening a store migrates it).
    var schemaVersions: (found: Int, current: Int) { get }

    /// Whether the store answers now (the service's health check).
    func check() throws(StoreError)

    // MARK: Sources

    func sourceStates() throws(StoreError) -> [String: SourceState]
    func sourceState(_ id: String) throws(StoreError) -> SourceState?
    /// Takes a source for this process until `until`, unless another process holds it or has just
    /// polled it. A source seen for the first time is created; one whose configured URL changed
    /// starts afresh. `known` is the state read at the start of the run (one statement when it is
    /// still current).
    func claim(_ id: String, url: String, now: Double, until: Double, force: Bool, known: SourceState?) throws(StoreError) -> Claim
    func claimAsync(
        _ id: String, url: String, now: Double, until: Double, force: Bool, known: SourceState?
    ) async throws(StoreError) -> Claim
    /// Writes a source's state (and releases its lease). `feedChanged: false` leaves the agency
    /// feed's metadata as stored (it is the bulk of the row).
    func save(_ state: SourceState, feedChanged: Bool) throws(StoreError)
    func saveAsync(_ state: SourceState, feedChanged: Bool) async throws(StoreError)
    /// Hosts a server asked us to leave alone, with the time until which.
    func hostHolds(now: Double) throws(StoreError) -> [String: Double]
    func holdHost(_ host: String, until: Double) throws(StoreError)
    /// Takes one of `host`'s `limit` request slots until `until`, shared by every poller of the
    /// store; `nil` when all are taken now. A file store, used by one machine, has no shared slots
    /// (each poller keeps its own limit) and always grants one.
    func takeHostSlot(_ host: String, limit: Int, now: Double, until: Double) async throws(StoreError) -> Int?
    /// Gives a slot back (failures are ignored: the slot's lease ends by itself).
    func releaseHostSlot(_ host: String, slot: Int) async
    /// When each source's newest report was first seen (for the desk's "quiet" badge).
    func lastNewReport() throws(StoreError) -> [String: Double]
    /// Makes a source due now (the desk's "poll now"); `false` when the store has no such source.
    @discardableResult func makeDue(_ sourceID: String, now: Double) throws(StoreError) -> Bool
    /// Polls a disabled source again (the desk's "re-enable"): its errors forgotten, due now.
    @discardableResult func enable(_ sourceID: String, now: Double) throws(StoreError) -> Bool

    // MARK: Reports

    /// Stores one poll's entries for a source in one transaction: new ones are inserted, changed
    /// ones updated (`published`, first-seen time and id kept), unchanged ones left alone, deleted
    /// ones (tombstones) skipped. The source's state is written in the same transaction. A report
    /// is stored once, whichever process stores it.
    func apply(_ entries: [StoredEntry], state: SourceState?, now: Double) throws(StoreError) -> ApplyCounts
    func applyAsync(_ entries: [StoredEntry], state: SourceState?, now: Double) async throws(StoreError) -> ApplyCounts
    /// Deletes an entry and leaves a tombstone, so a later poll does not import it again.
    @discardableResult func delete(sourceID: String, key: String, now: Double) throws(StoreError) -> Bool
    func entryCount(sourceID: String?) throws(StoreError) -> Int
    /// Calls `body` with the newest entries first, at most `limit` (after skipping `offset`),
    /// without holding them all in memory.
    func forEachLatest(limit: Int, offset: Int, _ body: (StoredEntry) throws -> Void) throws
    /// Entries whose sequence number is in `from...through`, oldest first: an archive page.
    func forEachInSequenceRange(from: Int, through: Int, _ body: (StoredEntry) throws -> Void) throws
    /// The highest sequence number ever given to an entry (deleted ones included).
    func maxSequence() throws(StoreError) -> Int
    func entry(sequence: Int64) throws(StoreError) -> StoredEntry?
    func entry(sourceID: String, key: String) throws(StoreError) -> StoredEntry?
    /// The stored report `reference` names: its `atom:id` in the wire, else `SOURCE:KEY`.
    func entry(named reference: String) throws(StoreError) -> StoredEntry?
    func entries(sourceID: String) throws(StoreError) -> [StoredEntry]
    /// The newest reports first, at most `limit`, narrowed to one agency, one kind of headline and
    /// a search of the headlines (ours, the agency's, the editor's; case-insensitive).
    func latest(limit: Int, sourceID: String?, kind: HeadlineKind?, search: String?) throws(StoreError) -> [StoredEntry]

    // MARK: Headlines

    /// Sets an editor's headline for a stored report and records it in the report's history.
    /// Returns `nil` when the store holds no such report.
    @discardableResult
    func setHeadline(
        _ headline: String, sourceID: String, key: String, editor: String, now: Double
    ) throws(StoreError)
        -> EditorHeadline?
    /// Clears a report's editor headline: the wire shows its house-style headline again. Returns
    /// the headline cleared, `nil` when there was none (nothing is recorded then).
    @discardableResult
    func clearHeadline(sourceID: String, key: String, editor: String, now: Double) throws(StoreError) -> EditorHeadline?
    /// Every report under an editor's headline, the latest override first.
    func entriesWithEditorHeadlines() throws(StoreError) -> [StoredEntry]
    /// A report's headline history, oldest first.
    func headlineHistory(sourceID: String, key: String) throws(StoreError) -> [HeadlineEvent]
    /// Every report's house-style headline with the fingerprint of the style that wrote it.
    func styledHeadlines() throws(StoreError) -> [StyledHeadline]
    /// The reports with these sequence numbers.
    func entries(sequences: [Int64]) throws(StoreError) -> [StoredEntry]
    /// Writes house-style headlines and their style's fingerprint, in one transaction.
    func writeHeadlines(_ updates: [(sequence: Int64, title: String, fingerprint: String)]) throws(StoreError)

    // MARK: Moving a wire

    /// How many rows of each kind the store holds.
    func counts() throws(StoreError) -> StoreCounts
    /// The rows that are neither sources nor reports: tombstones, headline history, host holds.
    func forEachOtherRecord(_ body: (StoreRecord) throws -> Void) throws
    /// Writes rows read from another store, in one transaction; reports keep their sequence numbers.
    func importRecords(_ records: [StoreRecord]) throws(StoreError)
    /// Releases connections and files (the process may also just end).
    func close()
}

extension WireStore {
    /// Every row, sources first (without their leases), then reports in sequence order, then the
    /// rest, then the highest sequence number.
    public func forEachRecord(_ body: (StoreRecord) throws -> Void) throws {
        for state in try sourceStates().values.sorted(by: { $0.id < $1.id }) {
            var state = state
            state.leaseUntil = nil
            try body(.source(state))
        }
        try forEachInSequenceRange(from: 0, through: Int.max) { try body(.entry($0)) }
        try forEachOtherRecord(body)
        try body(.sequence(Int64(try maxSequence())))
    }

    public func takeHostSlot(_ host: String, limit: Int, now: Double, until: Double) async throws(StoreError) -> Int? { 0 }
    public func releaseHostSlot(_ host: String, slot: Int) async {}

    /// Copies every row of this store into `target`, which must be empty, in transactions of
    /// `batch` rows; then checks that both hold as many rows of each kind. Returns the counts.
    public func copy(into target: any WireStore, batch: Int = 1_000, progress: ((Int) -> Void)? = nil) throws -> StoreCounts {
        let existing = try target.counts()
        guard existing.sources == 0, existing.entries == 0, existing.history == 0, existing.tombstones == 0 else {
            throw StoreError(
                .failed, path: target.location,
                message: "the target store is not empty (\(existing)); copy into an empty store")
        }
        let expected = try counts()
        var pending: [StoreRecord] = []
        var copied = 0
        try forEachRecord { record in
            pending.append(record)
            if pending.count >= batch {
                try target.importRecords(pending)
                copied += pending.count
                pending.removeAll(keepingCapacity: true)
                progress?(copied)
            }
        }
        try target.importRecords(pending)
        let found = try target.counts()
        guard found == expected else {
            throw StoreError(
                .failed, path: target.location,
                message: "the copy does not match: \(location) holds \(expected), \(target.location) holds \(found)")
        }
        return found
    }

    public func claim(_ id: String, url: String, now: Double, until: Double, force: Bool = false) throws(StoreError) -> Claim {
        try claim(id, url: url, now: now, until: until, force: force, known: nil)
    }

    public func save(_ state: SourceState) throws(StoreError) { try save(state, feedChanged: true) }

    public func entryCount() throws(StoreError) -> Int { try entryCount(sourceID: nil) }

    public func forEachLatest(limit: Int, _ body: (StoredEntry) throws -> Void) throws {
        try forEachLatest(limit: limit, offset: 0, body)
    }

    public func latest(limit: Int) throws(StoreError) -> [StoredEntry] {
        try latest(limit: limit, sourceID: nil, kind: nil, search: nil)
    }
}
