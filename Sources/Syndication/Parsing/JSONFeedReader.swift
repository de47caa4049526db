import Foundation

/// Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org) into the same model as XML feeds.
enum JSONFeedReader {
    static func read(_ bytes: [UInt8], baseURL: String?) -> Feed {
        var feed = Feed()
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)), let root = object as? [String: Any] else {
            feed.problems = [ParseProblem(.notWellFormed, "not a valid JSON document")]
            return feed
        }
        let version = root["version"] as? String ?? ""
        feed.dialect = version.contains("/version/1.1") ? .json11 : version.contains("/version/1") ? .json1 : .unknown
        if feed.dialect == .unknown { feed.problems.append(ParseProblem(.notAFeed, "JSON without a JSON Feed version")) }
        func text(_ key: String, _ dict: [String: Any], kind: Text.Kind = .text) -> Text? {
            (dict[key] as? String).map { Text($0, kind: kind, base: baseURL) }
        }
        feed.title = text("title", root)
        feed.subtitle = text("description", root)
        if let home = root["home_page_url"] as? String { feed.links.append(Link(href: home, rel: "alternate", type: "text/html")) }
        if let url = root["feed_url"] as? String { feed.links.append(Link(href: url, rel: "self", type: "application/feed+json")) }
        feed.icon = root["favicon"] as? String
        feed.logo = root["icon"] as? String
        feed.language = root["language"] as? String
        feed.authors = people(root)
        for item in root["items"] as? [[String: Any]] ?? [] {
            var entry = Entry()
            entry.id = (item["id"] as? String) ?? (item["id"] as? NSNumber)?.stringValue
            entry.title = text("title", item)
            if let url = item["url"] as? String { entry.links.append(Link(href: url, rel: "alternate", type: "text/html")) }
            if let ext = item["external_url"] as? String { entry.links.append(Link(href: ext, rel: "related")) }
            entry.summary = text("summary", item)
            if let html = text("content_html", item, kind: .html) { entry.content.append(html) }
            if let plain = text("content_text", item) { entry.content.append(plain) }
            if let p = item["date_published"] as? String { entry.published = DateValue(parsing: p) }
            if let u = item["date_modified"] as? String { entry.updated = DateValue(parsing: u) }
            entry.authors = people(item)
            entry.categories = (item["tags"] as? [String] ?? []).map { Category(term: $0) }
            for a in item["attachments"] as? [[String: Any]] ?? [] {
                guard let url = a["url"] as? String else { continue }
                entry.links.append(
                    Link(
                        href: url, rel: "enclosure", type: a["mime_type"] as? String,
                        title: a["title"] as? String, length: (a["size_in_bytes"] as? NSNumber)?.stringValue))
            }
            feed.entries.append(entry)
        }
        return feed
    }

    private static func people(_ dict: [String: Any]) -> [Person] {
        var list = dict["authors"] as? [[String: Any]] ?? []
        if list.isEmpty, let one = dict["author"] as? [String: Any] { list = [one] }
        return list.map { Person(name: $0["name"] as? String, uri: $0["url"] as? String) }.filter { !$0.isEmpty }
    }
}
