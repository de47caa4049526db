import Testing

@testable import Syndication

@Suite struct URIAndLanguageTests {
    @Test(arguments: [
        ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"), ("/g", "http://a/g"),
        ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"), ("#s", "http://a/b/c/d;p?q#s"),
        ("../g", "http://a/b/g"), ("../../g", "http://a/g"), ("", "http://a/b/c/d;p?q"), ("https://x/y", "https://x/y"),
    ])
    func rfc3986Examples(reference: String, expected: String) {
        #expect(URIResolver.resolve(reference, against: "http://a/b/c/d;p?q") == expected)
    }

    @Test func unsafeBasesAreIgnored() {
        #expect(URIResolver.resolveSafely("javascript:alert(1)", against: "http://a/") == nil)
        let feed = parse(
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://e.org/"><entry xml:base="javascript:x"><link href="p"/></entry></feed>"#)
        #expect(feed.entries[0].alternateLink?.href == "http://e.org/p")
    }

    @Test func baseAndLanguageInheritance() {
        let feed = parse(
            """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://e.org/a/" xml:lang="en">
              <entry xml:base="b/"><title>t</title><link href="c.html"/></entry>
              <entry xml:lang=""><title>u</title></entry>
            </feed>
            """, .init(baseURL: "http://ignored.example/"))
        #expect(feed.entries[0].alternateLink?.href == "http://e.org/a/b/c.html")
        #expect(feed.entries[0].title?.language == "en")
        #expect(feed.entries[0].title?.base == "http://e.org/a/b/")
        #expect(feed.entries[1].title?.language == nil)
    }

    @Test func documentURLIsTheDefaultBase() {
        let feed = parse(rss("<item><link>/news/1</link></item>"), .init(baseURL: "https://www.rt.com/rss/"))
        #expect(feed.entries[0].alternateLink?.href == "https://www.rt.com/news/1")
    }
}

@Suite struct SchemeTests {
    /// The quick scheme check of the sanitizer's link test reads schemes as the full URI parse does.
    @Test func theQuickSchemeIsTheParsedOne() {
        let samples = [
            "https://a.example/x", "HTTP://A", "javascript:alert(1)", "JaVaScRiPt:x", " javascript:x", "java script:x",
            "mailto:desk@agency.example", "data:text/html,<b>", "/path:with/colon", "path/x:y", "?q=a:b", "#frag:x",
            "1http://x", "a+b-c.d:rest", "a_b:rest", ":nothing", "", "x", "x:", "tel:+1", "ftp://f", "%6Aavascript:x",
            "vbscript:msgbox", "h\u{e9}:x", "a#b:c", "a?b:c", "http:", "urn:isbn:1",
        ]
        for s in samples {
            #expect(URIResolver.scheme(of: s) == URIResolver.Parts(s).scheme, "\(s)")
        }
        #expect(URIResolver.resolveSafely("JaVaScRiPt:alert(1)", against: nil) == nil)
        #expect(URIResolver.resolveSafely("https://a.example/x", against: nil) == "https://a.example/x")
    }
}
