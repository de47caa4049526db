import FeedValidation
import Foundation
import Syndication

/// Writes the combined wire feed (Atom 1.0) from the store: our headlines, the agencies' reports
/// unchanged, every entry with its `atom:source` and original URL.
public struct WireGenerator {
    /// The namespace of our own extension elements (the agency's original headline).
    public static let namespace = "https://mediawire.dev/ns/2026"
    static let atom = "http://www.w3.org/2005/Atom"
    static let archiveNamespace = "http://purl.org/syndication/history/1.0"

    public struct Options: Sendable {
        public var path: String
        public var limit: Int
        /// Where RFC 5005 archive pages go (none when `nil`).
        public var archiveDirectory: String?

        public init(path: String, limit: Int, archiveDirectory: String? = nil) {
            self.path = path
            self.limit = limit
            self.archiveDirectory = archiveDirectory
        }
    }

    /// What generating did: how many entries, and what had to be changed to keep the output valid.
    public struct Report: Sendable {
        public var path: String
        public var entries = 0
        public var archivePages = 0
        /// One line per entry that needed a repair: its id and what was done.
        public var repairs: [String] = []
    }

    public let config: WireConfig
    public let store: WireStore

    /// The `tag:` authority for ids minted while writing (the poller's, so both mint alike).
    private var mintAuthority: String { Poller.authority(outputID: config.output.id, site: config.output.site) }

    public init(config: WireConfig, store: WireStore) {
        self.config = config
        self.store = store
    }

