import Testing

@testable import Syndication

@Suite struct AtomTests {
    let doc = """
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en" xml:base="http://example.org/news/">
          <id>tag:example.org,2026:feed</id>
          <title type="html">A &amp;lt;b&amp;gt; feed</title>
          <updated>2026-11-24T10:00:00Z</updated>
          <link rel="self" href="feed.atom"/>
          <author><name>Desk</name><email>desk@example.org</email><uri>/desk</uri></author>
          <entry xml:lang="ru">
            <id>tag:example.org,2026:1</id>
            <title>Первый</title>
            <link href="1.html"/>
            <link rel="enclosure" type="audio/mpeg" length="42" href="/a.mp3"/>
            <published>2026-11-24T09:00:00+03:00</published>
            <updated>2026-11-24T10:00:00Z</updated>
            <category term="world" scheme="http://example.org/cats" label="World"/>
            <summary>Short</summary>
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>world</b> &amp; more</p></div></content>
            <source><id>urn:src</id><title>Origin</title><link rel="self" href="http://origin.example/feed"/></source>
          </entry>
        </feed>
        """

    @Test func feedLevel() throws {
        let feed = parse(doc)
        #expect(!feed.isBozo)
        #expect(feed.id == "tag:example.org,2026:feed")
        #expect(feed.title?.kind == .html)
        #expect(feed.title?.value == "A &lt;b&gt; feed")
        #expect(feed.selfLink?.href == "http://example.org/news/feed.atom")
        #expect(feed.language == "en")
        let author = try #require(feed.authors.first)
        #expect(author.name == "Desk")
        #expect(author.email == "desk@example.org")
        #expect(author.uri == "http://example.org/desk")
        #expect(feed.updated?.instant == DateParser.instant(year: 2026, month: 11, day: 24, hour: 10))
    }

    @Test func entryLevel() throws {
        let entry = try #require(parse(doc).entries.first)
        #expect(entry.title?.value == "Первый")
        #expect(entry.title?.language == "ru")
        #expect(entry.alternateLink?.href == "http://example.org/news/1.html")
        #expect(entry.enclosures.first?.href == "http://example.org/a.mp3")
        #expect(entry.enclosures.first?.length == "42")
        #expect(entry.published?.text == "2026-11-24T09:00:00+03:00")
        #expect(entry.published?.instant == DateParser.instant(year: 2026, month: 11, day: 24, hour: 6))
        #expect(entry.categories == [Category(term: "world", scheme: "http://example.org/cats", label: "World")])
        #expect(entry.summary?.value == "Short")
        #expect(entry.content.first?.kind == .xhtml)
        #expect(entry.content.first?.value == "<p>Hello <b>world</b> &amp; more</p>")
        #expect(entry.source?.id == "urn:src")
        #expect(entry.source?.title?.value == "Origin")
        #expect(entry.source?.selfLink?.href == "http://origin.example/feed")
    }

    @Test func atom03ModesAndBase64() {
        let xml = """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry>
              <title mode="escaped" type="text/html">&lt;b&gt;x&lt;/b&gt;</title>
              <content type="application/octet-stream" mode="base64">SGVsbG8gd29ybGQ=</content>
              <issued>2004-01-01T00:00:00Z</issued><modified>2004-01-02T00:00:00Z</modified>
            </entry></feed>
            """
        let e = parse(xml).entries[0]
        #expect(e.title?.kind == .html)
        #expect(e.title?.value == "<b>x</b>")
        #expect(e.content.first?.value == "Hello world")
        #expect(e.published?.text == "2004-01-01T00:00:00Z")
        #expect(e.updated?.text == "2004-01-02T00:00:00Z")
    }

    @Test func contentByReference() {
        let xml = #"<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="video/mp4" src="http://e.org/m.mp4"/></entry></feed>"#
        #expect(parse(xml).entries[0].content.first?.src == "http://e.org/m.mp4")
    }

    @Test func xhtmlDivIsKeptWhenItDoesNotWrapEverything() {
        let xml =
            #"<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">a</div><div xmlns="http://www.w3.org/1999/xhtml">b</div></title></feed>"#
        #expect(parse(xml).title?.value == "<div>a</div><div>b</div>")
    }
}
