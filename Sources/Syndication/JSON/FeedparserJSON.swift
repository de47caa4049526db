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
        var top: [(String, JSONValue)] = [("bozo", .bool(feed.isBozo))]
        if let problem = feed.problems.first {
            top.append(("bozo_exception", .object([("type", .string(problem.kind.rawValue)), ("message", .string(problem.description))])))
        }
        top.append(("feed", header(feed.header, feed: feed)))
        top.append(("entries", .array(feed.entries.map { entry($0, feed: feed) })))
        top.append(("version", .string(feed.dialect.rawValue)))
        top.append(("encoding", .string(feed.encoding)))
        top.append(("namespaces", .object(feed.namespaces.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        var headers: [(String, JSONValue)] = []
        if let http {
            for (k, v) in http.headers.sorted(by: { $0.key < $1.key }) { headers.append((k.lowercased(), .string(v))) }
            top.append(("href", .string(http.href)))
            top.append(("status", .int(http.status)))
            if let etag = http.headers.first(where: { $0.key.lowercased() == "etag" })?.value { top.append(("etag", .string(etag))) }
            if let modified = http.headers.first(where: { $0.key.lowercased() == "last-modified" })?.value {
                top.append(("updated", .string(modified)))
                top.append(("updated_parsed", parsed(DateParser.parse(modified))))
            }
        }
        top.append(("headers", .object(headers)))
        return .object(top)
    }

    // MARK: Pieces

    static func detail(_ t: Text) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("type", .string(t.kind.mimeType)), ("language", t.language.map { .string($0) } ?? .null),
                                            ("base", .string(t.base ?? "")), ("value", .string(t.value))]
        if let src = t.src { pairs.append(("src", .string(src))) }
        return .object(pairs)
    }

    static func parsed(_ date: Date?) -> JSONValue {
        guard let date else { return .null }
        return .array(DateParser.utcFields(date).map { .int($0) })
    }

    static func link(_ l: Link) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("rel", .string(l.rel))]
        if let type = l.type { pairs.append(("type", .string(type))) }
        else if l.rel != "enclosure" { pairs.append(("type", .string(l.rel == "self" ? "application/atom+xml" : "text/html"))) }
        pairs.append(("href", .string(l.href)))
        if let title = l.title { pairs.append(("title", .string(title))) }
        if let length = l.length { pairs.append(("length", .string(length))) }
        if let hreflang = l.hreflang { pairs.append(("hreflang", .string(hreflang))) }
        return .object(pairs)
    }

    static func personDetail(_ p: Person) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let name = p.name { pairs.append(("name", .string(name))) }
        if let email = p.email { pairs.append(("email", .string(email))) }
        if let uri = p.uri { pairs.append(("href", .string(uri))) }
        return .object(pairs)
    }

    static func personString(_ p: Person) -> String? {
        if let text = p.text { return text }
        switch (p.name, p.email) {
        case let (name?, email?): return "\(name) (\(email))"
        case let (name?, nil): return name
        case let (nil, email?): return email
        default: return nil
        }
    }

    static func add(_ pairs: inout [(String, JSONValue)], _ key: String, _ text: Text?) {
        guard let text else { return }
        pairs.append((key, .string(text.value)))
        pairs.append((key + "_detail", detail(text)))
    }

    static func add(_ pairs: inout [(String, JSONValue)], _ key: String, _ date: DateValue?) {
        guard let date else { return }
        pairs.append((key, .string(date.text)))
        pairs.append((key + "_parsed", parsed(date.instant)))
    }

    static func addPeople(_ pairs: inout [(String, JSONValue)], authors: [Person], contributors: [Person], publisher: Person?) {
        // feedparser reports the last author read as `author`.
        if let last = authors.last {
            if let s = personString(last) { pairs.append(("author", .string(s))) }
            pairs.append(("author_detail", personDetail(last)))
            pairs.append(("authors", .array(authors.map(personDetail))))
        }
        if !contributors.isEmpty { pairs.append(("contributors", .array(contributors.map(personDetail)))) }
        if let publisher {
            if let s = personString(publisher) { pairs.append(("publisher", .string(s))) }
            pairs.append(("publisher_detail", personDetail(publisher)))
        }
    }

    static func tags(_ categories: [Category]) -> JSONValue {
        .array(categories.map { c in
            .object([("term", .string(c.term)), ("scheme", c.scheme.map { .string($0) } ?? .null),
                     ("label", c.label.map { .string($0) } ?? .null)])
        })
    }

    static func htmlLink(_ links: [Link]) -> String? {
        links.first { $0.rel == "alternate" && ($0.type == nil || $0.type == "text/html" || $0.type == "application/xhtml+xml") }?.href
    }

    static func header(_ h: FeedHeader, feed: Feed?) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        add(&pairs, "title", h.title)
        add(&pairs, "subtitle", h.subtitle)
        add(&pairs, "rights", h.rights)
        add(&pairs, "info", h.info)
        if !h.links.isEmpty { pairs.append(("links", .array(h.links.map(link)))) }
        if let href = htmlLink(h.links) { pairs.append(("link", .string(href))) }
        else if let id = h.id, feed?.dialect.isAtom == true { pairs.append(("link", .string(id))) }
        if let id = h.id { pairs.append(("id", .string(id))) }
        add(&pairs, "updated", h.updated)
        add(&pairs, "published", h.published)
        addPeople(&pairs, authors: h.authors, contributors: h.contributors, publisher: h.publisher)
        if !h.categories.isEmpty { pairs.append(("tags", tags(h.categories))) }
        if let g = h.generator {
            pairs.append(("generator", .string(g.name)))
            var d: [(String, JSONValue)] = [("name", .string(g.name))]
            if let uri = g.uri { d.append(("href", .string(uri))) }
            if let version = g.version { d.append(("version", .string(version))) }
            pairs.append(("generator_detail", .object(d)))
        }
        if let icon = h.icon { pairs.append(("icon", .string(icon))) }
        if let logo = h.logo { pairs.append(("logo", .string(logo))) }
        if let language = h.language { pairs.append(("language", .string(language))) }
        if let ttl = h.ttl { pairs.append(("ttl", .string(ttl))) }
        if let docs = h.docs { pairs.append(("docs", .string(docs))) }
        if let cloud = h.cloud { pairs.append(("cloud", .object(cloud.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))) }
        if let image = h.image {
            var d: [(String, JSONValue)] = []
            add(&d, "title", image.title)
            if let url = image.url { d.append(("href", .string(url))) }
            if let link = image.link {
                d.append(("link", .string(link)))
                d.append(("links", .array([self.link(Link(href: link))])))
            }
            if let w = image.width { d.append(("width", .int(Int(w) ?? 0))) }
            if let hgt = image.height { d.append(("height", .int(Int(hgt) ?? 0))) }
            add(&d, "subtitle", image.description)
            pairs.append(("image", .object(d)))
        }
        if let ti = h.textInput {
            var d: [(String, JSONValue)] = []
            add(&d, "title", ti.title)
            if let link = ti.link { d.append(("link", .string(link))) }
            if let name = ti.name { d.append(("name", .string(name))) }
            add(&d, "subtitle", ti.description)
            pairs.append(("textinput", .object(d)))
        }
        extensions(h.extensions, into: &pairs, feed: feed)
        return .object(pairs)
    }

    static func entry(_ e: Entry, feed: Feed) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        add(&pairs, "title", e.title)
        if !e.links.isEmpty { pairs.append(("links", .array(e.links.map(link)))) }
        let permalink = e.idIsPermalink ?? true
        let alternate = htmlLink(e.links)
        if let alternate { pairs.append(("link", .string(alternate))) }
        else if let id = e.id, permalink { pairs.append(("link", .string(id))) }
        if let id = e.id {
            pairs.append(("id", .string(id)))
            pairs.append(("guidislink", .bool(permalink && alternate == nil)))
        }
        if let summary = e.summary {
            add(&pairs, "summary", summary)
        } else if let first = e.content.first, first.kind == .text || first.kind == .html || first.kind == .xhtml {
            pairs.append(("summary", .string(first.value)))
        }
        if !e.content.isEmpty { pairs.append(("content", .array(e.content.map(detail)))) }
        add(&pairs, "rights", e.rights)
        add(&pairs, "published", e.published)
        add(&pairs, "updated", e.updated)
        add(&pairs, "created", e.created)
        add(&pairs, "expired", e.expired)
        addPeople(&pairs, authors: e.authors, contributors: e.contributors, publisher: e.publisher)
        if !e.categories.isEmpty { pairs.append(("tags", tags(e.categories))) }
        if let comments = e.comments { pairs.append(("comments", .string(comments))) }
        if let source = e.source {
            var s = header(source, feed: nil)
            if !feed.dialect.isAtom, case .object(var sp) = s, let selfLink = source.selfLink, source.links.count == 1 {
                sp.removeAll { $0.0 == "links" }
                sp.append(("href", .string(selfLink.href)))
                s = .object(sp)
            }
            pairs.append(("source", s))
        }
        extensions(e.extensions, into: &pairs, feed: feed)
        return .object(pairs)
    }

    // MARK: Extensions

    /// Unknown elements become `prefix_name` keys as feedparser makes them: their text, or their
    /// attributes when they have any; children flatten into the same object. Keys the model
    /// already filled are never overwritten (the shallower element wins).
    static func extensions(_ list: [ExtensionElement], into pairs: inout [(String, JSONValue)], feed: Feed?) {
        var chapters = false
        var geometry: JSONValue?
        var lists: [String: [JSONValue]] = [:]
        func has(_ key: String) -> Bool { pairs.contains { $0.0 == key } }
        func set(_ key: String, _ value: JSONValue) {
            if let i = pairs.firstIndex(where: { $0.0 == key }) { pairs[i].1 = value } else { pairs.append((key, value)) }
        }
        func visit(_ element: ExtensionElement, reserved: Set<String>) {
            let key = extensionKey(element)
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
                    if key == "media_thumbnail" { if !attrs.contains(where: { $0.0 == "url" }) { attrs.append(("url", .string(text))) } }
                    else if key == "media_credit" { attrs.append(("content", .string(text))) }
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
            if !reserved.contains(key) {
                if element.attributes.isEmpty {
                    set(key, .string(text))
                } else {
                    set(key, .object(element.attributes.map { (attributeKey($0), .string($0.value)) }))
                }
            }
            for child in element.children { visit(child, reserved: reserved) }
        }
        let reserved = Set(pairs.map(\.0))
        for element in list { visit(element, reserved: reserved) }
    }

    static func extensionKey(_ e: ExtensionElement) -> String {
        let name = e.name.lowercased()
        guard let ns = e.namespace, !ns.isEmpty else { return name }
        let prefix = Namespace.feedparserPrefix(ns) ?? e.prefix ?? ""
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
