import Foundation
import GRDB
import Testing

@testable import Wire

/// When to poll next, from what servers and feeds say.
@Suite struct ScheduleTests {
    @Test func retryAfterIsSecondsOrAnHTTPDate() {
        #expect(Schedule.retryAfter("120", now: 0) == 120)
        #expect(Schedule.retryAfter(" 0 ", now: 0) == 0)
        #expect(Schedule.retryAfter("-5", now: 0) == nil)
        #expect(Schedule.retryAfter("", now: 0) == nil)
        #expect(Schedule.retryAfter(nil, now: 0) == nil)
        // Sun, 06 Nov 1994 08:49:37 GMT is 784111777.
        #expect(Schedule.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_700) == 77)
        #expect(Schedule.retryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_800) == 0)
        #expect(Schedule.retryAfter("soon", now: 0) == nil)
    }

    @Test func maxAgeIsReadFromAnyDirectiveList() {
        #expect(Schedule.maxAge("public, max-age=600") == 600)
        #expect(Schedule.maxAge("MAX-AGE=\"30\", must-revalidate") == 30)
        #expect(Schedule.maxAge("s-maxage=900") == nil)
        #expect(Schedule.maxAge("no-cache") == nil)
        #expect(Schedule.maxAge(nil) == nil)
    }

    @Test func expiresInThePastOrInvalidIsNow() {
        #expect(Schedule.expires("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_677) == 100)
        #expect(Schedule.expires("Sun, 06 Nov 1994 08:49:37 GMT", now: 900_000_000) == 0)
        #expect(Schedule.expires("0", now: 0) == 0)
        #expect(Schedule.expires(nil, now: 0) == nil)
    }

    @Test func ttlIsMinutes() {
        #expect(Schedule.ttl("60") == 3_600)
        #expect(Schedule.ttl(" 15 ") == 900)
        #expect(Schedule.ttl("0") == nil)
        #expect(Schedule.ttl("an hour") == nil)
    }

    @Test func theDelayIsTheLongestHintWithinBounds() {
        #expect(Schedule.delay(interval: 900, hints: [nil, 3_600, 60], minimum: 300, maximum: 86_400) == 3_600)
        #expect(Schedule.delay(interval: 60, hints: [], minimum: 300, maximum: 86_400) == 300)
        #expect(Schedule.delay(interval: 900, hints: [1_000_000], minimum: 300, maximum: 86_400) == 86_400)
    }

    @Test func backoffDoublesPerFailureWithinItsCeiling() {
        let steps = (1...6).map { Schedule.backoff(errors: $0, interval: 600, minimum: 300, ceiling: 7_200, jitter: 1) }
        #expect(steps == [600, 1_200, 2_400, 4_800, 7_200, 7_200])
        #expect(Schedule.backoff(errors: 1, interval: 600, minimum: 300, ceiling: 7_200, jitter: 0.8) == 480)
        #expect(Schedule.backoff(errors: 1, interval: 100, minimum: 300, ceiling: 7_200, jitter: 0.8) == 300)
        #expect(Schedule.backoff(errors: 10_000, interval: 600, minimum: 300, ceiling: 7_200, jitter: 1.2) == 7_200)
        for _ in 0..<100 {
            let delay = Schedule.backoff(errors: 2, interval: 600, minimum: 300, ceiling: 7_200)
            #expect((960...1_440).contains(delay))
        }
    }
}

/// The per-host limit and the holds hosts ask for.
@Suite struct HostGateTests {
    @Test func aHostGetsNoMoreThanItsLimitAndWaitersGoInTurn() async {
        let gate = HostGate(perHost: 2, holds: [:])
        await gate.acquire("a")
        await gate.acquire("a")
        await gate.acquire("b")  // other hosts are not held up
        let third = Task {
            await gate.acquire("a"); return "third"
        }
        try? await Task.sleep(nanoseconds: 50_000_000)
        #expect(await gate.waiting("a") == 1)
        await gate.release("a")
        #expect(await third.value == "third")
        #expect(await gate.waiting("a") == 0)
        #expect(await gate.active("a") == 2)
        await gate.release("a")
        await gate.release("a")
        #expect(await gate.active("a") == 0)
    }

