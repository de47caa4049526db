import Foundation
import HouseStyle
import Syndication
import Testing

/// The headline is the text a reader of the agency's feed sees: one extraction for polling,
/// `restyle --feed` and the store.
@Suite struct HeadlineTests {
    func firstTitle(_ xml: String) -> (String, Headline.Origin) {
        let feed = FeedParser().parse(Array(xml.utf8))
        return Headline.of(feed.entries[0], in: feed.dialect)
    }

    func rss(_ title: String) -> String {
        "<rss version=\"2.0\"><channel><title>A</title><item><title>\(title)</title><link>http://a.example/1</link></item></channel></rss>"
    }

    @Test func anRSSTitleWithEscapedMarkupReadsAsItsVisibleText() {
        // Markup feedparser's heuristic does not take for HTML (a script element) is still markup to a reader.
        #expect(
            firstTitle(rss("&lt;img src=x onerror=alert(1)&gt; Breaking &lt;script&gt;alert(2)&lt;/script&gt; news")).0
                == "Breaking news")
        #expect(firstTitle(rss("&lt;b&gt;Tom &amp;amp; Jerry&lt;/b&gt; return")).0 == "Tom & Jerry return")
        #expect(firstTitle(rss("Talks &lt;em&gt;resume&lt;/em&gt; in Geneva")).0 == "Talks resume in Geneva")
        #expect(firstTitle(rss("&lt;!-- teaser --&gt;Quake hits coast")).0 == "Quake hits coast")
        // Text that only looks like it holds a tag is kept as written.
        #expect(firstTitle(rss("Inflation &lt; 2% for the first time")).0 == "Inflation < 2% for the first time")
        #expect(firstTitle(rss("AT&amp;T and Q&amp;A: 3 &lt;&gt; 4")).0 == "AT&T and Q&A: 3 <> 4")
        #expect(firstTitle(rss("  Quake \n\t hits   coast ")).0 == "Quake hits coast")
    }

    @Test func anAtomTextTitleIsTakenAsWritten() {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id><updated>2026-01-01T00:00:00Z</updated>
            <entry><id>urn:a:1</id><updated>2026-01-01T00:00:00Z</updated><title type="text">Why &lt;blink&gt; is back</title></entry>
            <entry><id>urn:a:2</id><updated>2026-01-01T00:00:00Z</updated><title type="html">&lt;b&gt;Bold&lt;/b&gt; &amp;amp; brave</title></entry>
            </feed>
            """
        let feed = FeedParser().parse(Array(atom.utf8))
        #expect(Headline.of(feed.entries[0], in: feed.dialect).text == "Why <blink> is back")
        #expect(Headline.of(feed.entries[1], in: feed.dialect).text == "Bold & brave")
    }

    @Test func noHeadlineIsDerivedFromTheReportsFirstSentence() {
        let (text, origin) = firstTitle(
            """
            <rss version="2.0"><channel><title>A</title><item><description>&lt;p&gt;The U.S. envoy met Mr. Lavrov. Talks went on.&lt;/p&gt;</description></item></channel></rss>
            """.replacingOccurrences(of: "\n", with: ""))
        #expect(text == "The U.S. envoy met Mr. Lavrov.")
        #expect(origin == .summary)
    }
}