    public func generate(_ options: Options) throws(GenerateError) -> Report {
        let sources: [String: SourceState]
        do {
            sources = try store.sourceStates()
        } catch {
            throw GenerateError(path: store.path, message: error.message)
        }
        let names = Dictionary(config.sources.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var report = Report(path: options.path)
        var archive: ArchivePlan?
        if let directory = options.archiveDirectory {
            archive = try writeArchives(directory: directory, sources: sources, names: names, report: &report)
        }
        var repairs: [String] = []
        var count = 0
        try AtomicFile.write(to: options.path) { sink in
            let writer = EntryWriter(sink: sink, sources: sources, names: names,
                                     mintAuthority: mintAuthority)
            var headerWritten = false
            func header(updated: String) {
                writeFeedHeader(sink, updated: updated, selfURL: config.output.selfURL, archive: nil)
                if let newest = archive?.newestPageURL {
                    sink.empty("link", attributes: [("rel", "prev-archive"), ("href", newest)])
                }
                headerWritten = true
            }
            try store.forEachLatest(limit: options.limit) { entry in
                if !headerWritten { header(updated: EntryWriter.updated(entry)) }
                writer.write(entry)
                count += 1
            }
            if !headerWritten { header(updated: RFC3339.format(0)) }
            sink.raw("</feed>\n")
            repairs = writer.repairs
        }
        report.entries = count
        report.repairs += repairs
        return report
    }

    func writeFeedHeader(_ sink: XMLSink, updated: String, selfURL: String, archive: (page: Int, prev: String?, next: String?)?) {
        let output = config.output
        sink.raw("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n")
        sink.raw("<feed xmlns=\"\(Self.atom)\" xmlns:mw=\"\(Self.namespace)\"")
        if archive != nil { sink.raw(" xmlns:fh=\"\(Self.archiveNamespace)\"") }
        sink.raw(">\n")
        sink.element("id", archive.map { "\(output.id):archive:\($0.page)" } ?? output.id)
        sink.element("title", output.title, attributes: [("type", "text")])
        if let subtitle = output.subtitle { sink.element("subtitle", subtitle, attributes: [("type", "text")]) }
        sink.element("updated", updated)
        sink.element("generator", "MediaWire", attributes: [("uri", "https://mediawire.dev/"), ("version", "1.0")])
        sink.raw("<author>")
        sink.element("name", output.author ?? output.title)
        sink.element("uri", output.site)
        sink.raw("</author>\n")
        sink.empty("link", attributes: [("rel", "self"), ("type", "application/atom+xml"), ("href", selfURL)])
        sink.empty("link", attributes: [("rel", "alternate"), ("type", "text/html"), ("href", output.site)])
        if let hub = output.hub { sink.empty("link", attributes: [("rel", "hub"), ("href", hub)]) }
        if let archive {
            sink.raw("<fh:archive/>")
            sink.empty("link", attributes: [("rel", "current"), ("href", output.selfURL)])
            if let prev = archive.prev { sink.empty("link", attributes: [("rel", "prev-archive"), ("href", prev)]) }
            if let next = archive.next { sink.empty("link", attributes: [("rel", "next-archive"), ("href", next)]) }
        }
        sink.raw("\n")
    }

    // MARK: Archives (RFC 5005)

    struct ArchivePlan {
        var newestPageURL: String?
    }

    /// Archive pages hold entries by arrival: page k has the entries stored k·size+1 … (k+1)·size.
    /// Only full pages are written, so a page, once written, keeps its entries (an entry updated
    /// later is updated in its page; a deleted one leaves a gap).
    private func writeArchives(directory: String, sources: [String: SourceState], names: [String: String],
                               report: inout Report) throws(GenerateError) -> ArchivePlan {
        let size = config.output.archiveSize
        let maxSeq: Int
        do {
            maxSeq = try store.maxSequence()
        } catch {
            throw GenerateError(path: store.path, message: error.message)
        }
        let pages = maxSeq / size
        guard pages > 0 else { return ArchivePlan(newestPageURL: nil) }
        let base = Self.archiveBaseURL(selfURL: config.output.selfURL, directory: directory)
        func url(_ page: Int) -> String { base + "archive-\(page).atom" }
        for page in 0..<pages {
            let path = (directory as NSString).appendingPathComponent("archive-\(page).atom")
            var repairs: [String] = []
            try AtomicFile.write(to: path) { sink in
                let writer = EntryWriter(sink: sink, sources: sources, names: names,
                                     mintAuthority: mintAuthority)
                var entries: [StoredEntry] = []
                try store.forEachInSequenceRange(from: page * size + 1, through: (page + 1) * size) { entries.append($0) }
                let updated = entries.map(EntryWriter.updated).max() ?? RFC3339.format(0)
                writeFeedHeader(sink, updated: updated, selfURL: url(page),
                                archive: (page, page > 0 ? url(page - 1) : nil, page + 1 < pages ? url(page + 1) : nil))
                for entry in entries.reversed() { writer.write(entry) }
                sink.raw("</feed>\n")
                repairs = writer.repairs
            }
            report.repairs += repairs
            report.archivePages += 1
        }
        return ArchivePlan(newestPageURL: url(pages - 1))
    }

    /// Archive pages are published beside the feed, in a folder named like the archive directory.
    static func archiveBaseURL(selfURL: String, directory: String) -> String {
        var base = selfURL
        if let slash = base.lastIndex(of: "/") { base = String(base[...slash]) }
        let name = (directory as NSString).lastPathComponent
        return base + (name.isEmpty ? "" : name + "/")
    }
}

/// Writes one entry; collects what had to be repaired.
final class EntryWriter {
    let sink: XMLSink
    let sources: [String: SourceState]
    let names: [String: String]
    var repairs: [String] = []
    private var notes: [String] = []
    /// The `tag:` authority for ids minted while writing.
    let mintAuthority: String
    private var emittedIDs: Set<String> = []

    init(sink: XMLSink, sources: [String: SourceState], names: [String: String], mintAuthority: String) {
        self.sink = sink
        self.sources = sources
        self.names = names
        self.mintAuthority = mintAuthority
    }

    /// The entry's `updated`: the agency's (RFC 3339 as written, else normalized), else its
    /// published time, else when we first saw it.
    static func updated(_ e: StoredEntry) -> String {
        date(e.updated) ?? date(e.published) ?? RFC3339.format(e.firstSeen)
    }

    static func date(_ d: StoredDate?) -> String? {
        guard let d else { return nil }
        if RFC3339.isValid(d.text) { return d.text }
        return d.instant.map(RFC3339.format)
    }

