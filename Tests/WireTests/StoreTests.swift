import Foundation
import HouseStyle
import LoopbackServer
import Syndication
import TestSupport
import Testing

@testable import Wire

/// The store's contract, run against both backends: what the poller, the generator and the desk
/// rely on holds the same on SQLite and PostgreSQL.
@Suite struct StoreTests {
    /// A report as the poller would store it.
    static func report(_ source: String, _ n: Int, body: String = "Body", at time: Double = 1_800_000_000) -> StoredEntry {
        let xml = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>https://a.example/</id>
            <updated>2027-01-15T08:00:00Z</updated><author><name>A</name></author>
            <entry><title>Report \(n)</title><id>https://a.example/\(source)/\(n)</id><summary>\(body) \(n)</summary>
            <link href="https://a.example/\(source)/\(n)"/>
            <updated>\(RFC3339.format(time + Double(n)))</updated></entry></feed>
            """
        let feed = FeedParser().parse(Array(xml.utf8))
        return StoredEntry(
            entry: feed.entries[0], in: feed.dialect, sourceID: source, headline: "Report \(n)", mintAuthority: "example.org,2026",
            now: time)
    }

    @Test(arguments: Backend.allCases) func aClaimHoldsUntilSavedOrUntilItsLeaseEnds(backend: Backend) throws {
        let wire = try TestWire(sources: [("a", "https://a.example/feed")], backend: backend)
        defer { wire.remove() }
        let store = wire.store
        let now = 1_800_000_000.0
        guard case .claimed(var state) = try store.claim("a", url: "https://a.example/feed", now: now, until: now + 300) else {
            Issue.record("a new source is claimed")
            return
        }
        #expect(state.leaseUntil == now + 300)
        // Held: a second claim (another poller) is busy, with or without the state it read.
        guard case .busy = try store.claim("a", url: "https://a.example/feed", now: now + 1, until: now + 301) else {
            Issue.record("a held source is busy")
            return
        }
        let other = try openStore(wire.config.store)
        defer { other.close() }
        guard case .busy = try other.claim("a", url: "https://a.example/feed", now: now + 1, until: now + 301, force: true, known: state)
        else {
            Issue.record("a held source is busy for another handle, even forced")
            return
        }
        // Saved with its next check: not due, for anyone.
        state.nextCheck = now + 900
        state.leaseUntil = nil
        try store.save(state)
        guard case .notDue(let seen) = try other.claim("a", url: "https://a.example/feed", now: now + 2, until: now + 302) else {
            Issue.record("a polled source is not due")
            return
        }
        #expect(seen.nextCheck == now + 900)
        // Due again: claimed once, by one of two handles.
        guard case .claimed = try other.claim("a", url: "https://a.example/feed", now: now + 900, until: now + 1200, force: false, known: seen) else {
            Issue.record("a due source is claimed")
            return
        }
        // A lease that ended (its poller died) returns the source without a save.
        guard case .busy = try store.claim("a", url: "https://a.example/feed", now: now + 1100, until: now + 1400) else {
            Issue.record("the lease holds until it ends")
            return
        }
        guard case .claimed = try store.claim("a", url: "https://a.example/feed", now: now + 1201, until: now + 1500) else {
            Issue.record("an ended lease returns the source")
            return
        }
        // A new URL starts the source afresh.
        try store.save(SourceState(id: "a", url: "https://a.example/feed"))
        guard case .claimed(let fresh) = try store.claim("a", url: "https://b.example/feed", now: now + 1300, until: now + 1600) else {
            Issue.record("a changed URL is claimed")
            return
        }
        #expect(fresh.fetchURL == "https://b.example/feed")
    }

    @Test(arguments: Backend.allCases) func manyClaimersAtOnceTakeEachSourceOnce(backend: Backend) async throws {
        let wire = try TestWire(sources: [("a", "https://a.example/feed")], backend: backend)
        defer { wire.remove() }
        let handles = try (0..<4).map { _ in try openStore(wire.config.store) }
        defer { for handle in handles { handle.close() } }
        let now = 1_800_000_000.0
        let ids = (0..<50).map { "s\($0)" }
        let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
            for handle in handles {
                group.addTask {
                    var mine: [String] = []
                    for id in ids.shuffled() {
                        if case .claimed = try await handle.claimAsync(
                            id, url: "https://x.example/\(id)", now: now, until: now + 300, force: false, known: nil)
                        {
                            mine.append(id)
                        }
                    }
                    return mine
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(claimed.sorted() == ids.sorted())
    }

    @Test(arguments: Backend.allCases) func aReportIsStoredOnceWhoeverStoresItAndChangesAreKeptApart(backend: Backend) async throws {
        let wire = try TestWire(sources: [("a", "https://a.example/feed")], backend: backend)
        defer { wire.remove() }
        let other = try openStore(wire.config.store)
        defer { other.close() }
        let now = 1_800_000_000.0
        let reports = (0..<30).map { Self.report("a", $0) }
        async let first = wire.store.applyAsync(reports, state: nil, now: now)
        async let second = other.applyAsync(reports, state: nil, now: now)
        let (one, two) = try await (first, second)
        #expect(one.inserted + two.inserted == 30)
        #expect(try wire.store.entryCount() == 30)
        // (Two writers racing may leave gaps in the numbers; never a number twice.)
        #expect(Set(try wire.store.entries(sourceID: "a").map(\.sequence)).count == 30)
        let highest = try wire.store.maxSequence()
        #expect(highest >= 30)
        // The same again changes nothing; a changed report keeps its id, first-seen and published times.
        let again = try wire.store.apply(reports, state: nil, now: now + 60)
        #expect(again.unchanged == 30)
        var changed = Self.report("a", 3, body: "Corrected")
        changed.firstSeen = now + 120
        let before = try #require(try wire.store.entry(sourceID: "a", key: changed.key))
        #expect(try other.apply([changed], state: nil, now: now + 120).updated == 1)
        let after = try #require(try wire.store.entry(sourceID: "a", key: changed.key))
        #expect(after.summary?.value == "Corrected 3")
        #expect(after.firstSeen == before.firstSeen)
        #expect(after.atomID == before.atomID)
        #expect(after.published == before.published)
        #expect(after.sequence == before.sequence)
        // Deleted: a tombstone keeps it out, and its number is never given again.
        #expect(try wire.store.delete(sourceID: "a", key: reports[29].key, now: now))
        #expect(try other.apply(reports, state: nil, now: now + 180).tombstoned == 1)
        #expect(try wire.store.apply([Self.report("a", 99)], state: nil, now: now).inserted == 1)
        let newest = try #require(try wire.store.entry(sourceID: "a", key: Self.report("a", 99).key))
        #expect(newest.sequence > Int64(highest))
        #expect(try wire.store.maxSequence() == Int(newest.sequence))
    }

    @Test(arguments: Backend.allCases) func readsPageThroughTheNewestAndFilterHeadlines(backend: Backend) throws {
        let wire = try TestWire(sources: [("a", "https://a.example/feed")], backend: backend)
        defer { wire.remove() }
        let now = 1_800_000_000.0
        // More than one page of the PostgreSQL reader (500), newest by their dates.
        _ = try wire.store.apply((0..<1_203).map { Self.report("a", $0) }, state: nil, now: now)
        var seen: [Int64] = []
        try wire.store.forEachLatest(limit: 1_100, offset: 50) { seen.append($0.sequence) }
        #expect(seen.count == 1_100)
        #expect(seen.first.map(Int.init) == 1_153)
        #expect(seen == seen.sorted(by: >))
        var archive: [Int64] = []
        try wire.store.forEachInSequenceRange(from: 2, through: 1_001) { archive.append($0.sequence) }
        #expect(archive == Array(2...1_001))
        // Search is case-insensitive and finds the editor's headline too; kinds narrow.
        let key = Self.report("a", 7).key
        try wire.store.setHeadline("Editors' WORD", sourceID: "a", key: key, editor: "ed", now: now)
        #expect(try wire.store.latest(limit: 10, sourceID: nil, kind: nil, search: "editors' word").map(\.key) == [key])
        #expect(try wire.store.latest(limit: 10, sourceID: "a", kind: .editor, search: nil).map(\.key) == [key])
        #expect(try wire.store.latest(limit: 5, sourceID: nil, kind: .unchanged, search: "report 1_").isEmpty)
        #expect(try wire.store.latest(limit: 500, sourceID: nil, kind: nil, search: "report 12").count == 1 + 10 + 3)
        #expect(try wire.store.entries(sequences: [1, 8, 9_999]).map(\.sequence) == [1, 8])
        #expect(try wire.store.headlineHistory(sourceID: "a", key: key).map(\.headline) == ["Editors' WORD"])
    }

    @Test(arguments: Backend.allCases) func aWireMovesToAnotherStoreWithNothingLostAndTheSameFeed(backend: Backend) async throws {
        // The wire polled into SQLite, with an editor's headline, a deletion and a host hold.
        let source = try TestWire(sources: [("a", "https://a.example/feed")], backend: .sqlite)
        defer { source.remove() }
        let now = 1_800_000_000.0
        var state = SourceState(id: "a", url: "https://a.example/feed")
        state.etag = "\"v1\""
        state.nextCheck = now + 900
        _ = try source.store.apply((0..<40).map { Self.report("a", $0) }, state: state, now: now)
        let edited = Self.report("a", 5).key
        try source.store.setHeadline("Editor's headline", sourceID: "a", key: edited, editor: "ed", now: now)
        try source.store.delete(sourceID: "a", key: Self.report("a", 39).key, now: now)
        try source.store.holdHost("a.example", until: now + 600)

        let target = try TestWire(sources: [("a", "https://a.example/feed")], backend: backend)
        defer { target.remove() }
        let counts = try source.store.copy(into: target.store, batch: 7)
        #expect(counts.entries == 39 && counts.overrides == 1 && counts.history == 1 && counts.tombstones == 1)
        #expect(counts.sequence == 40)
        #expect(try target.store.counts() == source.store.counts())
        #expect(try target.store.sourceState("a")?.etag == "\"v1\"")
        #expect(try target.store.entry(sourceID: "a", key: edited)?.wireHeadline == "Editor's headline")
        #expect(try target.store.hostHolds(now: now)["a.example"] == now + 600)
        // A copy goes only into an empty store.
        #expect(throws: StoreError.self) { _ = try source.store.copy(into: target.store) }

        // The same reports give the same feed, byte for byte, archives included.
        func feed(_ wire: TestWire) throws -> [Data] {
            let path = wire.directory + "/same.atom"
            let archives = wire.directory + "/archive"
            var config = wire.config
            config.output.archiveSize = 10
            _ = try WireGenerator(config: config, store: wire.store).generate(
                .init(path: path, limit: 25, archiveDirectory: archives))
            let pages = try FileManager.default.contentsOfDirectory(atPath: archives).sorted()
            return try [path].map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
                + pages.map { try Data(contentsOf: URL(fileURLWithPath: archives + "/" + $0)) }
        }
        let a = try feed(source), b = try feed(target)
        #expect(a.count > 1)
        #expect(a == b)
        // New reports continue after the highest number the old store gave.
        #expect(try target.store.apply([Self.report("a", 100)], state: nil, now: now).inserted == 1)
        #expect(try target.store.maxSequence() == 41)
    }

    @Test func aNewerPostgresSchemaIsRefusedWithItsKind() throws {
        let wire = try TestWire(sources: [("a", "https://a.example/feed")], backend: .postgres)
        defer { wire.remove() }
        try TestPostgres.psql(wire.config.store, "UPDATE mediawire_schema SET version = 99")
        let error = #expect(throws: StoreError.self) { _ = try openStore(wire.config.store) }
        #expect(error?.code == .newerSchema)
        #expect(error?.description.contains("schema version 99") == true)
    }

    @Test func theStoreURLIsReadAndItsPasswordComesFromTheEnvironmentOrThePasswordFile() throws {
        let address = try StoreLocation.postgres("postgres://wire@db.example:6543/news?sslmode=require")
        #expect(address.user == "wire" && address.host == "db.example" && address.port == 6543 && address.database == "news")
        #expect(address.tls == "require")
        #expect(address.description == "postgres://wire@db.example:6543/news?sslmode=require")
        #expect(throws: StoreError.self) { _ = try StoreLocation.postgres("postgres://wire:secret@db.example/news") }
        #expect(throws: StoreError.self) { _ = try StoreLocation.postgres("postgres://wire@db.example/news?sslmode=maybe") }
        let file = NSTemporaryDirectory() + "pgpass-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try """
        # comment
        other.example:*:*:wire:nope
        db.example:6543:news:wire:pa\\:ss
        *:*:*:*:fallback
        """.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(StoreLocation.password(for: address, environment: ["PGPASSFILE": file]) == "pa:ss")
        #expect(StoreLocation.password(for: address, environment: ["PGPASSFILE": file, "MEDIAWIRE_PG_PASSWORD": "env"]) == "env")
        var elsewhere = address
        elsewhere.database = "sports"
        #expect(StoreLocation.password(for: elsewhere, environment: ["PGPASSFILE": file]) == "fallback")
        #expect(StoreLocation.password(for: address, environment: ["HOME": "/nonexistent"]) == nil)
    }
}

/// Pollers sharing a PostgreSQL store keep one host's `per-host` limit between them.
@Suite struct SharedHostLimitTests {
    @Test func twoPollersOnOneServerKeepTheHostsLimitBetweenThem() async throws {
        let arrivals = NIOLockedTimes()
        let body = Array(Fixture.two.utf8)
        let server = try LoopbackServer { _ in
            arrivals.add()
            // Each answer takes 0.2 s: two at once would arrive together.
            return .slow(
                status: 200, headers: [("Content-Type", "application/rss+xml")], chunks: [Array(body.prefix(10)), Array(body.dropFirst(10))],
                interval: 0.2)
        }
        defer { server.stop() }
        let wire = try TestWire(
            sources: (0..<6).map { ("s\($0)", server.url("/feed/\($0)")) }, poll: "per-host: 1\nconcurrency: 4", backend: .postgres)
        defer { wire.remove() }
        let other = try openStore(wire.config.store)
        defer { other.close() }
        var options = Poller.Options()
        options.now = { Date().timeIntervalSince1970 }
        async let a = Poller(config: wire.config, store: wire.store, style: nil, options: options).run()
        async let b = Poller(config: wire.config, store: other, style: nil, options: options).run()
        let (ra, rb) = try await (a, b)
        #expect(ra.errors == 0 && rb.errors == 0)
        #expect(try wire.store.entryCount() == 12)
        let times = arrivals.sorted
        #expect(times.count == 6)
        let gaps = zip(times.dropFirst(), times).map { $0 - $1 }
        #expect(gaps.allSatisfy { $0 >= 0.15 }, "requests to one host overlapped: \(gaps)")
    }
}

final class NIOLockedTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Double] = []
    func add() {
        lock.lock(); times.append(Date().timeIntervalSince1970); lock.unlock()
    }
    var sorted: [Double] {
        lock.lock(); defer { lock.unlock() }
        return times.sorted()
    }
}
