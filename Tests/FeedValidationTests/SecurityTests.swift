import Foundation
import Testing

@testable import FeedValidation

/// Content that would run code or restyle the page it is shown on: scripts and other active
/// elements, event handlers, `javascript:` URLs, and CSS a sanitizer would strip.
@Suite struct SecurityTests {
    // The W3C's documentation of SecurityRisk names comment, embed, link, listing, meta, noscript,
    // object, plaintext, script and xmp.
    @Test(arguments: [
        "script", "object", "embed", "iframe", "meta", "applet", "comment", "link", "listing", "noscript", "plaintext", "xmp",
    ])
    func activeElementsAreRisks(_ tag: String) throws {
        let report = validate(rss(item: "<description>&lt;\(tag) src=\"x\"&gt;&lt;/\(tag)&gt;</description>"))
        let d = try #require(report.diagnostics.first { $0.code == "SecurityRisk" })
        #expect(d.parameter("tag") == tag)
        #expect(d.parameter("element") == "description")
        #expect(d.severity == .warning)
    }

    /// RSS 0.91's item description is plain text (HTML came with 0.92): nothing in it runs.
    @Test func rss091DescriptionsArePlainText() {
        let item = "<description>&lt;script&gt;x()&lt;/script&gt;&lt;plaintext&gt;</description>"
        #expect(codes(rss(item: item)).contains("SecurityRisk"))
        let rss091 = rss(item: item).replacingOccurrences(of: "version=\"2.0\"", with: "version=\"0.91\"")
        #expect(!codes(rss091).contains("SecurityRisk"))
    }

    @Test func eventHandlersAndScriptURLs() {
        #expect(codes(rss(item: "<description>&lt;a onclick=\"x()\"&gt;a&lt;/a&gt;</description>")).contains("SecurityRiskAttr"))
        #expect(codes(rss(item: "<description>&lt;a href=\"javascript:x()\"&gt;a&lt;/a&gt;</description>")).contains("SecurityRiskAttr"))
        #expect(codes(rss(item: "<description>&lt;?import namespace=\"x\"&gt;</description>")).contains("SecurityRisk"))
    }

    @Test(arguments: [
        "color: red;", "margin: 0 15px 0 0;", "font-family: 'Lucida Console';", "border: 1px solid rgb(0, 0, 0);",
        "TEXT-INDENT: 0.5in;",
    ])
    func safeStylesPass(_ style: String) {
        #expect(
            !codes(atom(entry: "<summary type=\"html\">&lt;p style=\"\(style)\"&gt;x&lt;/p&gt;</summary>")).contains("DangerousStyleAttr"), "\(style)"
        )
    }

    @Test(arguments: [
        "position: absolute; top: 0;", "margin: 99999em;", "mso-list: l0 level1;",
        "x: expression(alert(1))", "bogus",
    ])
    func dangerousStylesAreWarned(_ style: String) {
        #expect(
            codes(atom(entry: "<summary type=\"html\">&lt;p style=\"\(style)\"&gt;x&lt;/p&gt;</summary>")).contains("DangerousStyleAttr"), "\(style)")
    }

    @Test func inlineXHTMLIsCheckedToo() {
        let xhtml = """
            <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p onmouseover="x()">a</p><script>x()</script><bogus/></div></content>
            """
        let found = codes(atom(entry: xhtml))
        #expect(found.contains("SecurityRiskAttr"))
        #expect(found.contains("SecurityRisk"))
        #expect(found.contains("NotHtml"))
    }

    @Test func hostileDocumentsAreReportedNotObeyed() {
        // An entity bomb and an external entity: never expanded, never fetched.
        let bomb = """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
            <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
            <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY x SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>&g;&x;</title></channel></rss>
            """
        let report = validate(bomb)
        #expect(report.hasErrors)
        let deep = "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel>" + String(repeating: "<x>", count: 5000)
        #expect(validate(deep).hasErrors)
    }
}