    @Test func aHoldLastsUntilItsTimeAndOnlyGrows() async {
        let gate = HostGate(perHost: 1, holds: ["a": 100])
        #expect(await gate.heldUntil("a", now: 50) == 100)
        #expect(await gate.heldUntil("a", now: 100) == nil)
        await gate.hold("a", until: 80)
        #expect(await gate.heldUntil("a", now: 50) == 100)
        await gate.hold("a", until: 200)
        #expect(await gate.heldUntil("a", now: 150) == 200)
        #expect(await gate.heldUntil("b", now: 0) == nil)
    }
}

/// The packed metadata of a stored entry reads back as written.
@Suite struct MetaCodecTests {
    @Test func everyFieldRoundTrips() throws {
        var meta = EntryMeta()
        meta.title = StoredText(type: "html", value: "", language: "ru", base: "https://a.example/", src: nil)
        var link = StoredLink(href: "https://a.example/1", rel: "alternate")
        link.type = "text/html"
        link.title = "Ссылка"
        link.hreflang = "ru"
        link.length = "123"
        meta.links = [link, StoredLink(href: "https://a.example/e.mp3", rel: "enclosure")]
        meta.published = StoredDate(text: "Tue, 10 Jun 2003 04:00:00 GMT", instant: 1_055_217_600)
        meta.updated = StoredDate(text: "not a date", instant: nil)
        meta.authors = [StoredPerson(name: "Олена", email: "o@a.example", uri: "https://a.example/o"), StoredPerson(name: nil, email: "x@a.example")]
        meta.contributors = [StoredPerson(name: "")]
        meta.categories = [StoredCategory(term: "World", scheme: "https://a.example/cat", label: nil)]
        meta.rights = StoredText(type: "text", value: "© 2026", language: nil, base: nil, src: nil)
        meta.summary = StoredText(type: "html", value: "", language: "en")
        meta.content = StoredText(type: "text/plain", value: "", src: "https://a.example/body.txt")
        meta.language = "en-GB"
        #expect(try EntryMeta(decoding: meta.encoded()) == meta)
        #expect(try EntryMeta(decoding: EntryMeta().encoded()) == EntryMeta())
    }

    @Test func aDamagedBlobIsAnErrorNotACrash() {
        var meta = EntryMeta()
        meta.links = [StoredLink(href: "https://a.example/1", rel: "alternate")]
        let bytes = meta.encoded()
        for cut in 0..<bytes.count {
            // Every truncation either fails cleanly or reads something; none crashes.
            _ = try? EntryMeta(decoding: Array(bytes[..<cut]))
        }
        #expect(throws: (any Error).self) { try EntryMeta(decoding: [99]) }
    }
}

/// A store written by an older MediaWire opens, migrated, with nothing lost.
@Suite struct MigrationTests {
    @Test func aVersionOneStoreIsMigratedInPlace() throws {
        let path = NSTemporaryDirectory() + "mediawire-migrate-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        // The schema as version 1 wrote it, with one report.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try SQLiteStore.migrations[0].1(db)
            try db.execute(sql: "PRAGMA user_version = 1")
            try db.execute(
                sql: """
                    INSERT INTO entry (sourceID, key, atomID, originalTitle, title, meta, firstSeen, lastSeen, sortTime, contentHash)
                    VALUES ('a', 'id:1', 'urn:a:1', 'Quake Hits Coast', 'Quake hits coast', ?, 1, 1, 1, 'h')
                    """, arguments: [Data(EntryMeta().encoded())])
        }
        try queue.close()
        let store = try SQLiteStore(path: path)
        let version = try store.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") }
        #expect(version == SQLiteStore.schemaVersion)
        let entry = try #require(try store.entry(named: "urn:a:1"))
        #expect(entry.title == "Quake hits coast")
        #expect(entry.styleFingerprint == "")  // v2: written under no known style
        #expect(entry.editorHeadline == nil)  // v3: the override table is there
        #expect(try store.setHeadline("Coast quake", sourceID: "a", key: "id:1", editor: "e", now: 2) != nil)
        // Opening again runs nothing more.
        #expect(try SQLiteStore(path: path).entry(sourceID: "a", key: "id:1")?.wireHeadline == "Coast quake")
    }

    @Test func aNewerStoreIsRefusedWithItsKind() throws {
        let path = NSTemporaryDirectory() + "mediawire-migrate-\(UUID().uuidString).sqlite"
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "PRAGMA user_version = \(SQLiteStore.schemaVersion + 1)") }
        try queue.close()
        let error = #expect(throws: StoreError.self) { try SQLiteStore(path: path) }
        #expect(error?.code == .newerSchema)
        #expect(error?.path == path)
    }
}
