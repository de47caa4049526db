import Testing

@testable import Syndication

@Suite struct RSSTests {
    @Test func itemCore() throws {
        let feed = parse(
            rss(
                """
                <item>
                  <title>Report</title><link>https://www.rt.com/news/1/</link>
                  <guid isPermaLink="false">rt-1</guid>
                  <description><![CDATA[<p>Body</p>]]></description>
                  <pubDate>Tue, 24 Nov 2026 10:00:00 +0300</pubDate>
                  <author>ivan@rt.com (Ivan Petrov)</author>
                  <category domain="http://rt.com/sections">World</category>
                  <enclosure url="https://cdn.rt.com/a.jpg" length="100" type="image/jpeg"/>
                  <comments>https://www.rt.com/news/1/#comments</comments>
                  <source url="https://other.example/rss">Other</source>
                </item>
                """, channel: "<title>RT</title><link>https://www.rt.com/</link><ttl>15</ttl><language>en</language>"))
        #expect(feed.ttl == "15")
        #expect(feed.language == "en")
        let item = try #require(feed.entries.first)
        #expect(item.id == "rt-1")
        #expect(item.idIsPermalink == false)
        #expect(item.title?.kind == .text)
        #expect(item.summary?.kind == .html)
        #expect(item.summary?.value == "<p>Body</p>")
        #expect(item.published?.instant == DateParser.instant(year: 2026, month: 11, day: 24, hour: 7))
        #expect(item.authors == [Person(name: "Ivan Petrov", email: "ivan@rt.com", text: "ivan@rt.com (Ivan Petrov)")])
        #expect(item.categories == [Category(term: "World", scheme: "http://rt.com/sections")])
        #expect(item.enclosures == [Link(href: "https://cdn.rt.com/a.jpg", rel: "enclosure", type: "image/jpeg", length: "100")])
        #expect(item.comments == "https://www.rt.com/news/1/#comments")
        #expect(item.source?.title?.value == "Other")
        #expect(item.source?.selfLink?.href == "https://other.example/rss")
    }

    @Test func channelImageAndTextInput() throws {
        let feed = parse(
            rss(
                "",
                channel: """
                    <title>T</title>
                    <image><url>https://e.org/logo.png</url><title>Logo</title><link>https://e.org/</link><width>88</width><height>31</height></image>
                    <textInput><title>Search</title><description>Find</description><name>q</name><link>https://e.org/s</link></textInput>
                    <skipHours><hour>1</hour><hour>2</hour></skipHours><skipDays><day>Sunday</day></skipDays>
                    <cloud domain="rpc.e.org" port="80" path="/RPC2" registerProcedure="p" protocol="xml-rpc"/>
                    """))
        let image = try #require(feed.image)
        #expect(image.url == "https://e.org/logo.png")
        #expect(image.title?.value == "Logo")
        #expect(image.width == "88")
        #expect(feed.textInput?.name == "q")
        #expect(feed.textInput?.description?.value == "Find")
        #expect(feed.skipHours == ["1", "2"])
        #expect(feed.skipDays == ["Sunday"])
        #expect(feed.cloud?["domain"] == "rpc.e.org")
        #expect(feed.links.count == 0)
    }

    @Test func plainTextThatIsHTMLIsMarkedHTML() {
        let feed = parse(rss("<item><title>a &lt;b&gt;bold&lt;/b&gt; move</title></item>"))
        #expect(feed.entries[0].title?.kind == .html)
        let plain = parse(rss("<item><title>5 &lt; 6</title></item>"))
        #expect(plain.entries[0].title?.kind == .text)
    }

    @Test func inlineMarkupInDescriptionIsXHTML() {
        let feed = parse(rss("<item><description>Hello <b>there</b> &amp; you</description></item>"))
        #expect(feed.entries[0].summary?.kind == .xhtml)
        #expect(feed.entries[0].summary?.value == "Hello <b>there</b> &amp; you")
    }

    @Test func secondSummaryBecomesContent() {
        let feed = parse(
            rss(
                "<item><description>short</description><itunes:summary>long one</itunes:summary></item>",
                namespaces: "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""))
        #expect(feed.entries[0].summary?.value == "short")
        #expect(feed.entries[0].content.map(\.value) == ["long one"])
    }
}
