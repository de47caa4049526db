import Foundation
import Testing

@testable import Syndication

/// The one helper for work on several threads: the same results as doing it in turn, whatever
/// the number of items against the number of workers.
@Suite struct ParallelTests {
    @Test(arguments: [0, 1, 2, 7, 999, 1_000, 4_097, 20_001])
    func mapKeepsOrderAndEveryElement(count: Int) {
        let items = (0..<count).map { "item \($0)" }
        let mapped = Parallel.map(items, minimumPerWorker: 3) { $0.uppercased() + "!" }
        #expect(mapped == items.map { $0.uppercased() + "!" })
    }

    @Test(arguments: [0, 1, 5, 64, 10_001])
    func updateChangesEachElementOnce(count: Int) {
        var items = Array(0..<count)
        Parallel.update(&items, minimumPerWorker: 2) { $0 = $0 * 3 + 1 }
        #expect(items == (0..<count).map { $0 * 3 + 1 })
    }

    @Test func bothRunsAtOnceAndReturnsEachResult() {
        // The two halves wait for each other: done in turn, this could not finish.
        let here = DispatchSemaphore(value: 0), there = DispatchSemaphore(value: 0)
        var local: [Int] = []  // not Sendable, used on this thread only
        let (a, b) = Parallel.both(
            {
                here.signal()
                there.wait()
                local.append(1)
                return local.count
            },
            alongside: {
                there.signal()
                here.wait()
                return "other thread"
            })
        #expect(a == 1)
        #expect(b == "other thread")
    }

    @Test func cleaningAFeedOnManyCoresIsCleaningItInTurn() {
        let items = (0..<300).map {
            "<item><title>t\($0)</title><description>&lt;p onclick=\"x()\"&gt;Body \($0) &lt;script&gt;bad()&lt;/script&gt;&lt;/p&gt;</description></item>"
        }
        let xml = "<rss version=\"2.0\"><channel><title>A</title>\(items.joined())</channel></rss>"
        var together = FeedParser().parse(Array(xml.utf8))
        ContentSafety.apply(to: &together)
        let inTurn = FeedParser().parse(Array(xml.utf8)).entries.map { entry -> String in
            var one = Feed()
            one.entries = [entry]
            ContentSafety.apply(to: &one)
            return one.entries[0].summary?.value ?? ""
        }
        #expect(together.entries.map { $0.summary?.value ?? "" } == inTurn)
        #expect(inTurn[7] == "<p>Body 7 </p>")
    }
}
