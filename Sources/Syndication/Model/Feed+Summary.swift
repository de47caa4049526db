import Foundation

extension Feed {
    /// A short human summary of the feed, as `mediawire parse` prints it: format, encoding, title,
    /// link, the first entries and every problem.
    public func summary(name: String) -> String {
        let feed = self
        var lines = ["\(name): \(feed.dialect.displayName), encoding \(feed.encoding.isEmpty ? "unknown" : feed.encoding)"]
        lines.append("title: \(feed.title?.value ?? "(none)")")
        if let link = feed.alternateLink?.href { lines.append("link: \(link)") }
        lines.append("entries: \(feed.entries.count)")
        for entry in feed.entries.prefix(5) {
            lines.append("  - \(entry.title?.value ?? "(untitled)")\(entry.alternateLink.map { " <\($0.href)>" } ?? "")")
        }
        if feed.entries.count > 5 { lines.append("  … \(feed.entries.count - 5) more") }
        if feed.problems.isEmpty {
            lines.append("problems: none")
        } else {
            lines.append("problems: \(feed.problems.count)")
            for p in feed.problems { lines.append("  \(p.kind.rawValue): \(p.description)") }
        }
        return lines.joined(separator: "\n")
    }
}