    func write(_ e: StoredEntry) {
        notes.removeAll()
        sink.raw("<entry>")
        // One id, one report: a second source carrying the same agency id (the same wire
        // configured twice, a syndicated story) gets its own, minted from the source and key.
        var id = e.atomID
        if !emittedIDs.insert(id).inserted {
            id = StoredEntry.mint(authority: mintAuthority, sourceID: e.sourceID, key: e.key)
            emittedIDs.insert(id)
            notes.append("id \(e.atomID) already used by another source: published as \(id)")
        }
        text("id", id)
        text("title", e.title, attributes: [("type", "text")])
        if e.originalTitle != e.title {
            text("mw:original-title", e.originalTitle)
        }
        var hasAlternate = false
        for link in e.links {
            guard !link.href.isEmpty else { continue }
            var attributes = [("rel", link.rel), ("href", link.href)]
            if let type = link.type, Self.isMediaType(type) { attributes.append(("type", type)) }
            if let hreflang = link.hreflang, Self.isLanguageTag(hreflang) { attributes.append(("hreflang", hreflang)) }
            if let title = link.title { attributes.append(("title", title)) }
            if let length = link.length, Int(length) != nil { attributes.append(("length", length)) }
            if link.rel == "alternate" { hasAlternate = true }
            empty("link", attributes)
        }
        if let published = Self.date(e.published) { text("published", published) }
        text("updated", Self.updated(e))
        for person in e.authors { self.person("author", person) }
        for person in e.contributors { self.person("contributor", person) }
        for category in e.categories where !category.term.isEmpty {
            var attributes = [("term", category.term)]
            if let scheme = category.scheme { attributes.append(("scheme", scheme)) }
            if let label = category.label { attributes.append(("label", label)) }
            empty("category", attributes)
        }
        if let rights = e.rights { textConstruct("rights", rights) }
        var summary = e.summary
        if e.content?.src != nil, summary == nil {
            summary = StoredText(type: "text", value: e.originalTitle)
            notes.append("content is out of line and the entry had no summary: the headline is used as summary")
        }
        if let summary { textConstruct("summary", summary) }
        if let content = e.content {
            self.content(content)
        } else if !hasAlternate {
            sink.raw("<content type=\"text\"/>")
            notes.append("no content and no link: an empty content element was added")
        }
        source(e.sourceID, entryHasAuthor: !e.authors.isEmpty, entryUpdated: Self.updated(e))
        sink.raw("</entry>\n")
        let dropped = sink.takeDropped()
        if dropped > 0 { notes.append("\(dropped) character\(dropped == 1 ? "" : "s") XML cannot carry removed") }
        if !notes.isEmpty { repairs.append("\(e.atomID): " + notes.joined(separator: "; ")) }
    }

    // MARK: Pieces

    private func text(_ name: String, _ value: String, attributes: [(String, String)] = []) {
        sink.element(name, value, attributes: attributes)
    }

    private func empty(_ name: String, _ attributes: [(String, String)]) {
        sink.empty(name, attributes: attributes)
    }

    private func common(_ t: StoredText) -> [(String, String)] {
        var attributes: [(String, String)] = []
        if let language = t.language, Self.isLanguageTag(language) { attributes.append(("xml:lang", language)) }
        if let base = t.base, !base.hasPrefix("file:") { attributes.append(("xml:base", base)) }
        return attributes
    }

    /// A title, summary or rights: text, html or xhtml exactly as received.
    private func textConstruct(_ name: String, _ t: StoredText) {
        switch t.type {
        case "html":
            text(name, t.value, attributes: [("type", "html")] + common(t))
        case "xhtml" where XMLFragment.isWellFormed(children: t.value):
            xhtml(name, t, extra: [])
        case "xhtml":
            notes.append("\(name) was not well-formed XHTML: published as html")
            text(name, t.value, attributes: [("type", "html")] + common(t))
        default:
            text(name, t.value, attributes: [("type", "text")] + common(t))
        }
    }

    private func xhtml(_ name: String, _ t: StoredText, extra: [(String, String)]) {
        sink.raw("<\(name) type=\"xhtml\"")
        for (k, v) in common(t) + extra {
            sink.raw(" \(k)=\"")
            sink.escaped(v, attribute: true)
            sink.raw("\"")
        }
        sink.raw("><div xmlns=\"http://www.w3.org/1999/xhtml\">")
        sink.raw(t.value)
        sink.raw("</div></\(name)>")
    }

