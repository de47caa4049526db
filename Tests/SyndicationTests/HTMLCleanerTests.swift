import Foundation
import TestSupport
import Testing

@testable import Syndication

@Suite struct HTMLCleanerTests {
    func clean(_ html: String, base: String? = nil, sanitize: Bool = true) -> String {
        HTMLCleaner.clean(html, options: .init(sanitize: sanitize, base: base))
    }

    @Test func scriptsAndTheirContentAreDropped() {
        #expect(clean("safe <script>alert(1)</script><b>description</b>") == "safe <b>description</b>")
        #expect(clean("<style>body{display:none}</style>kept") == "kept")
        #expect(clean("a<applet code=x>fallback</applet>b") == "ab")
    }

    @Test func eventHandlersAndDangerousLinksAreRemoved() {
        #expect(clean(#"<img src="x.png" onerror="alert(1)">"#) == #"<img src="x.png" />"#)
        #expect(clean(#"<a href="javascript:alert(1)" onclick="x()">link</a>"#) == #"<a href="">link</a>"#)
        #expect(clean(#"<a href="JaVaScRiPt:alert(1)">x</a>"#) == #"<a href="">x</a>"#)
        #expect(clean(#"<a href="data:text/html,<script>">x</a>"#) == #"<a href="">x</a>"#)
        #expect(clean(#"<a href="mailto:desk@agency.example">mail</a>"#) == #"<a href="mailto:desk@agency.example">mail</a>"#)
    }

    @Test func referencesInTextAreKeptAsWritten() {
        #expect(clean("<b>&#38;</b> &#X26; &eacute;t&eacute; &nbsp;") == "<b>&#38;</b> &#x26; &eacute;t&eacute; &nbsp;")
        // The C1 range is windows-1252, as feedparser reads it.
        #expect(clean("&#150; dash") == "&#x2013; dash")
        // Unknown names and bare ampersands are text.
        #expect(clean("AT&T &nosuch; a & b") == "AT&amp;T &amp;nosuch; a &amp; b")
        // Inside tags references are decoded, so a hidden scheme is still caught.
        #expect(clean(#"<a href="javascript&#58;alert(1)">x</a>"#) == #"<a href="">x</a>"#)
        #expect(HTMLCleaner.visibleText("caf&eacute; &#38; bar") == "café & bar")
        // Text already holding private-use characters of the marker range is left to libxml2.
        #expect(clean("\u{100001} &#38;") == "\u{100001} &amp;")
    }

    @Test func unknownElementsLoseTheirTagsButNotTheirText() {
        #expect(clean("<iframe src=\"https://tracker.example/\"></iframe>Report <blink>now</blink>") == "Report now")
        #expect(clean("<object data=\"x\">fallback text</object>") == "fallback text")
    }

    @Test func stylesKeepOnlySafeDeclarations() {
        #expect(clean(#"<p style="color: red; background: url(http://evil/x.png)">t</p>"#) == #"<p style="color: red;">t</p>"#)
        #expect(clean(#"<p style="behavior: url(x.htc); color: blue">t</p>"#) == #"<p style="color: blue;">t</p>"#)
        #expect(clean(#"<p style="expression(alert(1))">t</p>"#) == "<p>t</p>")
        #expect(clean(#"<p style="margin: 0 auto">t</p>"#) == #"<p style="margin: 0 auto;">t</p>"#)
    }

