import FeedValidation

func validate(_ xml: String) -> ValidationReport {
    FeedValidator().validate(Array(xml.utf8))
}

func codes(_ xml: String) -> [String] {
    validate(xml).diagnostics.map(\.code)
}

/// A complete, valid Atom feed with `entry` markup inside its one entry.
func atom(feed: String = "", entry: String = "") -> String {
    // Entries should carry text; the tests that give their own summary or content say so.
    let text = entry.contains("<summary") || entry.contains("<content") ? "" : "<summary>Text.</summary>"
    return """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Example</title>
          <link rel="self" href="http://example.org/feed.atom"/>
          <link href="http://example.org/"/>
          <updated>2026-12-01T10:00:00Z</updated>
          <author><name>Desk</name></author>
          <id>tag:example.org,2026:feed</id>
          \(feed)
          <entry>
            <title>Report</title>
            <link href="http://example.org/1"/>
            <id>tag:example.org,2026:1</id>
            <updated>2026-12-01T10:00:00Z</updated>
            \(text)\(entry)
          </entry>
        </feed>
        """
}

/// A complete, valid RSS 2.0 feed with `item` markup inside its one item.
func rss(channel: String = "", item: String = "") -> String {
    """
    <?xml version="1.0" encoding="utf-8"?>
    <rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
    <channel>
    <title>Example</title>
    <link>http://example.org/</link>
    <description>News</description>
    <language>en</language>
    <atom:link rel="self" href="http://example.org/rss.xml" type="application/rss+xml"/>
    \(channel)
    <item>
    <title>Report</title>
    <link>http://example.org/1</link>
    <guid>http://example.org/1</guid>
    \(item)
    </item>
    </channel>
    </rss>
    """
}
