import Foundation
import Testing

@testable import FeedValidation

/// Dublin Core, syndication, admin, content, Atom inside RSS, Media RSS, iTunes, FeedSync and
/// thread: each vocabulary's own rules, and unknown elements of known namespaces.
@Suite struct ExtensionTests {
    static let namespaces = """
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/" \
        xmlns:media="http://search.yahoo.com/mrss/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" \
        xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:admin="http://webns.net/mvcb/" \
        xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        """

    func feed(channel: String = "", item: String = "") -> String {
        rss(channel: channel, item: item).replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" \(Self.namespaces)")
    }

    @Test func dublinCore() {
        #expect(codes(feed(item: "<dc:date>2026-13-01</dc:date>")).contains("InvalidW3CDTFDate"))
        #expect(codes(feed(item: "<dc:date>2026-12-01T10:00Z</dc:date>")).isEmpty)
        #expect(codes(feed(channel: "<dc:language>en</dc:language><dc:language>fr</dc:language>")).contains("DuplicateElement"))
        #expect(codes(feed(item: "<dc:creator>A</dc:creator><dc:creator>B</dc:creator>")).isEmpty)
        #expect(codes(feed(item: "<dc:nonsense>x</dc:nonsense>")).contains("UndefinedElement"))
        #expect(codes(feed(item: "<dc:creator>A</dc:creator><author>a@example.org (A)</author>")).contains("DuplicateItemSemantics"))
    }

    @Test func syndicationAndAdmin() {
        #expect(codes(feed(channel: "<sy:updatePeriod>fortnightly</sy:updatePeriod>")).contains("InvalidUpdatePeriod"))
        #expect(codes(feed(channel: "<sy:updateFrequency>0</sy:updateFrequency>")).contains("InvalidPositiveInteger"))
        #expect(codes(feed(channel: "<admin:generatorAgent/>")).contains("MissingAttribute"))
        #expect(codes(feed(channel: "<admin:generatorAgent rdf:resource=\"http://example.org/gen\"/>")).isEmpty)
    }

    @Test func mediaRSS() {
        #expect(codes(feed(item: "<media:content url=\"http://example.org/v.mp4\" width=\"-3\"/>")).contains("InvalidPositiveInteger"))
        #expect(codes(feed(item: "<media:content url=\"http://example.org/v.mp4\" medium=\"hologram\"/>")).contains("InvalidMediaMedium"))
        #expect(codes(feed(item: "<media:rating scheme=\"urn:mpaa\">tv-ma</media:rating>")).contains("InvalidMediaRating"))
        // The predefined schemes' values are lower case.
        #expect(codes(feed(item: "<media:rating scheme=\"urn:mpaa\">PG</media:rating>")).contains("InvalidMediaRating"))
        #expect(codes(feed(item: "<media:rating scheme=\"urn:mpaa\">pg</media:rating>")).isEmpty)
        #expect(
            codes(feed(item: "<media:group><media:content url=\"http://example.org/v.mp4\"/></media:group>")).contains(
                "MediaGroupWithoutAlternatives"))
        #expect(codes(feed(item: "<media:title>a</media:title><media:title>b</media:title>")).contains("DuplicateElement"))
        #expect(codes(feed(item: "<media:thumbnail url=\"http://example.org/t.jpg\" time=\"12:05:01.123\"/>")).isEmpty)
    }

    @Test func iTunes() {
        #expect(codes(feed(channel: "<itunes:category text=\"Nonsense\"/>")).contains("InvalidItunesCategory"))
        let podcast = "<itunes:explicit>false</itunes:explicit><itunes:owner><itunes:email>desk@example.org</itunes:email></itunes:owner>"
        #expect(
            codes(feed(channel: podcast + "<itunes:category text=\"News\"><itunes:category text=\"Daily News\"/></itunes:category>"))
                .isEmpty)
        #expect(codes(feed(channel: "<itunes:duration>10:00</itunes:duration>")).contains("UndefinedElement"))
        #expect(codes(feed(item: "<itunes:duration>00:07:74</itunes:duration>")).contains("InvalidDuration"))
        #expect(codes(feed(channel: "<itunes:explicit>very</itunes:explicit>")).contains("InvalidTrueFalse"))
        #expect(codes(feed(channel: "<itunes:owner><itunes:name>A</itunes:name></itunes:owner>")).contains("MissingElement"))
    }

    /// Apple's specification puts each iTunes element at the show's level, the episode's, or
    /// both; and the owner's name and e-mail inside itunes:owner only.
    @Test func iTunesElementsWhereAppleSpecifiesThem() {
        let podcast = "<itunes:explicit>false</itunes:explicit><itunes:owner><itunes:email>desk@example.org</itunes:email></itunes:owner>"
        let show = podcast + "<itunes:category text=\"News\"/>"
        for episodeOnly in ["<itunes:season>2</itunes:season>", "<itunes:episodeType>full</itunes:episodeType>"] {
            #expect(codes(feed(channel: show + episodeOnly)) == ["UndefinedElement"], "\(episodeOnly)")
            #expect(codes(feed(channel: show, item: episodeOnly)).isEmpty, "\(episodeOnly)")
        }
        for showOnly in ["<itunes:category text=\"News\"/>", "<itunes:new-feed-url>http://example.org/new</itunes:new-feed-url>"] {
            #expect(codes(feed(channel: show, item: showOnly)) == ["UndefinedElement"], "\(showOnly)")
        }
        for both in ["<itunes:author>Desk</itunes:author>", "<itunes:block>no</itunes:block>", "<itunes:title>T</itunes:title>"] {
            #expect(codes(feed(channel: show + both, item: both)).isEmpty, "\(both)")
        }
        #expect(codes(feed(channel: show + "<itunes:email>desk@example.org</itunes:email>")) == ["UndefinedElement"])
        #expect(
            codes(feed(channel: show.replacingOccurrences(of: "</itunes:owner>", with: "<itunes:author>A</itunes:author></itunes:owner>")))
                == ["UndefinedElement"])
    }

    /// FeedBurner's flares point with IRI references: relative ones resolve by xml:base in Atom,
    /// while RSS has nothing to resolve them against.
    @Test func feedFlareReferences() {
        let flare = """
            <feedburner:feedFlare xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0" \
            href="http://example.org/f" src="flare.png">Flare</feedburner:feedFlare>
            """
        #expect(codes(rss(channel: flare)) == ["ContainsRelRef"])
        #expect(codes(atom(feed: flare)).isEmpty)
        #expect(codes(rss(channel: flare.replacingOccurrences(of: "flare.png", with: "not a uri"))).contains("InvalidUriChar"))
    }

    @Test func contentEncodedIsCheckedForSafety() {
        #expect(codes(feed(item: "<content:encoded>&lt;script&gt;x()&lt;/script&gt;</content:encoded>")).contains("SecurityRisk"))
    }

    @Test func atomInsideRSS() {
        #expect(codes(rss(channel: "<atom:link rel=\"self\"/>")).contains("MissingHref"))
        let noSelf = rss().replacingOccurrences(
            of: "<atom:link rel=\"self\" href=\"http://example.org/rss.xml\" type=\"application/rss+xml\"/>",
            with: "<atom:link rel=\"hub\" href=\"http://example.org/hub\"/>")
        #expect(codes(noSelf).contains("MissingAtomSelfLink"))
    }

    @Test func feedSyncAndThread() {
        let sx = atom(
            entry: """
                <sx:sync xmlns:sx="http://feedsync.org/2007/feedsync" id="item 1" updates="0"/>
                """)
        let found = codes(sx)
        #expect(found.contains("InvalidNSS"))
        #expect(found.contains("InvalidPositiveInteger"))
        #expect(found.contains("MissingElement"))
        // Every FeedSync counter is 32-bit, and a related feed's title is plain text.
        let history = "<sx:history sequence=\"1\" when=\"2026-12-01T10:00:00Z\" by=\"a\"/>"
        let overflow = atom(
            entry: "<sx:sync xmlns:sx=\"http://feedsync.org/2007/feedsync\" id=\"i1\" updates=\"2147483648\">\(history)</sx:sync>")
        #expect(codes(overflow) == ["IntegerOverflow"])
        let related = atom(
            feed: """
                <sx:sharing xmlns:sx="http://feedsync.org/2007/feedsync"><sx:related link="http://example.org/all.xml" \
                type="complete" title="&lt;b&gt;All&lt;/b&gt;"/></sx:sharing>
                """)
        #expect(codes(related) == ["ContainsHTML"])
        let thr = atom(
            entry: """
                <thr:in-reply-to xmlns:thr="http://purl.org/syndication/thread/1.0" ref="relative"/>
                """)
        #expect(codes(thr).contains("InvalidFullLink"))
    }

    @Test func theWiresOriginalHeadlineIsDublinCoreAndAPrivateNamespaceIsUnknown() {
        // The wire carries the agency's headline as dcterms:alternative, which validators know.
        let xml = atom(entry: "<dcterms:alternative xmlns:dcterms=\"http://purl.org/dc/terms/\">BREAKING: x</dcterms:alternative>")
        #expect(codes(xml).isEmpty)
        // A namespace no validator knows (as our earlier mw: was) is reported, as the W3C does.
        #expect(
            codes(atom(entry: "<mw:original-title xmlns:mw=\"https://mediawire.dev/ns/2026\">x</mw:original-title>"))
                .contains("UnknownNamespace"))
    }
}
