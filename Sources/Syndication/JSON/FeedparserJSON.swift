import Dispatch
import Foundation

/// Projects a ``Feed`` onto the shape of Python feedparser's result, so tools written against
/// feedparser (and its test corpus) can read ours. This is the only place feedparser's
/// conventions live; the model itself stays free of them.
public enum FeedparserJSON {
    /// HTTP facts to report beside the feed.
    public struct HTTPContext: Sendable {
        public var href: String
        public var status: Int
        public var headers: [String: String]
        public init(href: String, status: Int, headers: [String: String]) {
            self.href = href
            self.status = status
            self.headers = headers
        }
    }

    public static func encode(_ feed: Feed, http: HTTPContext? = nil) -> JSONValue {
        let bytes = serialize(feed, http: http)
        return JSONValue.parse(bytes) ?? .null
    }

    /// The feedparser-shaped JSON of a feed, as UTF-8 bytes.
    public static func serialize(_ feed: Feed, http: HTTPContext? = nil, capacity: Int = 1 << 16) -> [UInt8] {
        var all: [UInt8] = []
        all.reserveCapacity(capacity)
        serialize(feed, http: http, capacity: capacity) { all.append(contentsOf: $0) }
        return all
    }

    /// Writes the JSON in pieces to `sink` as it goes, so the whole text is never held at once.
    public static func serialize(_ feed: Feed, http: HTTPContext? = nil, capacity: Int = 1 << 16, to sink: ([UInt8]) -> Void) {
        var w = JSONWriter(capacity: min(capacity, 1 << 20))
        func flush(_ force: Bool = false) {
            if force || w.out.count >= 1 << 18 { w.drain(to: sink) }
        }
        w.beginObject()
        w.key("bozo"); w.bool(feed.isBozo)
        if let problem = feed.problems.first {
            w.key("bozo_exception")
            w.beginObject(); w.field("type", problem.kind.rawValue); w.field("message", problem.description); w.endObject()
        }
        w.key("feed"); header(feed.header, feed: feed, rssSource: false, into: &w)
        w.key("entries"); w.beginArray()
        let count = feed.entries.count
        if count >= 64 && ProcessInfo.processInfo.activeProcessorCount > 1 {
            // The second half is written on another core meanwhile, then appended.
            let half = count / 2
            // Both halves at once, the first written out as it goes.
            let (_, second) = Parallel.both(
                {
                    for e in feed.entries[..<half] { entry(e, feed: feed, into: &w); flush() }
                },
                alongside: {
                    // At the top level, so the entries come out comma-separated with no brackets.
                    var w2 = JSONWriter(capacity: capacity / 2)
                    for e in feed.entries[half...] { entry(e, feed: feed, into: &w2) }
                    return w2.out
                })
            flush(true)
            sink([UInt8](",".utf8))
            sink(second)
        } else {
            for e in feed.entries { entry(e, feed: feed, into: &w); flush() }
        }
        w.endArray()
        w.field("version", feed.dialect.rawValue)
        w.field("encoding", feed.encoding)
        w.key("namespaces"); w.beginObject()
        for (k, v) in feed.namespaces.sorted(by: { $0.key < $1.key }) { w.field(k, v) }
        w.endObject()
        if let http {
            w.field("href", http.href)
            w.key("status"); w.int(http.status)
            if let etag = http.headers.first(where: { $0.key.lowercased() == "etag" })?.value { w.field("etag", etag) }
            if let modified = http.headers.first(where: { $0.key.lowercased() == "last-modified" })?.value {
                w.field("updated", modified)
                w.key("updated_parsed"); parsed(DateParser.parse(modified), into: &w)
            }
        }
        w.key("headers"); w.beginObject()
        for (k, v) in (http?.headers ?? [:]).sorted(by: { $0.key < $1.key }) { w.field(k.lowercased(), v) }
        w.endObject()
        w.endObject()
        flush(true)
    }

    // MARK: Pieces

    static func detail(_ t: Text, into w: inout JSONWriter) {
        w.beginObject()
        w.field("type", t.kind.mimeType)
        w.field("language", t.language)
        w.field("base", t.base ?? "")
        w.field("value", t.value)
        if let src = t.src { w.field("src", src) }
        w.endObject()
    }

    static func parsed(_ date: Date?, into w: inout JSONWriter) {
        guard let date else { w.null(); return }
        w.beginArray()
        for f in DateParser.utcFields(date) { w.int(f) }
        w.endArray()
    }

