import FeedValidation
import HouseStyle
import Syndication

// Parse a feed, headline its entries in a house style, validate it: the three libraries' front doors.
let rss = """
    <?xml version="1.0"?><rss version="2.0"><channel><title>Agency</title><link>https://agency.example/</link>
    <description>News</description>
    <item><title>BREAKING: Quake Hits Coast</title><link>https://agency.example/1</link><description>&lt;p&gt;One.&lt;/p&gt;</description></item>
    </channel></rss>
    """
var feed = FeedParser().parse(Array(rss.utf8))
ContentSafety.apply(to: &feed)
let style = try StyleLoader.load(yaml: "version: 1\nrules:\n  - strip: ['^BREAKING:\\s*']\n  - case: sentence\n")
let headline = style.restyle(entry: feed.entries[0], in: feed.dialect).headline
let report = FeedValidator().validate(Array(rss.utf8))
print("\(feed.dialect.displayName): \(headline); \(report.count(.error)) errors")
guard headline == "Quake hits coast", !report.hasErrors else { fatalError("unexpected: \(headline)") }
