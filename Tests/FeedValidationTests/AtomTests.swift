import Foundation
import Testing

@testable import FeedValidation

/// RFC 4287 section by section: containers (4.1), persons (3.2), dates (3.3), ids (4.2.6),
/// links (4.2.7), text constructs (3.1) and content (4.1.3).
@Suite struct AtomTests {
    func first(_ xml: String, _ code: String) -> Diagnostic? {
        validate(xml).diagnostics.first { $0.code == code }
    }

    @Test func requiredElementsAreNamedWithTheirParent() throws {
        let xml = atom().replacingOccurrences(of: "<id>tag:example.org,2026:1</id>", with: "")
        let d = try #require(first(xml, "MissingElement"))
        #expect(d.parameter("parent") == "entry")
        #expect(d.parameter("element") == "id")
        #expect(d.severity == .error)
    }

    @Test func duplicatesAreErrors() throws {
        let d = try #require(first(atom(entry: "<title>Again</title>"), "DuplicateElement"))
        #expect(d.parameter("parent") == "entry")
        #expect(d.parameter("element") == "title")
    }

    @Test func unknownAtomElementsAreUndefinedButOtherNamespacesAreNot() {
        #expect(codes(atom(entry: "<subtitle>x</subtitle>")).contains("UndefinedElement"))
        #expect(!codes(atom(entry: "<x:note xmlns:x=\"http://example.com/x\">x</x:note>")).contains("UndefinedElement"))
    }

    @Test func anEntryWithoutAuthorNeedsOneFromTheFeed() {
        let noFeedAuthor = atom().replacingOccurrences(of: "<author><name>Desk</name></author>", with: "")
        #expect(codes(noFeedAuthor).contains("MissingElement"))
        #expect(!codes(atom()).contains("MissingElement"))
    }

    @Test(arguments: [
        "2026-12-01", "2026-12-01 10:00:00Z", "2026-02-30T10:00:00Z", "2026-12-01t10:00:00z",
        "2026-12-01T25:00:00Z", "Tue, 01 Dec 2026 10:00:00 GMT",
    ])
    func datesMustBeRFC3339(_ value: String) {
        let xml = atom(entry: "<published>\(value)</published>")
        #expect(codes(xml).contains("InvalidRFC3339Date"), "\(value)")
    }

    @Test func validDatesPassAndWhitespaceIsItsOwnError() {
        #expect(!codes(atom(entry: "<published>2026-12-01T10:00:00.25+03:30</published>")).contains("InvalidRFC3339Date"))
        #expect(codes(atom(entry: "<published> 2026-12-01T10:00:00Z</published>")).contains("UnexpectedWhitespace"))
    }

    @Test(arguments: [
        ("tag:example.org,2026-13:x", "InvalidTAG"), ("tag:example org,2026:x", "InvalidTAG"),
        ("tag:example.org:x", "InvalidTAG"), ("urn:a.b:x", "InvalidURN"), ("/relative/id", "InvalidFullLink"),
        ("Http://example.org/", "NonCanonicalURI"), ("http://example.org/%7euser", "NonCanonicalURI"),
        ("http://Example.org/", "NonCanonicalURI"), ("http://example.org:80/", "NonCanonicalURI"),
    ])
    func idsAreAbsoluteCanonicalIRIs(_ value: String, _ code: String) {
        let xml = atom().replacingOccurrences(of: "tag:example.org,2026:1", with: value)
        #expect(codes(xml).contains(code), "\(value)")
    }

    @Test func goodIdsPass() {
        for id in [
            "tag:example.org,2026:1", "tag:desk@example.org,2026-12-01:a/b?c", "urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6",
            "http://example.org/a?b#c",
        ] {
            let found = codes(atom().replacingOccurrences(of: "tag:example.org,2026:1", with: id))
            #expect(found.isEmpty, "\(id): \(found)")
        }
    }

    @Test func linksNeedHrefAndKnownRelations() {
        #expect(codes(atom(entry: "<link rel=\"related\"/>")).contains("MissingHref"))
        #expect(codes(atom(entry: "<link rel=\"made-up\" href=\"http://example.org/\"/>")).contains("UnregisteredAtomLinkRel"))
        #expect(codes(atom(entry: "<link href=\"http://example.org/1\"/>")).contains("DuplicateAtomLink"))
        #expect(codes(atom(entry: "<link rel=\"related\" href=\"http://exa mple.org/\"/>")).contains("InvalidUriChar"))
        #expect(codes(atom(entry: "<link rel=\"related\" href=\"http://example.org/\" hreflang=\"en_gb\"/>")).contains("InvalidLanguage"))
        #expect(codes(atom(entry: "<link rel=\"related\" href=\"http://example.org/\" type=\"html\"/>")).contains("InvalidMIMEType"))
    }