    static func link(_ l: Link, into w: inout JSONWriter) {
        w.beginObject()
        w.field("rel", l.rel)
        if let type = l.type {
            w.field("type", type)
        } else if l.rel != "enclosure" {
            w.field("type", l.rel == "self" ? "application/atom+xml" : "text/html")
        }
        w.field("href", l.href)
        if let title = l.title { w.field("title", title) }
        if let length = l.length { w.field("length", length) }
        if let hreflang = l.hreflang { w.field("hreflang", hreflang) }
        w.endObject()
    }

    static func personDetail(_ p: Person, into w: inout JSONWriter) {
        w.beginObject()
        if let name = p.name { w.field("name", name) }
        if let email = p.email { w.field("email", email) }
        if let uri = p.uri { w.field("href", uri) }
        w.endObject()
    }

    static func personString(_ p: Person) -> String? {
        if let text = p.text { return text }
        switch (p.name, p.email) {
        case (let name?, let email?): return "\(name) (\(email))"
        case (let name?, nil): return name
        case (nil, let email?): return email
        default: return nil
        }
    }

    static func add(_ key: String, _ text: Text?, into w: inout JSONWriter) {
        guard let text else { return }
        w.field(key, text.value)
        w.key(key + "_detail"); detail(text, into: &w)
    }

    static func add(_ key: String, _ date: DateValue?, into w: inout JSONWriter) {
        guard let date else { return }
        w.field(key, date.text)
        w.key(key + "_parsed"); parsed(date.instant, into: &w)
    }

    static func addPeople(authors: [Person], contributors: [Person], publisher: Person?, into w: inout JSONWriter) {
        // feedparser reports the last author read as `author`.
        if let last = authors.last {
            if let s = personString(last) { w.field("author", s) }
            w.key("author_detail"); personDetail(last, into: &w)
            w.key("authors"); w.beginArray(); for a in authors { personDetail(a, into: &w) }; w.endArray()
        }
        if !contributors.isEmpty {
            w.key("contributors"); w.beginArray(); for c in contributors { personDetail(c, into: &w) }; w.endArray()
        }
        if let publisher {
            if let s = personString(publisher) { w.field("publisher", s) }
            w.key("publisher_detail"); personDetail(publisher, into: &w)
        }
    }

    static func tags(_ categories: [Category], into w: inout JSONWriter) {
        w.key("tags"); w.beginArray()
        for c in categories {
            w.beginObject(); w.field("term", c.term); w.field("scheme", c.scheme); w.field("label", c.label); w.endObject()
        }
        w.endArray()
    }

    static func links(_ list: [Link], into w: inout JSONWriter) {
        guard !list.isEmpty else { return }
        w.key("links"); w.beginArray(); for l in list { link(l, into: &w) }; w.endArray()
    }

    static func htmlLink(_ links: [Link]) -> String? {
        links.first { $0.rel == "alternate" && ($0.type == nil || $0.type == "text/html" || $0.type == "application/xhtml+xml") }?.href
    }

    static func header(_ h: FeedHeader, feed: Feed?, rssSource: Bool, into w: inout JSONWriter) {
        w.beginObject(trackingKeys: !h.extensions.isEmpty)
        add("title", h.title, into: &w)
        add("subtitle", h.subtitle, into: &w)
        add("rights", h.rights, into: &w)
        add("info", h.info, into: &w)
        if rssSource, let selfLink = h.selfLink, h.links.count == 1 {
            w.field("href", selfLink.href)
        } else {
            links(h.links, into: &w)
        }
        if let href = htmlLink(h.links) { w.field("link", href) } else if let id = h.id, feed?.dialect.isAtom == true { w.field("link", id) }
        if let id = h.id { w.field("id", id) }
        add("updated", h.updated, into: &w)
        add("published", h.published, into: &w)
        add("created", h.created, into: &w)
        addPeople(authors: h.authors, contributors: h.contributors, publisher: h.publisher, into: &w)
        if !h.categories.isEmpty { tags(h.categories, into: &w) }
        if let g = h.generator {
            w.field("generator", g.name)
            w.key("generator_detail"); w.beginObject()
            w.field("name", g.name)
            if let uri = g.uri { w.field("href", uri) }
            if let version = g.version { w.field("version", version) }
            w.endObject()
        }
        if let icon = h.icon { w.field("icon", icon) }
        if let logo = h.logo { w.field("logo", logo) }
        if let language = h.language { w.field("language", language) }
        if let ttl = h.ttl { w.field("ttl", ttl) }
        if let docs = h.docs { w.field("docs", docs) }
        if let cloud = h.cloud {
            w.key("cloud"); w.beginObject()
            for (k, v) in cloud.sorted(by: { $0.key < $1.key }) { w.field(k, v) }
            w.endObject()
        }
        if let image = h.image {
            w.key("image"); w.beginObject()
            add("title", image.title, into: &w)
            if let url = image.url { w.field("href", url) }
            if let l = image.link {
                w.field("link", l)
                w.key("links"); w.beginArray(); link(Link(href: l), into: &w); w.endArray()
            }
            if let width = image.width { w.key("width"); w.int(Int(width) ?? 0) }
            if let height = image.height { w.key("height"); w.int(Int(height) ?? 0) }
            add("subtitle", image.description, into: &w)
            w.endObject()
        }
        if let ti = h.textInput {
            w.key("textinput"); w.beginObject()
            add("title", ti.title, into: &w)
            if let l = ti.link { w.field("link", l) }
            if let name = ti.name { w.field("name", name) }
            add("subtitle", ti.description, into: &w)
            w.endObject()
        }
        writeExtensions(h.extensions, into: &w)
        w.endObject()
    }

