import Testing

@testable import Syndication

@Suite struct FeedparserJSONTests {
    func json(_ xml: String) -> JSONValue { FeedparserJSON.encode(parse(xml)) }
    func firstEntry(_ v: JSONValue) -> JSONValue? { if case .array(let a)? = v["entries"] { return a.first }; return nil }

    @Test func topLevelShape() {
        let v = json(rss("<item><title>x</title></item>"))
        #expect(v["bozo"] == .bool(false))
        #expect(v["version"] == .string("rss20"))
        #expect(v["encoding"] == .string("utf-8"))
        #expect(v["bozo_exception"] == nil)
    }

    @Test func permalinkGuidActsAsLink() {
        let e = firstEntry(json(rss("<item><guid>http://e.org/1</guid></item>")))
        #expect(e?["link"] == .string("http://e.org/1"))
        #expect(e?["guidislink"] == .bool(true))
        let f = firstEntry(json(rss("<item><guid isPermaLink=\"false\">x1</guid></item>")))
        #expect(f?["link"] == nil)
        #expect(f?["guidislink"] == .bool(false))
    }

    @Test func contentFillsMissingSummary() {
        let e = firstEntry(
            json(
                rss(
                    "<item><content:encoded>&lt;p&gt;c&lt;/p&gt;</content:encoded></item>",
                    namespaces: "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"")))
        #expect(e?["summary"] == .string("<p>c</p>"))
        #expect(e?["summary_detail"] == nil)
    }

    @Test func bozoCarriesTheReason() {
        let v = json("<rss><channel><title>a</channel>")
        #expect(v["bozo"] == .bool(true))
        #expect(v["bozo_exception"]?["type"] == .string("SAXParseException"))
    }

    @Test func serializationEscapes() {
        let v = JSONValue.object([("k", .string("a\"b\\c\n\u{1}é"))])
        #expect(String(decoding: v.serialized(), as: UTF8.self) == "{\"k\":\"a\\\"b\\\\c\\n\\u0001é\"}")
    }
}