    private func content(_ t: StoredText) {
        if let src = t.src {
            var attributes = [("src", src)]
            if t.type != "text" && t.type != "html" && t.type != "xhtml" && Self.isMediaType(t.type) { attributes.append(("type", t.type)) }
            empty("content", attributes + common(t))
            return
        }
        switch t.type {
        case "text", "html", "xhtml":
            textConstruct("content", t)
        case let type where Self.isMediaType(type) && (type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml")):
            // Other textual types: the text escaped (an XML type would need well-formed markup).
            text("content", t.value, attributes: [("type", type.hasPrefix("text/") ? type : "text")] + common(t))
        case let type where Self.isMediaType(type):
            // Anything else travels base64-encoded (RFC 4287 §4.1.3.3).
            text("content", Data(t.value.utf8).base64EncodedString(), attributes: [("type", type)] + common(t))
        default:
            text("content", t.value, attributes: [("type", "text")] + common(t))
        }
    }

    private func person(_ element: String, _ p: StoredPerson) {
        guard let name = p.name ?? p.email ?? p.uri else { return }
        sink.raw("<\(element)>")
        text("name", name)
        if let uri = p.uri, StoredEntry.isAbsoluteIRI(uri) { text("uri", uri) }
        if let email = p.email, Self.isEmail(email) { text("email", email) }
        sink.raw("</\(element)>")
    }

    /// The agency feed, so every report names its source: its id, title, links, updated, rights,
    /// icon and logo, and its author when the entry has none.
    /// - Parameter entryUpdated: stands for the agency feed's `updated` when it gave none (the
    ///   feed was at least as new as the report it carried), so every source has one.
    private func source(_ id: String, entryHasAuthor: Bool, entryUpdated: String) {
        let state = sources[id]
        let feed = state?.feed ?? SourceFeedInfo()
        sink.raw("<source>")
        // A file source's path is ours, not the agency's: the feed's own self link stands for it.
        let polled = state.flatMap { $0.fetchURL.hasPrefix("file:") ? nil : $0.fetchURL }
        let selfURL = polled ?? feed.selfLink.flatMap { StoredEntry.isAbsoluteIRI($0) && !$0.hasPrefix("file:") ? $0 : nil }
        let feedID = feed.id.flatMap { AtomValues.isCleanIdentifier($0) ? $0 : nil }
            ?? [selfURL, feed.site].compactMap { $0 }.first(where: AtomValues.isCleanIdentifier)
            ?? StoredEntry.mint(authority: mintAuthority, sourceID: id, key: "source")
        text("id", feedID)
        if let title = feed.title {
            textConstruct("title", title)
        } else {
            text("title", names[id] ?? id, attributes: [("type", "text")])
        }
        if let subtitle = feed.subtitle { textConstruct("subtitle", subtitle) }
        if let selfURL { empty("link", [("rel", "self"), ("href", selfURL)]) }
        if let site = feed.site { empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", site)]) }
        text("updated", EntryWriter.date(feed.updated) ?? entryUpdated)
        if let rights = feed.rights { textConstruct("rights", rights) }
        if let icon = feed.icon { text("icon", icon) }
        if let logo = feed.logo { text("logo", logo) }
        if !entryHasAuthor {
            if feed.authors.isEmpty {
                person("author", StoredPerson(name: names[id] ?? id, uri: feed.site))
            } else {
                for author in feed.authors { person("author", author) }
            }
        }
        sink.raw("</source>")
    }

    // MARK: Checks the schema makes

    static func isMediaType(_ s: String) -> Bool {
        guard let slash = s.firstIndex(of: "/") else { return false }
        return slash != s.startIndex && s.index(after: slash) != s.endIndex && !s.contains(where: { $0.isWhitespace && $0 != " " })
    }

    /// RFC 3066 shape, as atom.rng checks it: `[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*`.
    static func isLanguageTag(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (1...8).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    static func isEmail(_ s: String) -> Bool {
        guard let at = s.firstIndex(of: "@") else { return false }
        return at != s.startIndex && s.index(after: at) != s.endIndex && !s.contains(where: \.isWhitespace)
    }
}