    static func entry(_ e: Entry, feed: Feed, into w: inout JSONWriter) {
        w.beginObject(trackingKeys: !e.extensions.isEmpty)
        add("title", e.title, into: &w)
        links(e.links, into: &w)
        let permalink = e.idIsPermalink ?? true
        let alternate = htmlLink(e.links)
        if let alternate { w.field("link", alternate) } else if let id = e.id, permalink { w.field("link", id) }
        if let id = e.id {
            w.field("id", id)
            w.key("guidislink"); w.bool(permalink && alternate == nil)
        }
        if let summary = e.summary {
            add("summary", summary, into: &w)
        } else if let first = e.content.first, first.kind == .text || first.kind == .html || first.kind == .xhtml {
            w.field("summary", first.value)
        }
        if !e.content.isEmpty {
            w.key("content"); w.beginArray(); for c in e.content { detail(c, into: &w) }; w.endArray()
        }
        add("rights", e.rights, into: &w)
        add("published", e.published, into: &w)
        add("updated", e.updated, into: &w)
        add("created", e.created, into: &w)
        add("expired", e.expired, into: &w)
        addPeople(authors: e.authors, contributors: e.contributors, publisher: e.publisher, into: &w)
        if !e.categories.isEmpty { tags(e.categories, into: &w) }
        if let comments = e.comments { w.field("comments", comments) }
        if let language = e.language { w.field("language", language) }
        if let source = e.source {
            w.key("source"); header(source, feed: nil, rssSource: !feed.dialect.isAtom, into: &w)
        }
        writeExtensions(e.extensions, into: &w)
        w.endObject()
    }

    static func writeExtensions(_ list: [ExtensionElement], into w: inout JSONWriter) {
        guard !list.isEmpty else { return }
        var pairs: [(String, JSONValue)] = []
        extensions(list, into: &pairs, reserved: Set(w.currentKeys))
        for (k, v) in pairs { w.key(k); w.value(v) }
    }

    // MARK: Extensions