    @Test func textConstructsSayWhatTheyHold() {
        #expect(codes(atom(entry: "<summary>&lt;b&gt;bold&lt;/b&gt;</summary>")).contains("ContainsUndeclaredHTML"))
        #expect(codes(atom(entry: "<summary type=\"html\">&lt;b</summary>")).contains("NotHtml"))
        #expect(codes(atom(entry: "<summary type=\"xhtml\">&lt;p&gt;x&lt;/p&gt;</summary>")).contains("NotInline"))
        #expect(codes(atom(entry: "<summary type=\"xhtml\"><p xmlns=\"http://www.w3.org/1999/xhtml\">x</p></summary>")).contains("MissingXhtmlDiv"))
        // A link that comes back to its xml:base is ambiguous when that base is not the document:
        // a directory, or (the location known) somewhere else.
        func sameDocument(_ link: String, locations: [String] = []) -> Bool {
            FeedValidator().validate(Array(atom(entry: link).utf8), locations: locations).diagnostics.contains {
                $0.code == "SameDocumentReference"
            }
        }
        #expect(sameDocument("<link rel=\"related\" href=\"\" xml:base=\"http://example.org\"/>"))
        #expect(sameDocument("<link rel=\"related\" href=\"../blog/\" xml:base=\"http://example.org/blog/\"/>"))
        #expect(!sameDocument("<link rel=\"related\" href=\"\" xml:base=\"http://example.org/feed.atom\"/>"))
        #expect(!sameDocument("<link rel=\"related\" href=\"./\" xml:base=\"http://example.org/feed.atom\"/>"))
        let located = "<link rel=\"related\" href=\"#top\" xml:base=\"http://example.org/feed.atom\"/>"
        #expect(!sameDocument(located, locations: ["http://example.org/feed.atom"]))
        #expect(sameDocument(located, locations: ["http://example.org/other.atom"]))
        // The wrapper div written in Atom's namespace (the XHTML one forgotten) is not XHTML at all.
        #expect(codes(atom(entry: "<summary type=\"xhtml\"><div>x <em>y</em></div></summary>")) == ["MissingXhtmlDiv", "NotHtml"])
        #expect(codes(atom(entry: "<summary type=\"html\">&lt;p&gt;fine&lt;/p&gt;</summary>")).isEmpty)
        #expect(codes(atom(entry: "<summary type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><p>fine</p></div></summary>")).isEmpty)
        #expect(codes(atom(entry: "<summary type=\"text/plain\">x</summary>")).contains("InvalidTextType"))
    }

    @Test func contentWithSrcIsEmptyAndNeedsASummary() {
        let found = codes(atom(entry: "<content src=\"http://example.org/a.mp3\" type=\"audio/mpeg\">text</content>"))
        #expect(found.contains("UnexpectedText"))
        #expect(found.contains("MissingSummary"))
    }

    @Test func personsHaveOneNameAndRealAddresses() {
        #expect(codes(atom(entry: "<author><email>desk@example.org</email></author>")).contains("MissingElement"))
        #expect(codes(atom(entry: "<author><name>A</name><email>not an address</email></author>")).contains("InvalidAddrSpec"))
        #expect(codes(atom(entry: "<author><name>A (a@example.org)</name></author>")).contains("ContainsEmail"))
        #expect(codes(atom(entry: "<author><name>A</name><name>B</name></author>")).contains("DuplicateElement"))
        #expect(codes(atom(entry: "<author><name>&lt;b&gt;A&lt;/b&gt;</name></author>")).contains("ContainsHTML"))
    }

    @Test func theFeedNamesItself() {
        let xml = atom().replacingOccurrences(of: "<link rel=\"self\" href=\"http://example.org/feed.atom\"/>", with: "")
        #expect(codes(xml).contains("MissingSelf"))
    }

    @Test func prefixesObsoleteNamespacesAndUnescapedModesAreReported() throws {
        let prefixed = atom().replacingOccurrences(
            of: "<feed xmlns=\"http://www.w3.org/2005/Atom\">",
            with: "<a:feed xmlns:a=\"http://www.w3.org/2005/Atom\" xmlns=\"http://www.w3.org/2005/Atom\">"
        )
        .replacingOccurrences(of: "</feed>", with: "</a:feed>")
        let d = try #require(validate(prefixed).diagnostics.first { $0.code == "AvoidNamespacePrefix" })
        #expect(d.parameter("prefix") == "a")
        #expect(d.severity == .warning)
        #expect(
            codes("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"/>").contains(
                "ObsoleteNamespace"))
        #expect(codes(atom(entry: "<content type=\"html\" mode=\"escaped\"><p>x</p></content>")).contains("NotEscaped"))
        #expect(codes(atom(entry: "<content type=\"html\"><p>x</p></content>")).contains("UndefinedElement"))
    }

    @Test func namespaceMistakesAreCaught() {
        #expect(codes("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed><title>x</title></feed>").contains("MissingNamespace"))
        #expect(codes("<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/atom\"/>").contains("InvalidNamespace"))
    }
}