    @Test func attributesAreNormalizedAsFeedparserDoes() {
        #expect(
            clean(#"<a title="T" href="http://a.example/" rel="NOFOLLOW">x</a>"#)
                == #"<a href="http://a.example/" rel="nofollow" title="T">x</a>"#)
        #expect(clean("<br>line<hr/>") == "<br />line<hr />")
        #expect(clean(#"<span title="a &quot;b&quot; &amp; c">x</span>"#) == #"<span title="a &quot;b&quot; &amp; c">x</span>"#)
    }

    @Test func relativeURIsAreResolvedAgainstTheBase() {
        let base = "https://www.agency.example/news/2026/story.html"
        #expect(
            clean(#"<a href="/world/">w</a> <img src="img/p.jpg">"#, base: base)
                == #"<a href="https://www.agency.example/world/">w</a> <img src="https://www.agency.example/news/2026/img/p.jpg" />"#)
        #expect(
            clean(#"<blockquote cite="../q">q</blockquote>"#, base: base) == #"<blockquote cite="https://www.agency.example/news/q">q</blockquote>"#)
        #expect(clean(#"<video poster="p.jpeg"></video>"#, base: "http://d.test/") == #"<video poster="http://d.test/p.jpeg"></video>"#)
        // Resolution alone leaves everything else as it is.
        #expect(
            clean(#"<script src="a.js"></script>"#, base: "http://d.test/", sanitize: false)
                == #"<script src="http://d.test/a.js"></script>"#)
    }

    @Test func svgKeepsItsCase() {
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><linearGradient gradientUnits="userSpaceOnUse"/></svg>"#
        let out = clean(svg)
        #expect(out.contains("<linearGradient"))
        #expect(out.contains("viewBox=\"0 0 10 10\""))
        #expect(out.contains("gradientUnits=\"userSpaceOnUse\""))
    }

    @Test func visibleTextNeverChanges() {
        let samples = [
            "<p>Officials &amp; diplomats met in <b>Geneva</b>.</p><script>track()</script>",
            "Prices rose 5% &lt; expected <iframe src=x></iframe>after <span onclick=x>talks</span>",
            "<div><p>Unclosed <em>emphasis<p>next</div> tail &nbsp; &eacute;t&eacute;",
            "a < b and c > d, 1 & 2",
            "<![CDATA[not markup]]> text",
        ]
        for html in samples {
            #expect(HTMLCleaner.visibleText(clean(html)) == HTMLCleaner.visibleText(html), "\(html)")
        }
    }

    @Test func theParserCleansFeedsOnRequest() {
        let rss = """
            <rss version="2.0"><channel><title>T</title><link>https://agency.example/</link>
            <item><title>A</title><link>https://agency.example/a</link>
            <description>&lt;p onclick="x()"&gt;Hi &lt;a href="/b"&gt;b&lt;/a&gt;&lt;/p&gt;&lt;script&gt;x()&lt;/script&gt;</description></item>
            </channel></rss>
            """
        var feed = FeedParser(options: .init(baseURL: "https://agency.example/feed")).parse(Array(rss.utf8))
        let original = feed.entries[0].summary?.value
        ContentSafety.apply(to: &feed)
        #expect(feed.entries[0].summary?.value == #"<p>Hi <a href="https://agency.example/b">b</a></p>"#)
        #expect(original?.contains("<script>") == true)
    }

    /// One libxml2 context serves a thread fragment after fragment, and is made anew after a while
    /// or when a feed invents too many names: the names it knew must not leak into the next one.
    @Test func aReusedParserForgetsNothingAndMixesNothingUp() {
        let known = #"<p class="k">Hi <a href="/x" onclick="y()">there</a><script>z()</script></p>"#
        let expected = #"<p class="k">Hi <a href="https://agency.example/x">there</a></p>"#
        #expect(clean(known, base: "https://agency.example/") == expected)
        // Invented names, thousands of them: dropped tags, kept text, and the dictionary renewed.
        for i in 0..<(FragmentParser.namesPerDictionary + 500) {
            let invented = "<x-tag-\(i) data-n\(i)=\"v\">t\(i)</x-tag-\(i)> <b id-\(i)=\"1\">b</b>"
            #expect(clean(invented) == "t\(i) <b>b</b>")
            if i % 997 == 0 { #expect(clean(known, base: "https://agency.example/") == expected) }
        }
        // More fragments than one context serves.
        for _ in 0..<(FragmentParser.usesPerContext + 10) { _ = clean("<em>e</em>") }
        #expect(clean(known, base: "https://agency.example/") == expected)
        #expect(
            clean(#"<EM>e</EM> <svg viewbox="0 0 1 1"><linearGradient/></svg>"#)
                == #"<em>e</em> <svg viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg"><linearGradient></linearGradient></svg>"#)
    }

    /// Threads clean at once, each with its own context, and agree with one thread.
    @Test func threadsCleanApartAndAlike() {
        let fragments = (0..<400).map { #"<p style="color: red; position: fixed">n\#($0) <img src="i\#($0).png" onerror="x()"> &nbsp;&#38;</p>"# }
        let alone = fragments.map { clean($0, base: "https://agency.example/a/") }
        final class Results: @unchecked Sendable {
            var values: [String]
            let lock = NSLock()
            init(_ n: Int) { values = Array(repeating: "", count: n) }
        }
        let results = Results(fragments.count)
        DispatchQueue.concurrentPerform(iterations: fragments.count) { i in
            let cleaned = HTMLCleaner.clean(fragments[i], options: .init(sanitize: true, base: "https://agency.example/a/"))
            results.lock.lock()
            results.values[i] = cleaned
            results.lock.unlock()
        }
        #expect(results.values == alone)
        #expect(alone[7] == #"<p style="color: red;">n7 <img src="https://agency.example/a/i7.png" /> &nbsp;&#38;</p>"#)
    }

    /// The parse --json path: entries cleaned on another thread while the parser reads on come
    /// out as cleaning the parsed feed afterwards does, plain-text entries included.
    @Test func cleaningWhileParsingMatchesCleaningAfter() {
        var items = ""
        for i in 0..<300 {
            items +=
                i % 3 == 0
                ? "<item><title>Plain \(i)</title><link>https://agency.example/\(i)</link></item>"
                : "<item><title>T \(i)</title><description>&lt;p onclick=\"x()\"&gt;\(i) &lt;a href=\"/r/\(i)\"&gt;r&lt;/a&gt;&lt;/p&gt;</description></item>"
        }
        let rss = Array("<rss version=\"2.0\"><channel><title>&lt;b&gt;T&lt;/b&gt;</title>\(items)</channel></rss>".utf8)
        var options = FeedParser.Options(baseURL: "https://agency.example/feed")
        var after = FeedParser(options: options).parse(rss)
        ContentSafety.apply(to: &after)
        let pipeline = ContentPipeline()
        options.entryObserver = pipeline.observer
        var during = FeedParser(options: options).parse(rss)
        pipeline.finish(&during)
        #expect(during == after)
        #expect(during.entries[1].summary?.value == #"<p>1 <a href="https://agency.example/r/1">r</a></p>"#)
    }

    static let corpus = FileManager.default.currentDirectoryPath + "/../shared/corpus"

    /// Every real-world feed we have: cleaning never crashes and never changes the visible text.
    @Test(.enabled(if: SharedMaterial.runs(needing: "corpus")))
    func theCorpusKeepsItsVisibleText() throws {
        try #require(SharedMaterial.exists("corpus"), "../shared/corpus is missing")
        let files =
            FileManager.default.enumerator(atPath: Self.corpus)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".rss") || $0.hasSuffix(".atom") || $0.hasSuffix(".rdf") } ?? []
        #expect(files.count > 200)
        var texts = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: Self.corpus + "/" + file) else { continue }
            let feed = FeedParser().parse(Array(data))
            for entry in feed.entries {
                for text in [entry.summary, entry.title] + entry.content.map(Optional.some) {
                    guard let text, text.kind == .html || text.kind == .xhtml else { continue }
                    texts += 1
                    let cleaned = HTMLCleaner.clean(text.value, options: .init(sanitize: true, base: text.base))
                    let before = HTMLCleaner.visibleText(text.value), after = HTMLCleaner.visibleText(cleaned)
                    if before != after {
                        let common = zip(before, after).prefix { $0 == $1 }.count
                        Issue.record(
                            "\(file): visible text differs at \(common): before …\(before.dropFirst(max(0, common - 40)).prefix(120))… after …\(after.dropFirst(max(0, common - 40)).prefix(120))…"
                        )
                    }
                }
            }
        }
        #expect(texts > 1000)
    }
}
