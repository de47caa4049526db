import Foundation
import Testing

@testable import Syndication

@Suite struct DateParserTests {
    func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Double = 0) -> Date? {
        DateParser.instant(year: y, month: mo, day: d, hour: h, minute: mi, second: s)
    }

    @Test(arguments: [
        ("Tue, 24 Nov 2026 10:00:00 GMT", 10), ("Tue, 24 Nov 2026 10:00:00 +0000", 10),
        ("Tue, 24 Nov 2026 13:00:00 +0300", 10), ("Tue, 24 Nov 2026 05:00:00 EST", 10),
        ("Tue, 24 Nov 2026 02:00:00 PST", 10), ("Tue, 24 Nov 2026 04:00:00 CST", 10),
        ("24 Nov 2026 10:00:00 Z", 10), ("Tue,24 Nov 2026 10:00:00 UT", 10), ("Tue, 24 Nov 26 10:00:00 GMT", 10),
        ("Tue, 24 Nov 2026 10:00 GMT", 10), ("Tuesday, 24 November 2026 10:00:00 GMT", 10),
        ("Tue, 24 Nov 2026 14:30:00 +04:30", 10), ("24-Nov-2026 10:00:00 GMT", 10),
    ])
    func rfc822(text: String, hour: Int) {
        #expect(DateParser.parse(text) == utc(2026, 11, 24, hour), "\(text)")
    }

    @Test(arguments: [
        "2026-11-24T10:00:00Z", "2026-11-24T10:00:00+00:00", "2026-11-24T13:00:00+03:00", "2026-11-24T10:00Z",
        "2026-11-24 10:00:00Z", "20261124T100000Z", "2026-11-24T05:00:00-05:00",
    ])
    func w3cdtf(text: String) {
        #expect(DateParser.parse(text) == utc(2026, 11, 24, 10), "\(text)")
    }

    @Test func partialAndFractionalDates() {
        #expect(DateParser.parse("2026") == utc(2026, 1, 1))
        #expect(DateParser.parse("2026-11") == utc(2026, 11, 1))
        #expect(DateParser.parse("2026-11-24") == utc(2026, 11, 24))
        #expect(DateParser.parse("2026-11-24T10:00:00.250Z") == utc(2026, 11, 24, 10, 0, 0.25))
        #expect(DateParser.parse("2026-328") == utc(2026, 11, 24))
    }

    @Test func twoDigitYears() {
        #expect(DateParser.parse("Sat, 01 Jan 99 00:00:00 GMT") == utc(1999, 1, 1))
        #expect(DateParser.parse("Sat, 01 Jan 04 00:00:00 GMT") == utc(2004, 1, 1))
    }

    @Test func asctime() {
        #expect(DateParser.parse("Sun Jan  4 16:29:06 2004") == utc(2004, 1, 4, 16, 29, 6))
    }

    @Test(arguments: ["", "yesterday", "Tue, 32 Nov 2026 10:00:00 GMT", "2026-13-01", "Tue, 24 Nov 2026 25:99:00 GMT", "not a date at all 99"])
    func unparseableDatesKeepTheirText(text: String) {
        #expect(DateParser.parse(text) == nil)
        let feed = parse(rss("<item><pubDate>\(text)</pubDate></item>"))
        if !text.isEmpty { #expect(feed.entries[0].published?.text == text) }
    }

    @Test func utcFieldsMatchPythonGmtime() {
        // time.gmtime(1795514400) -> 2026-11-24 10:00:00, Tuesday (1), day 328
        #expect(DateParser.utcFields(Date(timeIntervalSince1970: 1_795_514_400)) == [2026, 11, 24, 10, 0, 0, 1, 328, 0])
        #expect(DateParser.utcFields(Date(timeIntervalSince1970: 0)) == [1970, 1, 1, 0, 0, 0, 3, 1, 0])
    }
}
