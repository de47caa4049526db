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

    static let cases: [Case] = [
        // "If included, day-of-week must be the day implied by the date specification."
        Case(
            .incorrectDOW, rss(item: "<pubDate>Sat, 31 Dec 1999 23:59:59 EST</pubDate>"),
            rss(item: "<pubDate>Fri, 31 Dec 1999 23:59:59 EST</pubDate>")),
        // "a feed should contain an atom:link used for this purpose" (the RSS Best Practices Profile).
        Case(.missingAtomSelfLink, rss().replacingOccurrences(of: selfLink, with: ""), rss()),
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

    /// Our severity of each class is the one the W3C's class tree gives it (`fv_classes.json`).
    @Test func everyClassHasTheW3CSeverity() throws {
        guard SharedMaterial.runs(needing: "conformance/feedvalidator/fv_classes.json") else { return }
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