    /// Unknown elements become `prefix_name` keys as feedparser makes them: their text, or their
    /// attributes when they have any; children flatten into the same object. Keys the model
    /// already filled are never overwritten (the shallower element wins).
    static func extensions(_ list: [ExtensionElement], into pairs: inout [(String, JSONValue)], reserved: Set<String>) {
        var chapters = false
        var geometry: JSONValue?
        var lists: [String: [JSONValue]] = [:]
        func has(_ key: String) -> Bool { pairs.contains { $0.0 == key } }
        func set(_ key: String, _ value: JSONValue) {
            if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = value } else { pairs.append((key, value)) }
        }
        // A key set by a shallower element is not overwritten by a deeper one.
        var depthOfKey: [String: Int] = [:]
        var depth = 0
        func visit(_ element: ExtensionElement, reserved: Set<String>) {
            let key = extensionKey(element)
            depth += 1
            defer { depth -= 1 }
            let text = element.text.trimmingWhitespace()
            switch key {
            case "itunes_block":
                set(key, .int(element.text == "yes" || element.text == "Yes" ? 1 : 0)); return
            case "itunes_explicit":
                set(key, element.text == "yes" ? .bool(true) : element.text == "clean" ? .bool(false) : .null); return
            case "itunes_image", "itunes_link":
                if let href = element.attribute("href") ?? element.attribute("url") {
                    set("image", .object([("href", .string(href))]))
                }
                return
            case "media_content", "media_thumbnail", "media_credit":
                var attrs = element.attributes.map { (attributeKey($0), JSONValue.string($0.value)) }
                if !text.isEmpty {
                    if key == "media_thumbnail" {
                        if !attrs.contains(where: { $0.0 == "url" }) { attrs.append(("url", .string(text))) }
                    } else if key == "media_credit" {
                        attrs.append(("content", .string(text)))
                    }
                }
                lists[key, default: []].append(.object(attrs))
                set(key, .array(lists[key]!))
                for child in element.children { visit(child, reserved: reserved) }
                return
            case "media_rating", "media_license", "media_restriction", "media_player":
                guard !has(key) else { return }
                var attrs = element.attributes.map { (attributeKey($0), JSONValue.string($0.value)) }
                if key == "media_restriction", !text.isEmpty {
                    attrs.append(("content", .array(text.split(separator: " ").map { .string($0.lowercased()) })))
                } else if !text.isEmpty || key == "media_player" {
                    attrs.append(("content", .string(text)))
                }
                set(key, .object(attrs))
                return
            case "dcterms_valid":
                // "start=...;end=...;scheme=W3C-DTF" (DCMI Period)
                for part in text.split(separator: ";") {
                    let kv = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
                    guard kv.count == 2, kv[0] == "start" || kv[0] == "end" else { continue }
                    set("validity_" + kv[0], .string(kv[1]))
                    set("validity_" + kv[0] + "_parsed", DateParser.parse(kv[1]).map { .array(DateParser.utcFields($0).map { .int($0) }) } ?? .null)
                }
                return
            case "psc_chapters":
                guard !chapters else { return }
                chapters = true
                var attrs = element.attributes.map { (attributeKey($0), JSONValue.string($0.value)) }
                let list = element.children.filter { $0.name.lowercased() == "chapter" }.map { chapter -> JSONValue in
                    var c = chapter.attributes.map { (attributeKey($0), JSONValue.string($0.value)) }
                    if let start = chapter.attribute("start") { c.append(("start_parsed", PodloveTime.seconds(start).map { .double($0) } ?? .null)) }
                    return .object(c)
                }
                attrs.append(("chapters", .array(list)))
                set(key, .object(attrs))
                return
            default:
                break
            }
            if let geo = GeoJSON.geometry(element) {
                if geometry == nil { geometry = geo; set("where", geo) }
                return
            }
            if !reserved.contains(key) && (depthOfKey[key].map { $0 >= depth } ?? true) {
                depthOfKey[key] = depth
                if element.attributes.isEmpty {
                    set(key, .string(text))
                } else {
                    set(key, .object(element.attributes.map { (attributeKey($0), .string($0.value)) }))
                }
            }
            for child in element.children { visit(child, reserved: reserved) }
        }
        for element in list { visit(element, reserved: reserved) }
    }

    static func extensionKey(_ e: ExtensionElement) -> String {
        let name = e.name.lowercased()
        guard let ns = e.namespace, !ns.isEmpty else { return name }
        let prefix = Namespace.feedparserPrefix(ns) ?? e.prefix?.lowercased() ?? ""
        return prefix.isEmpty ? name : prefix + "_" + name
    }

    static func attributeKey(_ a: ExtensionElement.Attribute) -> String {
        guard let ns = a.namespace else { return a.name.lowercased() }
        let prefix = Namespace.feedparserPrefix(ns) ?? a.prefix ?? ""
        return prefix.isEmpty ? a.name.lowercased() : prefix + ":" + a.name.lowercased()
    }
}

/// Podlove Simple Chapters start times: `HH:MM:SS.mmm`, `MM:SS`, ...
enum PodloveTime {
    static func seconds(_ s: String) -> Double? {
        let parts = s.split(separator: ":")
        guard (2...3).contains(parts.count) else { return nil }
        var total = 0.0
        for (i, p) in parts.enumerated() {
            guard let v = Double(p), v >= 0 else { return nil }
            if i < parts.count - 1 && p.contains(".") { return nil }
            total = total * 60 + v
        }
        return total
    }
}
