import FeedValidation
import Foundation
import TestSupport
import Testing

/// Each message class from what the W3C's documentation of it says (`docs/CLASS.xml` in
/// `../shared/conformance/feedvalidator`): a document with the fault it describes reports the
/// class, and the same document put right as the documentation advises does not.
@Suite struct MessageClassTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let messageClass: MessageClass
        let fault: [UInt8]
        let fixed: [UInt8]
        var testDescription: String { messageClass.name }

        init(_ messageClass: MessageClass, _ fault: String, _ fixed: String) {
            self.messageClass = messageClass
            self.fault = Array(fault.utf8)
            self.fixed = Array(fixed.utf8)
        }

        init(_ messageClass: MessageClass, bytes fault: [UInt8], _ fixed: [UInt8]) {
            self.messageClass = messageClass
            self.fault = fault
            self.fixed = fixed
        }
    }

    static let selfLink = "<atom:link rel=\"self\" href=\"http://example.org/rss.xml\" type=\"application/rss+xml\"/>"
    static let itunes = "xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
    static let podcast =
        "<itunes:category text=\"News\"/><itunes:explicit>false</itunes:explicit><itunes:owner><itunes:email>desk@example.org</itunes:email></itunes:owner>"

    static func podcastRSS(channel: String = podcast, item: String = "", encoding: String = "utf-8") -> String {
        rss(channel: channel, item: item).replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" \(itunes)")
            .replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"\(encoding)\"")
    }

    static func secondEntry(updated: String) -> String {
        "<entry><title>Other</title><link href=\"http://example.org/2\"/><id>tag:example.org,2026:2</id><updated>\(updated)</updated><summary>Text.</summary></entry>"
    }

    static func netscape(version: String, body: String = "") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
        <rss version="\(version)"><channel><title>T \(body)</title><link>http://example.org/</link><description>D</description><language>en</language></channel></rss>
        """
    }

    static func subset(_ declaration: String) -> String {
        rss().replacingOccurrences(of: "<rss version", with: "<!DOCTYPE rss [\n\(declaration)\n]>\n<rss version")
    }

    static func archive(links: String) -> String {
        atom(feed: "<fh:archive xmlns:fh=\"http://purl.org/syndication/history/1.0\"/>" + links)
    }

    /// An RSS 1.0 document with one item; `li` is the attribute of its `rdf:li`.
    static func rss10(li: String = "rdf:resource=\"http://example.org/1\"") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
            xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="http://example.org/rss"><title>T</title><link>http://example.org/</link><description>D</description>
        <dc:language>en</dc:language><items><rdf:Seq><rdf:li \(li)/></rdf:Seq></items></channel>
        <item rdf:about="http://example.org/1"><title>One</title><link>http://example.org/1</link></item>
        </rdf:RDF>
        """
    }

    /// An Atom Publishing Protocol service document (RFC 5023 §8) with `collection` inside its
    /// one collection.
    static func service(_ collection: String = "<accept>image/png</accept>") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <service xmlns="http://www.w3.org/2007/app" xmlns:atom="http://www.w3.org/2005/Atom">
          <workspace><atom:title>Main</atom:title>
            <collection href="http://example.org/pictures"><atom:title>Pictures</atom:title>\(collection)</collection>
          </workspace>
        </service>
        """
    }

    /// An APP category document (RFC 5023 §7) with `attributes` on app:categories and `children`.
    static func categories(_ attributes: String, _ children: String = "") -> String {
        """
        <?xml version="1.0" encoding="utf-8"?>
        <app:categories xmlns:app="http://www.w3.org/2007/app" xmlns:atom="http://www.w3.org/2005/Atom" \(attributes)>\(children)</app:categories>
        """
    }

    static let georss = "xmlns:georss=\"http://www.georss.org/georss\""

    static let cases: [Case] = [
        // "RDF Parsing Error": RSS 1.0 is RDF/XML, where a property holds text or one resource —
        // markup inside a description is a resource holding text, which RDF has no reading of.
        Case(
            .invalidRDF,
            rss10().replacingOccurrences(of: "<description>D</description>", with: "<description>D <b>bold</b></description>"),
            rss10().replacingOccurrences(of: "<description>D</description>", with: "<description>D &lt;b&gt;bold&lt;/b&gt;</description>")),
        // "Image not in required format": the channel's image is a GIF, JPEG or PNG.
        Case(
            .imageUrlFormat,
            rss(channel: "<image><url>http://example.org/logo.bmp</url><title>T</title><link>http://example.org/</link></image>"),
            rss(channel: "<image><url>http://example.org/logo.PNG?v=2</url><title>T</title><link>http://example.org/</link></image>")),
        // "Misplaced XHTML content": XHTML as an extension of an entry, not in its content.
        Case(
            .misplacedXHTMLContent,
            atom(entry: "<xhtml:img xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" src=\"http://example.org/i.png\"/>"),
            atom(
                entry:
                    "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"http://example.org/i.png\"/></div></content>"
            )),
        // "Same-document reference": a link that resolves to an xml:base naming a directory.
        Case(
            .sameDocumentReference,
            atom(entry: "<link rel=\"related\" href=\".\" xml:base=\"http://example.org/blog/\"/>"),
            atom(entry: "<link rel=\"related\" href=\"blog/\" xml:base=\"http://example.org/\"/>")),
        // "Invalid Coordinate": a point is one latitude-longitude pair.
        Case(
            .invalidCoord, ext(georss, item: "<georss:point>45.256</georss:point>"), ext(georss, item: "<georss:point>45.256 -110.45</georss:point>")),
        // "Invalid Coordinate" (a list): a line is two or more pairs; a polygon closes on its first.
        Case(
            .invalidCoordList, ext(georss, item: "<georss:polygon>45 -110 46 -109 47 -108 48 -107</georss:polygon>"),
            ext(georss, item: "<georss:polygon>45 -110 46 -109 47 -108 45 -110</georss:polygon>")),
        // "Comma found in coordinate pair": the pair is separated by a space.
        Case(
            .coordComma, ext(georss, item: "<georss:point>45.256,-110.45</georss:point>"),
            ext(georss, item: "<georss:point>45.256 -110.45</georss:point>")),
        // "Categories can't have both href and foo attributes" (RFC 5023 §7.2.1).
        Case(
            .conflictingCatAttr, categories("href=\"http://example.org/cats\" scheme=\"http://example.org/s/\""),
            categories("href=\"http://example.org/cats\"")),
        // "Categories can't have both href attributes and children".
        Case(
            .conflictingCatChildren, categories("href=\"http://example.org/cats\"", "<atom:category term=\"a\"/>"),
            categories("fixed=\"yes\"", "<atom:category term=\"a\"/>")),
        // "Undocumented use of element": an Atom element in a collection, where APP gives it no meaning.
        Case(.questionableUsage, service("<atom:id>http://example.org/c</atom:id>"), service()),
        // "Undefined media-range parameter": app:accept has no notion of preference.
        Case(.undefinedParam, service("<accept>image/png;q=0.5</accept>"), service("<accept>image/png</accept>")),
        // "Invalid value for access:restriction": allow or deny.
        Case(
            .invalidAccessRestrictionRel,
            ext("xmlns:access=\"http://www.bloglines.com/about/specs/fac-1.0\"", item: "").replacingOccurrences(
                of: "<channel>", with: "<access:restriction relationship=\"Noncommercial\"/><channel>"),
            ext("xmlns:access=\"http://www.bloglines.com/about/specs/fac-1.0\"", item: "").replacingOccurrences(
                of: "<channel>", with: "<access:restriction relationship=\"deny\"/><channel>")),
        // RSS 1.0: "rdf:li … rdf:resource" — the structure carries the RDF attributes its
        // specification names.
        Case(.unexpectedAttribute, rss10(li: "rdf:resources=\"http://example.org/1\""), rss10()),
        // RDF/XML: rdf:parseType="Literal" makes the element's content an XML literal, not RSS.
        Case(
            .undefinedElement, rss10().replacingOccurrences(of: "<description>D</description>", with: "<description><b>D</b></description>"),
            rss10().replacingOccurrences(
                of: "<description>D</description>", with: "<description rdf:parseType=\"Literal\"><b>D</b></description>")),
        // "If included, day-of-week must be the day implied by the date specification."
        Case(
            .incorrectDOW, rss(item: "<pubDate>Sat, 31 Dec 1999 23:59:59 EST</pubDate>"),
            rss(item: "<pubDate>Fri, 31 Dec 1999 23:59:59 EST</pubDate>")),
        // "a feed should contain an atom:link used for this purpose" (the RSS Best Practices Profile).
        Case(.missingAtomSelfLink, rss().replacingOccurrences(of: selfLink, with: ""), rss()),
        // "The item contains an element that duplicates the semantics of the description element …
        // Remove other elements that provide the same function." (Atom content with src points
        // elsewhere and describes nothing.)
        Case(
            .duplicateDescriptionSemantics, rss(item: "<description>Foo</description><atom:summary>Bar</atom:summary>"),
            rss(item: "<description>Foo</description><atom:content src=\"http://example.org/a\" type=\"text/html\"/>")),
        Case(
            .duplicateDescriptionSemantics, rss(item: "<atom:content>Bar</atom:content><description>Foo</description>"),
            rss(item: "<atom:content>Bar</atom:content>")),
        // A namespace written in another case is not the namespace: said once; its elements are
        // still checked as the vocabulary meant ("itunes:summary" holds no HTML).
        Case(
            .invalidNamespace,
            podcastRSS(item: "<itunes:summary>Plain</itunes:summary>").replacingOccurrences(of: "dtds/podcast", with: "DTDs/Podcast"),
            podcastRSS(item: "<itunes:summary>Plain</itunes:summary>")),
        Case(
            .containsHTML,
            podcastRSS(item: "<itunes:summary>A &lt;b&gt;bold&lt;/b&gt; show</itunes:summary>")
                .replacingOccurrences(of: "dtds/podcast", with: "DTDs/Podcast"),
            podcastRSS(item: "<itunes:summary>A bold show</itunes:summary>").replacingOccurrences(of: "dtds/podcast", with: "DTDs/Podcast")),
        // "This element appears to contain escaped HTML, but it has declared itself as xhtml …
        // unescape the content": escaped markup alone in the div; the fix is the markup itself.
        Case(
            .notInline,
            atom(entry: "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">My &lt;b&gt;Bold&lt;/b&gt; Content</div></content>"),
            atom(entry: "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">My <b>Bold</b> Content</div></content>")),
        Case(
            .notInline,
            atom(entry: "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><![CDATA[My <b>Bold</b> Content]]></div></content>"),
            atom(entry: "<content type=\"html\">My &lt;b&gt;Bold&lt;/b&gt; Content</content>")),
        // "A publisher should encode … '<' in plain text using hexadecimal character references":
        // written &lt; before a letter, it starts a tag for readers that treat a title as HTML.
        Case(
            .characterData, rss().replacingOccurrences(of: "<title>Report</title>", with: "<title>Use the &lt;a&gt; tag</title>"),
            rss().replacingOccurrences(of: "<title>Report</title>", with: "<title>Use the &#x3C;a&#x3E; tag</title>")),
        Case(
            .characterData, rss().replacingOccurrences(of: "<title>Report</title>", with: "<title>Q&amp;A: x &lt;y</title>"),
            rss().replacingOccurrences(of: "<title>Report</title>", with: "<title>Q&amp;A: x &lt; y</title>")),
        // "Employ the use of default namespaces (i.e., xmlns=) in all Atom and XHTML elements that
        // appear in your feed."
        Case(
            .avoidNamespacePrefix,
            atom(entry: "<content type=\"xhtml\"><x:div xmlns:x=\"http://www.w3.org/1999/xhtml\">A <x:b>bold</x:b> move</x:div></content>"),
            atom(entry: "<content type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\">A <b>bold</b> move</div></content>")),
        // "some HTML tags, like script, are potentially dangerous": also in HTML sent base64-encoded
        // under another media type.
        Case(
            .securityRisk,
            atom(
                entry:
                    "<content type=\"application/html\">PHA+U2FmZTwvcD48c2NyaXB0PmxvY2F0aW9uLmhyZWY9Imh0dHA6Ly9leGFtcGxlLmNvbS8iPC9zY3JpcHQ+</content><summary>S</summary>"
            ),
            atom(entry: "<content type=\"application/html\">PHA+U2FmZTwvcD4=</content><summary>S</summary>")),
        // "Placing plain text in an element intended to be rendered as HTML": a reference to a
        // control character (the Windows-1252 smart quote &#x92;) is no HTML character.
        Case(
            .notHtml, rss(item: "<description>isn&amp;#x92;t</description>"),
            rss(item: "<description>isn&amp;#x2019;t</description>")),
        Case(
            .notHtml, atom(entry: "<summary type=\"html\">x &amp;#1; y</summary>"),
            atom(entry: "<summary type=\"html\">x &amp;#10; y</summary>")),
        // "an item should not contain more than one enclosure."
        Case(
            .duplicateEnclosure,
            rss(
                item: "<enclosure url=\"http://example.org/a.mp3\" length=\"1\" type=\"audio/mpeg\"/>"
                    + "<enclosure url=\"http://example.org/b.mp3\" length=\"1\" type=\"audio/mpeg\"/>"),
            rss(item: "<enclosure url=\"http://example.org/a.mp3\" length=\"1\" type=\"audio/mpeg\"/>")),
        // "it would be generally inappropriate … to apply the same timestamp to several entries."
        Case(.duplicateUpdated, atom(feed: secondEntry(updated: "2026-12-01T10:00:00Z")), atom(feed: secondEntry(updated: "2026-12-01T09:12:00Z"))),
        // "URIs (such as tag: URIs), as opposed to URLs, only identify … not suitable for permalinks."
        Case(
            .invalidPermalink, rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid>tag:example.org,2026:1</guid>"),
            rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid isPermaLink=\"false\">tag:example.org,2026:1</guid>")),
        // "All metadata elements must appear before the first entry in a feed."
        Case(
            .misplacedMetadata, atom(feed: secondEntry(updated: "2026-12-01T09:00:00Z") + "<subtitle>Late</subtitle>"),
            atom(feed: "<subtitle>Early</subtitle>" + secondEntry(updated: "2026-12-01T09:00:00Z"))),
        // "skipHours can not contain more than 24 hour elements."
        Case(
            .notEnoughHoursInTheDay, rss(channel: "<skipHours>" + (0...24).map { "<hour>\($0 % 24)</hour>" }.joined() + "</skipHours>"),
            rss(channel: "<skipHours>" + (0...23).map { "<hour>\($0)</hour>" }.joined() + "</skipHours>")),
        // "It makes use of a named entity other than one of the ones predefined in the XML specification."
        Case(.undefinedNamedEntity, netscape(version: "0.91", body: "&bogus;"), netscape(version: "0.91", body: "&amp;")),
        // "There is no blink element in RSS."
        Case(.noBlink, rss(channel: "<blink>http://example.org/</blink>"), rss()),
        // "This feed contains conflicting DOCTYPE and version information."
        Case(.invalidDoctype, netscape(version: "2.0"), netscape(version: "0.91")),
        // "Feeds must not contain SYSTEM entities."
        Case(
            .containsSystemEntity, subset("<!ENTITY secret SYSTEM \"file:///etc/passwd\">"),
            subset("<!ENTITY agency \"News Agency\">")),
        // "if these links use relative URLs … users of some news aggregators will not be able to click on them."
        Case(
            .containsRelRef, rss(item: "<description>&lt;a href=\"/story/1\"&gt;more&lt;/a&gt;</description>"),
            rss(item: "<description>&lt;a href=\"http://example.org/story/1\"&gt;more&lt;/a&gt;</description>")),
        // A date no feed can mean: "Thu, 04 Jul 1776".
        Case(
            .implausibleDate, rss(item: "<pubDate>Thu, 04 Jul 1776 18:30:02 GMT</pubDate>"),
            rss(item: "<pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>")),
        // A two-digit year with a numeric zone: the zone's four digits are not a year.
        Case(
            .implausibleDate, rss(item: "<pubDate>Thu, 04 Jul 1776 18:30:02 +0000</pubDate>"),
            rss(item: "<pubDate>Tue, 01 Dec 26 10:00:00 +0000</pubDate>")),
        // "there are a number of elements which should be present, including <language>, <itunes:category>, and <itunes:explicit>."
        Case(
            .missingItunesElement, podcastRSS(channel: podcast.replacingOccurrences(of: "<itunes:explicit>false</itunes:explicit>", with: "")),
            podcastRSS()),
        // "Consider including the itunes:owner element, along with a valid email address."
        Case(
            .missingItunesEmail,
            podcastRSS(
                channel: podcast.replacingOccurrences(
                    of: "<itunes:owner><itunes:email>desk@example.org</itunes:email></itunes:owner>", with: "")), podcastRSS()),
        // "iTunes elements should only be present in feeds encoded as UTF-8."
        Case(.notUTF8, podcastRSS(encoding: "iso-8859-1"), podcastRSS()),
        // "Supported file formats include .m4a, .mp3, .mov, .mp4, .m4v, and .pdf."
        Case(
            .unsupportedItunesFormat, podcastRSS(item: "<enclosure url=\"http://example.org/a.wma\" length=\"1\" type=\"audio/x-ms-wma\"/>"),
            podcastRSS(item: "<enclosure url=\"http://example.org/a.mp3\" length=\"1\" type=\"audio/mpeg\"/>")),
        // "Archive documents SHOULD indicate their associated subscription documents using the "current" link relation."
        Case(
            .missingCurrentInArchive, archive(links: "<link rel=\"prev-archive\" href=\"http://example.org/2025.atom\"/>"),
            archive(
                links:
                    "<link rel=\"prev-archive\" href=\"http://example.org/2025.atom\"/><link rel=\"current\" href=\"http://example.org/feed.atom\"/>")
        ),
        // "An <fh:archive> element was found without any archive links."
        Case(
            .archiveIncomplete, archive(links: "<link rel=\"current\" href=\"http://example.org/feed.atom\"/>"),
            archive(
                links:
                    "<link rel=\"prev-archive\" href=\"http://example.org/2025.atom\"/><link rel=\"current\" href=\"http://example.org/feed.atom\"/>")
        ),
        // A channel that does not say its language.
        Case(.missingDCLanguage, rss().replacingOccurrences(of: "<language>en</language>", with: ""), rss()),
        // "item should contain a guid element."
        Case(.missingGuid, rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: ""), rss()),
        // An element in no namespace inside an extension element.
        Case(
            .notInANamespace, rss(item: "<x:meta xmlns:x=\"http://example.org/x\"><PhotoDate>1</PhotoDate></x:meta>"),
            rss(item: "<x:meta xmlns:x=\"http://example.org/x\"><x:PhotoDate>1</x:PhotoDate></x:meta>")),
        // "this element does not specify a namespace so there effectively is no way … to determine the vocabulary."
        Case(
            .undeterminableVocabulary, atom(feed: "<simple-value xmlns=\"\">Test</simple-value>"),
            atom(feed: "<simple-value xmlns=\"http://example.org/ns\">Test</simple-value>")),
        // "If an XML declaration appears in your feed, it must be the first thing in the feed, before any whitespace."
        Case(.wpBlankLine, "\n" + rss(), rss()),
        // "The namespace for Media RSS is defined to be: http://search.yahoo.com/mrss/"
        Case(
            .mediaRssNamespace,
            rss().replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss\""),
            rss().replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" xmlns:media=\"http://search.yahoo.com/mrss/\"")),
        // "This feed is using an obsolete Meatball Wiki namespace."
        Case(
            .obsoleteWikiNamespace,
            rss().replacingOccurrences(
                of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" xmlns:wiki=\"http://www.usemod.com/cgi-bin/mb.pl?ModWiki\""),
            rss().replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" xmlns:wiki=\"http://purl.org/rss/1.0/modules/wiki/\"")),
        // "Textual content should not indicate windows-1252 parsed as iso-8859-1" / double encoding.
        Case(.badCharacters, rss(item: "<category>cafÃ©</category>"), rss(item: "<category>café</category>")),
        Case(.badCharacters, rss(item: "<category>It\u{00E2}\u{20AC}\u{2122}s</category>"), rss(item: "<category>It’s</category>")),
        // "Your feed contains an invalid character" (here a Latin-1 é in a UTF-8 document).
        Case(
            .unicodeError, bytes: Array(rss(item: "<category>caf").utf8) + [0xE9] + Array("</category>".utf8) + [],
            Array(rss(item: "<category>café</category>").utf8)),
    ]

    static let media = "xmlns:media=\"http://search.yahoo.com/mrss/\""
    static let sx = "xmlns:sx=\"http://feedsync.org/2007/feedsync\""
    static let thr = "xmlns:thr=\"http://purl.org/syndication/thread/1.0\""
    static let fh = "<fh:complete xmlns:fh=\"http://purl.org/syndication/history/1.0\"/>"

    static func ext(_ namespace: String, item: String) -> String {
        rss(item: item).replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" \(namespace)")
    }

    static func entryLink(_ attributes: String) -> String { atom(entry: "<link rel=\"related\" \(attributes)/>") }

    static func mediaContent(_ attributes: String) -> String {
        ext(media, item: "<media:content url=\"http://example.org/v.mp4\" \(attributes)/>")
    }

    /// Classes the validator already reported before these tests, each from its documentation.
    static let earlier: [Case] = [
        // "foo should not have text (all data is in attributes)".
        Case(
            .atomLinkNotEmpty, atom(entry: "<link rel=\"related\" href=\"http://example.org/r\">text</link>"),
            entryLink("href=\"http://example.org/r\"")),
        // "foo attribute of bar should not be blank".
        Case(.attrNotBlank, entryLink("href=\"http://example.org/r\" title=\"\""), entryLink("href=\"http://example.org/r\" title=\"Related\"")),
        // "Avoid Text Input" (the RSS Best Practices Profile: few readers support it).
        Case(
            .avoidTextInput,
            rss(channel: "<textInput><title>S</title><description>D</description><name>q</name><link>http://example.org/s</link></textInput>"),
            rss()),
        // "wfw:commentRSS should be wfw:commentRss".
        Case(
            .commentRSS,
            ext("xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"", item: "<wfw:commentRSS>http://example.org/c</wfw:commentRSS>"),
            ext("xmlns:wfw=\"http://wellformedweb.org/CommentAPI/\"", item: "<wfw:commentRss>http://example.org/c</wfw:commentRss>")),
        // A complete feed's "current" link must be the feed itself.
        Case(
            .currentNotSelfInCompleteFeed, atom(feed: fh + "<link rel=\"current\" href=\"http://example.org/other.atom\"/>"),
            atom(feed: fh + "<link rel=\"current\" href=\"http://example.org/feed.atom\"/>")),
        // "The use of this DTD has been deprecated by Netscape".
        Case(
            .deprecatedDTD, netscape(version: "0.91"),
            netscape(version: "0.91").replacingOccurrences(
                of:
                    "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \"http://my.netscape.com/publish/formats/rss-0.91.dtd\">\n",
                with: "")),
        // "media:adult is deprecated" (media:rating replaces it).
        Case(.deprecatedMediaAdult, ext(media, item: "<media:adult>false</media:adult>"), ext(media, item: "<media:rating>nonadult</media:rating>")),
        // "Two entries with the same id" (and the same updated).
        Case(
            .duplicateEntries, atom(feed: secondEntry(updated: "2026-12-01T10:00:00Z").replacingOccurrences(of: ",2026:2", with: ",2026:1")),
            atom(feed: secondEntry(updated: "2026-12-01T10:00:00Z"))),
        // "A channel should not include both foo and bar" (one meaning, two elements).
        Case(
            .duplicateSemantics,
            ext("xmlns:dc=\"http://purl.org/dc/elements/1.1/\"", item: "").replacingOccurrences(
                of: "<language>en</language>", with: "<language>en</language><dc:language>en</dc:language>"),
            rss()),
        // "foo link relation found in entry" (feed history relations are the feed's).
        Case(.feedHistoryRelInEntry, atom(entry: "<link rel=\"prev-archive\" href=\"http://example.org/2025.atom\"/>"), atom()),
        // "foo link relation found in complete feed".
        Case(
            .feedRelInCompleteFeed, atom(feed: fh + "<link rel=\"next\" href=\"http://example.org/2.atom\"/>"), atom(feed: fh)),
        // "type foo/bar used for a document fragment" (text/html names a whole document).
        Case(
            .htmlFragment, atom(entry: "<content type=\"text/html\">&lt;p&gt;Text&lt;/p&gt;</content>"),
            atom(entry: "<content type=\"html\">&lt;p&gt;Text&lt;/p&gt;</content>")),
        // "Image link doesn't match channel link".
        Case(
            .imageLinkDoesntMatch,
            rss(channel: "<image><url>http://example.org/i.png</url><title>Example</title><link>http://example.com/</link></image>"),
            rss(channel: "<image><url>http://example.org/i.png</url><title>Example</title><link>http://example.org/</link></image>")),
        // "foo attribute of bar must be 'true' or 'false'".
        Case(
            .invalidBooleanAttribute,
            rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid isPermaLink=\"maybe\">http://example.org/1</guid>"),
            rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid isPermaLink=\"true\">http://example.org/1</guid>")),
        // "Invalid Credit Role".
        Case(
            .invalidCreditRole, ext(media, item: "<media:credit role=\"Boss\">A</media:credit>"),
            ext(media, item: "<media:credit role=\"producer\">A</media:credit>")),
        // "Invalid value for foo" (a number expected).
        Case(.invalidFloat, mediaContent("bitrate=\"fast\""), mediaContent("bitrate=\"128.5\"")),
        // "foo must be between 1 and 400" (an RSS image's height).
        Case(
            .invalidHeight,
            rss(
                channel:
                    "<image><url>http://example.org/i.png</url><title>Example</title><link>http://example.org/</link><height>401</height></image>"),
            rss(
                channel:
                    "<image><url>http://example.org/i.png</url><title>Example</title><link>http://example.org/</link><height>400</height></image>")),
        // "foo must be between an integer 0 and 23".
        Case(.invalidHour, rss(channel: "<skipHours><hour>25</hour></skipHours>"), rss(channel: "<skipHours><hour>23</hour></skipHours>")),
        // "foo must be a valid IRI".
        Case(.invalidIRI, atom(feed: "<icon>http://example.org/%zz.png</icon>"), atom(feed: "<icon>http://example.org/%20.png</icon>")),
        // "foo attribute of bar must be a valid MIME type".
        Case(.invalidMIMEAttribute, mediaContent("type=\"video\""), mediaContent("type=\"video/mp4\"")),
        // "Invalid content expression".
        Case(.invalidMediaExpression, mediaContent("expression=\"partial\""), mediaContent("expression=\"full\"")),
        // "Invalid Media Hash".
        Case(
            .invalidMediaHash, ext(media, item: "<media:hash algo=\"md5\">xyz</media:hash>"),
            ext(media, item: "<media:hash algo=\"md5\">dfdec888b72151965a34b4b59031290a</media:hash>")),
        // "type attribute must be "plain" or "html"".
        Case(
            .invalidMediaTextType, ext(media, item: "<media:title type=\"rich\">T</media:title>"),
            ext(media, item: "<media:title type=\"plain\">T</media:title>")),
        // "relationship must be 'allow' or 'deny'".
        Case(
            .invalidMediaRestrictionRel, ext(media, item: "<media:restriction relationship=\"maybe\" type=\"country\">fr</media:restriction>"),
            ext(media, item: "<media:restriction relationship=\"allow\" type=\"country\">fr</media:restriction>")),
        // "foo must be an NPT-time".
        Case(
            .invalidNPTTime, ext(media, item: "<media:thumbnail url=\"http://example.org/t.jpg\" time=\"noon\"/>"),
            ext(media, item: "<media:thumbnail url=\"http://example.org/t.jpg\" time=\"12:05:01.123\"/>")),
        // "Invalid RSS Version".
        Case(.invalidRSSVersion, rss().replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.5\""), rss()),
        // "Invalid value for sx:related type".
        Case(
            .invalidSseType,
            ext(sx, item: "<sx:sync id=\"i1\" updates=\"1\"><sx:history sequence=\"1\" by=\"a\" when=\"2026-12-01T10:00:00Z\"/></sx:sync>")
                .replacingOccurrences(
                    of: "<language>en</language>",
                    with: "<language>en</language><sx:sharing><sx:related link=\"http://example.org/r\" type=\"partial\"/></sx:sharing>"),
            ext(sx, item: "<sx:sync id=\"i1\" updates=\"1\"><sx:history sequence=\"1\" by=\"a\" when=\"2026-12-01T10:00:00Z\"/></sx:sync>")
                .replacingOccurrences(
                    of: "<language>en</language>",
                    with: "<language>en</language><sx:sharing><sx:related link=\"http://example.org/r\" type=\"complete\"/></sx:sharing>")),
        // "foo attribute of bar must be a full URL".
        Case(
            .invalidURLAttribute, rss(item: "<enclosure url=\"a.mp3\" length=\"1\" type=\"audio/mpeg\"/>"),
            rss(item: "<enclosure url=\"http://example.org/a.mp3\" length=\"1\" type=\"audio/mpeg\"/>")),
        // "item must contain either title or description".
        Case(
            .itemMustContainTitleOrDescription, rss().replacingOccurrences(of: "<title>Report</title>", with: ""), rss()),
        // "Missing by and when attributes".
        Case(
            .missingByAndWhenAttrs, ext(sx, item: "<sx:sync id=\"i1\" updates=\"1\"><sx:history sequence=\"1\"/></sx:sync>"),
            ext(sx, item: "<sx:sync id=\"i1\" updates=\"1\"><sx:history sequence=\"1\" by=\"a\" when=\"2026-12-01T10:00:00Z\"/></sx:sync>")),
        // "Missing content or alternate link".
        Case(
            .missingContentOrAlternate, atom().replacingOccurrences(of: "<link href=\"http://example.org/1\"/>", with: ""),
            atom().replacingOccurrences(of: "<link href=\"http://example.org/1\"/>", with: "<content>Text.</content>")),
        // "Missing source element: foo" (an atom:source needs id, title, updated).
        Case(
            .missingSourceElement, atom(entry: "<source><id>tag:example.org,2026:s</id><title>S</title></source>"),
            atom(entry: "<source><id>tag:example.org,2026:s</id><title>S</title><updated>2026-12-01T10:00:00Z</updated></source>")),
        // "Missing Textual Content".
        Case(.missingTextualContent, atom().replacingOccurrences(of: "<summary>Text.</summary>", with: ""), atom()),
        // "Missing foo element: title".
        Case(.missingTitle, rss().replacingOccurrences(of: "<title>Example</title>", with: ""), rss()),
        // "Missing content attribute: type" (content with src needs its type).
        Case(
            .missingTypeAttr, atom(entry: "<content src=\"http://example.org/1.html\"/><summary>Text.</summary>"),
            atom(entry: "<content src=\"http://example.org/1.html\" type=\"text/html\"/><summary>Text.</summary>")),
        // "Ensure description precedes content:encoded".
        Case(
            .needDescriptionBeforeContent,
            ext("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"", item: "<content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded>"),
            ext(
                "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"",
                item: "<description>Body</description><content:encoded>&lt;p&gt;Body&lt;/p&gt;</content:encoded>")),
        // "thr:when attribute obsolete; use thr:updated instead".
        Case(
            .noThrWhen, atom(entry: "<link rel=\"replies\" href=\"http://example.org/c\" \(thr) thr:when=\"2026-12-01T10:00:00Z\"/>"),
            atom(entry: "<link rel=\"replies\" href=\"http://example.org/c\" \(thr) thr:updated=\"2026-12-01T10:00:00Z\"/>")),
        // "foo claims to be base64-encoded, but isn't".
        Case(
            .notBase64, atom(entry: "<content type=\"image/png\">not base64 at all!</content><summary>T</summary>"),
            atom(entry: "<content type=\"image/png\">iVBORw0KGgo=</content><summary>T</summary>")),
        // "element should not be blank".
        Case(.notBlank, atom(feed: "<icon></icon>"), atom(feed: "<icon>http://example.org/i.png</icon>")),
        // "The specified guid is not sufficiently unique."
        Case(
            .notSufficientlyUnique,
            rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid isPermaLink=\"false\">1</guid>"),
            rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid isPermaLink=\"false\">example.org-2026-report-1</guid>")),
        // "Relative href value on self link".
        Case(
            .relativeSelf, atom().replacingOccurrences(of: "href=\"http://example.org/feed.atom\"", with: "href=\"feed.atom\""), atom()),
        // ""self" link references a non-Atom representation."
        Case(
            .selfNotAtom,
            atom().replacingOccurrences(
                of: "<link rel=\"self\" href=\"http://example.org/feed.atom\"/>",
                with: "<link rel=\"self\" type=\"text/html\" href=\"http://example.org/feed.atom\"/>"),
            atom().replacingOccurrences(
                of: "<link rel=\"self\" href=\"http://example.org/feed.atom\"/>",
                with: "<link rel=\"self\" type=\"application/atom+xml\" href=\"http://example.org/feed.atom\"/>")),
        // "Unexpected foo attribute on bar element".
        Case(
            .unexpectedAttribute,
            rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid kind=\"x\">http://example.org/1</guid>"), rss()),
        // "IRI found where URL expected".
        Case(
            .uriNotIri, rss().replacingOccurrences(of: "<link>http://example.org/1</link>", with: "<link>http://example.org/caf\u{E9}</link>"),
            rss().replacingOccurrences(of: "<link>http://example.org/1</link>", with: "<link>http://example.org/caf%C3%A9</link>")),
        // "Use zero for midnight".
        Case(.useZeroForMidnight, rss(channel: "<skipHours><hour>24</hour></skipHours>"), rss(channel: "<skipHours><hour>0</hour></skipHours>")),
        // "Invalid Credit Role" aside, "foo must be between -90 and 90" / "-180 and 180".
        Case(
            .invalidLatitude, ext("xmlns:geo=\"http://www.w3.org/2003/01/geo/wgs84_pos#\"", item: "<geo:lat>91</geo:lat>"),
            ext("xmlns:geo=\"http://www.w3.org/2003/01/geo/wgs84_pos#\"", item: "<geo:lat>45.5</geo:lat>")),
        Case(
            .invalidLongitude, ext("xmlns:geo=\"http://www.w3.org/2003/01/geo/wgs84_pos#\"", item: "<geo:long>181</geo:long>"),
            ext("xmlns:geo=\"http://www.w3.org/2003/01/geo/wgs84_pos#\"", item: "<geo:long>-73.6</geo:long>")),
        // "foo must be a non-negative integer".
        Case(
            .invalidNonNegativeInteger, rss(item: "<enclosure url=\"http://example.org/a.mp3\" length=\"-5\" type=\"audio/mpeg\"/>"),
            rss(item: "<enclosure url=\"http://example.org/a.mp3\" length=\"5\" type=\"audio/mpeg\"/>")),
        // "Obscure XML character encoding".
        Case(
            .obscureEncoding, rss().replacingOccurrences(of: "encoding=\"utf-8\"", with: "encoding=\"mac-cyrillic\""), rss()),
        // "Use of extension attribute on RSS 2.0 core element".
        Case(
            .useOfExtensionAttr,
            rss().replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" xmlns:x=\"http://example.org/x\" x:flag=\"1\""),
            rss().replacingOccurrences(of: "<rss version=\"2.0\"", with: "<rss version=\"2.0\" xmlns:x=\"http://example.org/x\"")),
        // "All entries have the same id".
        Case(
            .duplicateIds,
            atom(
                feed: secondEntry(updated: "2026-12-01T09:00:00Z").replacingOccurrences(of: ",2026:2", with: ",2026:1")
                    + secondEntry(updated: "2026-12-01T08:00:00Z").replacingOccurrences(of: ",2026:2", with: ",2026:1")),
            atom(
                feed: secondEntry(updated: "2026-12-01T09:00:00Z")
                    + secondEntry(updated: "2026-12-01T08:00:00Z").replacingOccurrences(of: ",2026:2", with: ",2026:3"))),
        // "attribute value too large".
        Case(
            .integerOverflow,
            ext(sx, item: "<sx:sync id=\"i1\" updates=\"1\"><sx:history sequence=\"99999999999\" by=\"a\" when=\"2026-12-01T10:00:00Z\"/></sx:sync>"),
            ext(sx, item: "<sx:sync id=\"i1\" updates=\"1\"><sx:history sequence=\"1\" by=\"a\" when=\"2026-12-01T10:00:00Z\"/></sx:sync>")),
        // "Invalid form component name".
        Case(
            .invalidFormComponentName,
            rss(channel: "<textInput><title>S</title><description>D</description><name>1 bad</name><link>http://example.org/s</link></textInput>"),
            rss(channel: "<textInput><title>S</title><description>D</description><name>q</name><link>http://example.org/s</link></textInput>")),
        // "foo must be an ISO-8601 date-time".
        Case(
            .invalidISO8601DateTime,
            ext("xmlns:cn=\"http://conversationsnetwork.org/rssNamespace-1.0/\"", item: "<cn:ratingTimestamp>yesterday</cn:ratingTimestamp>"),
            ext(
                "xmlns:cn=\"http://conversationsnetwork.org/rssNamespace-1.0/\"",
                item: "<cn:ratingTimestamp>2026-12-01T10:00:00Z</cn:ratingTimestamp>")),
        // "foo is not one of the predefined iTunes channel type" / "episode type".
        Case(
            .invalidItunesChannelType, podcastRSS(channel: podcast + "<itunes:type>weekly</itunes:type>"),
            podcastRSS(channel: podcast + "<itunes:type>episodic</itunes:type>")),
        Case(
            .invalidItunesEpisodeType, podcastRSS(item: "<itunes:episodeType>extra</itunes:episodeType>"),
            podcastRSS(item: "<itunes:episodeType>bonus</itunes:episodeType>")),
        // "Use commas to separate keywords".
        Case(
            .invalidKeywords, podcastRSS(item: "<itunes:keywords>salt pepper spice</itunes:keywords>"),
            podcastRSS(item: "<itunes:keywords>salt,pepper,spice</itunes:keywords>")),
        // "foo is an obsolete iTunes category or sub-category".
        Case(
            .obsoleteItunesCategory,
            podcastRSS(channel: podcast + "<itunes:category text=\"Technology\"><itunes:category text=\"IT News\"/></itunes:category>"),
            podcastRSS(channel: podcast + "<itunes:category text=\"Technology\"><itunes:category text=\"Tech News\"/></itunes:category>")),
        // "foo attribute of bar must be 'yes' or 'no'".
        Case(.invalidYesNo, podcastRSS(item: "<itunes:block>maybe</itunes:block>"), podcastRSS(item: "<itunes:block>yes</itunes:block>")),
        // "length of nnn exceeds the maximum allowable for foo of mmm".
        Case(
            .tooLong, podcastRSS(item: "<itunes:subtitle>" + String(repeating: "a", count: 256) + "</itunes:subtitle>"),
            podcastRSS(item: "<itunes:subtitle>" + String(repeating: "a", count: 255) + "</itunes:subtitle>")),
        // "media:restriction must be 'all' or 'none'" (without a type saying what else it lists).
        Case(
            .invalidMediaRestriction, ext(media, item: "<media:restriction relationship=\"allow\">everyone</media:restriction>"),
            ext(media, item: "<media:restriction relationship=\"allow\">all</media:restriction>")),
        // "Invalid country code": type country lists ISO 3166 codes, in either case.
        Case(
            .invalidCountryCode, ext(media, item: "<media:restriction relationship=\"deny\" type=\"country\">fr xx</media:restriction>"),
            ext(media, item: "<media:restriction relationship=\"deny\" type=\"country\">fr US</media:restriction>")),
        // "foo is not a valid UUID": a urn:uuid: id is 8-4-4-4-12 hexadecimal digits (RFC 4122 §3).
        Case(
            .invalidUUID, atom().replacingOccurrences(of: "tag:example.org,2026:1", with: "urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6"),
            atom().replacingOccurrences(of: "tag:example.org,2026:1", with: "urn:uuid:1225C695-cfb8-4ebb-aaaa-80da344efa6a")),
        // "type must be 'country' or 'uri'".
        Case(
            .invalidMediaRestrictionType, ext(media, item: "<media:restriction relationship=\"allow\" type=\"planet\">earth</media:restriction>"),
            ext(media, item: "<media:restriction relationship=\"allow\" type=\"country\">fr</media:restriction>")),
        // "Invalid value for content" (robots directives that exist and agree).
        Case(
            .invalidMetaContent,
            rss(channel: "<xhtml:meta xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" name=\"robots\" content=\"index,noindex\"/>"),
            rss(channel: "<xhtml:meta xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" name=\"robots\" content=\"noindex\"/>")),
        // "Invalid value for foo" (cloud's protocol).
        Case(
            .invalidValue,
            rss(channel: "<cloud domain=\"rpc.example.org\" port=\"80\" path=\"/RPC2\" registerProcedure=\"notify\" protocol=\"pigeon\"/>"),
            rss(channel: "<cloud domain=\"rpc.example.org\" port=\"80\" path=\"/RPC2\" registerProcedure=\"notify\" protocol=\"xml-rpc\"/>")),
        // "Missing recommended element attribute" (sx:history's by or when).
        Case(
            .missingRecommendedAttribute, ext(sx, item: "<sx:sync id=\"i1\" updates=\"1\"><sx:history sequence=\"1\" by=\"a\"/></sx:sync>"),
            ext(sx, item: "<sx:sync id=\"i1\" updates=\"1\"><sx:history sequence=\"1\" by=\"a\" when=\"2026-12-01T10:00:00Z\"/></sx:sync>")),
        // "Since After until".
        Case(
            .sinceAfterUntil,
            ext(sx, item: "").replacingOccurrences(
                of: "<language>en</language>",
                with: "<language>en</language><sx:sharing since=\"2026-12-02T00:00:00Z\" until=\"2026-12-01T00:00:00Z\"/>"),
            ext(sx, item: "").replacingOccurrences(
                of: "<language>en</language>",
                with: "<language>en</language><sx:sharing since=\"2026-12-01T00:00:00Z\" until=\"2026-12-02T00:00:00Z\"/>")),
    ]

    @Test(arguments: earlier) func anEarlierClassFromItsDocumentation(_ c: Case) {
        aFaultReportsItsClassAndTheFixDoesNot(c)
    }

    @Test(arguments: cases) func aFaultReportsItsClassAndTheFixDoesNot(_ c: Case) {
        let fault = FeedValidator().validate(c.fault).diagnostics
        let fixed = FeedValidator().validate(c.fixed).diagnostics
        #expect(fault.contains { $0.code == c.messageClass.name }, "\(fault.map(\.code))")
        #expect(!fixed.contains { $0.code == c.messageClass.name }, "\(fixed.map(\.code))")
        for d in fault where d.code == c.messageClass.name {
            #expect(d.severity == c.messageClass.severity)
            #expect(!d.message.isEmpty)
        }
    }

    /// "When rel="self", the href attribute is expected to identify a resource equivalent to the
    /// containing element": the feed's own link against the URL it was read from (asked for or
    /// reached), two spellings of one URL being one location; an entry's self link is its own.
    @Test func selfDoesntMatchLocation() {
        func codes(_ locations: [String]) -> [String] {
            FeedValidator().validate(Array(atom().utf8), locations: locations).diagnostics.map(\.code)
        }
        #expect(codes(["http://example.org/other.atom"]).contains("SelfDoesntMatchLocation"))
        #expect(!codes(["HTTP://Example.org:80/feed.atom"]).contains("SelfDoesntMatchLocation"))
        #expect(!codes(["http://example.org/old.atom", "http://example.org/feed.atom"]).contains("SelfDoesntMatchLocation"))
        #expect(!codes([]).contains("SelfDoesntMatchLocation"))
        let entrySelf = atom(entry: "<link rel=\"self\" href=\"http://example.org/1.atom\"/>")
        #expect(
            !FeedValidator().validate(Array(entrySelf.utf8), locations: ["http://example.org/feed.atom"]).diagnostics.contains {
                $0.code == "SelfDoesntMatchLocation"
            })
    }

    /// Our severity of each class is the one the W3C's class tree gives it (`fv_classes.json`).
    @Test func everyClassHasTheW3CSeverity() throws {
        guard SharedMaterial.runs(needing: "conformance/feedvalidator/fv_classes.json") else { return }
        // In CI `runs` is true whether or not ../shared is there: a missing one fails here.
        #expect(SharedMaterial.exists("conformance/feedvalidator/fv_classes.json"), "../shared/conformance/feedvalidator/fv_classes.json is missing")
        let data = try #require(FileManager.default.contents(atPath: SharedMaterial.path("conformance/feedvalidator/fv_classes.json")))
        let tree = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        for c in MessageClass.all {
            guard let severity = tree[c.name]?["severity"] as? String else { continue }
            #expect(severity == c.severity.rawValue, "\(c.name): ours \(c.severity), the W3C's \(severity)")
        }
    }

    /// Every class the W3C documents is either one our rules report (a `.name` in a rule file)
    /// or listed in the README's "Classes we never report" with the reason, never both.
    @Test func everyDocumentedClassIsReportedOrListedAsNeverReported() throws {
        guard SharedMaterial.runs(needing: "conformance/feedvalidator/docs") else { return }
        // In CI `runs` is true whether or not ../shared is there: a missing one fails here.
        #expect(SharedMaterial.exists("conformance/feedvalidator/docs"), "../shared/conformance/feedvalidator/docs is missing")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var rules = ""
        let sources = root.appendingPathComponent("Sources/FeedValidation")
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" && !["MessageClass.swift", "Catalog.swift"].contains(file.lastPathComponent) {
            rules += try String(contentsOf: file, encoding: .utf8)
        }
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "#### Classes we never report"))
        let section = readme[start.upperBound...]
        let end = section.range(of: "\n#")?.lowerBound ?? section.endIndex
        let listed = Set(section[..<end].matches(of: /`([A-Z][A-Za-z0-9]+)`/).map { String($0.1) })

        var documented: Set<String> = []
        for severity in ["error", "warning", "info"] {
            let folder = SharedMaterial.path("conformance/feedvalidator/docs/" + severity)
            for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".xml") {
                documented.insert(String(file.dropLast(4)))
            }
        }
        let members = Set(rules.matches(of: /\.([a-z][A-Za-z0-9]*)/).map { String($0.1) })
        for name in documented.sorted() {
            let reported = MessageClass.all.contains { $0.name == name } && members.contains(Self.member(name))
            #expect(reported != listed.contains(name), "\(name): reported \(reported), listed as never reported \(listed.contains(name))")
        }
        #expect(listed.isSubset(of: documented), "listed but not documented: \(listed.subtracting(documented).sorted())")
    }

    /// Every class a rule reports has a test: a documentation case here, or a test of its format.
    @Test func everyReportedClassHasATest() throws {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let root = tests.deletingLastPathComponent().deletingLastPathComponent()
        var rules = ""
        for case let file as URL in FileManager.default.enumerator(
            at: root.appendingPathComponent("Sources/FeedValidation"), includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" && !["MessageClass.swift", "Catalog.swift"].contains(file.lastPathComponent) {
            rules += try String(contentsOf: file, encoding: .utf8)
        }
        var others = ""
        for file in try FileManager.default.contentsOfDirectory(atPath: tests.path)
        where file.hasSuffix(".swift") && file != "MessageClassTests.swift" {
            others += try String(contentsOfFile: tests.path + "/" + file, encoding: .utf8)
        }
        let members = Set(rules.matches(of: /\.([a-z][A-Za-z0-9]*)/).map { String($0.1) })
        // Classes with a test of their own in this file (they need more than a document).
        let dedicated = ["SelfDoesntMatchLocation"]
        let here = Set((Self.cases + Self.earlier).map(\.messageClass.name) + dedicated)
        for c in MessageClass.all where members.contains(Self.member(c.name)) {
            #expect(here.contains(c.name) || others.contains("\"\(c.name)\"") || others.contains("." + Self.member(c.name)), "\(c.name) has no test")
        }
    }

    /// `MissingElement` → `missingElement`, `IOError` → `ioError`: the static's name.
    static func member(_ name: String) -> String {
        if name == "RSS20Profile" { return "rss20Profile" }
        let capitals = name.prefix { $0.isUppercase }
        if capitals.count > 1 {
            let run = capitals.count == name.count ? capitals.count : capitals.count - 1
            return name.prefix(run).lowercased() + name.dropFirst(run)
        }
        return name.prefix(1).lowercased() + name.dropFirst()
    }

    /// JSON marks a finding of a class where our rule deliberately differs from the W3C's.
    @Test func deliberateDifferencesAreMarkedInJSON() throws {
        let report = validate(rss().replacingOccurrences(of: "<guid>http://example.org/1</guid>", with: "<guid>urn:isbn:0451450523</guid>"))
        #expect(report.diagnostics.contains { $0.code == "InvalidPermalink" })
        let json = String(decoding: report.json(), as: UTF8.self)
        #expect(json.contains("\"deliberate\":\""), "\(json)")
        #expect(MessageClass.invalidPermalink.deliberateDifference != nil)
        #expect(MessageClass.missingElement.deliberateDifference == nil)
    }
}
