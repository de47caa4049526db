import Testing

@testable import Syndication

@Suite struct LimitTests {
    func items(_ n: Int) -> String { (1...n).map { "<item><title>\($0)</title></item>" }.joined() }

    @Test func entryLimitKeepsWhatWasRead() {
        var limits = ParseLimits()
        limits.maxEntries = 3
        let feed = parse(rss(items(10)), .init(limits: limits))
        #expect(feed.entries.map { $0.title?.value } == ["1", "2", "3"])
        #expect(feed.problems.contains { $0.kind == .limitExceeded && $0.message.contains("entries") })
    }

    @Test func depthLimit() {
        var limits = ParseLimits()
        limits.maxDepth = 50
        let deep = String(repeating: "<x>", count: 100) + String(repeating: "</x>", count: 100)
        let feed = parse(rss("<item><title>first</title></item><item>\(deep)</item>"), .init(limits: limits))
        #expect(feed.problems.contains { $0.kind == .limitExceeded && $0.message.contains("deeper") })
        #expect(feed.title?.value == "T")
    }

    @Test func textLimit() {
        var limits = ParseLimits()
        limits.maxTextBytes = 1000
        let feed = parse(
            rss("<item><title>ok</title></item><item><description>\(String(repeating: "x", count: 5000))</description></item>"),
            .init(limits: limits))
        #expect(feed.entries.count == 1)
        #expect(feed.problems.contains { $0.kind == .limitExceeded && $0.message.contains("text") })
    }

    @Test func byteLimitStopsTheStream() {
        var limits = ParseLimits()
        limits.maxBytes = 2000
        let session = FeedParser(options: .init(limits: limits)).session()
        let doc = Array(rss(items(500)).utf8)
        var offset = 0
        while offset < doc.count && !session.isStopped {
            session.push(doc[offset..<min(offset + 300, doc.count)])
            offset += 300
        }
        let feed = session.finish()
        #expect(session.isStopped)
        #expect(offset < doc.count)
        #expect(feed.entries.count > 10)
        #expect(feed.problems.contains { $0.kind == .limitExceeded && $0.message.contains("larger") })
    }
}
