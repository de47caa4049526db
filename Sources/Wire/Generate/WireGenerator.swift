import FeedValidation
import Foundation
import HouseStyle
import Syndication

/// Writes the combined wire feed (Atom 1.0) from the store: our headlines, the agencies' reports
/// unchanged, every entry with its `atom:source` and original URL.
public struct WireGenerator {
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
    public let store: any WireStore

    /// The `tag:` authority for ids minted while writing (the poller's, so both mint alike).
    private var mintAuthority: String { Poller.authority(outputID: config.output.id, site: config.output.site) }

    public init(config: WireConfig, store: any WireStore) {
        self.config = config
        self.store = store
    }

    public func generate(_ options: Options) throws(GenerateError) -> Report {
        let sources: [String: SourceState]
        do {
            sources = try store.sourceStates()
        } catch {
            throw GenerateError(.store, path: store.location, message: error.message, underlying: error)
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
            let writer = EntryWriter(
                sink: sink, sources: sources, names: names,
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
                // Entries come newest first by the instant their `updated` names.
                if !headerWritten { header(updated: entry.wireUpdated.text) }
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
        // Dublin Core terms: `dcterms:alternative` carries the agency's own headline ("an
        // alternative name for the resource"), a vocabulary feed validators know.
        sink.raw("<feed xmlns=\"\(Namespace.atom10)\" xmlns:dcterms=\"\(Namespace.dcterms)\"")
        if archive != nil { sink.raw(" xmlns:fh=\"\(Namespace.fh)\"") }
        sink.raw(">\n")
        sink.element("id", archive.map { "\(output.id):archive:\($0.page)" } ?? output.id)
        sink.element("title", output.title, attributes: [("type", "text")])
        if let subtitle = output.subtitle { sink.element("subtitle", subtitle, attributes: [("type", "text")]) }
        sink.element("updated", updated)
        sink.element("generator", "MediaWire", attributes: [("uri", "https://mediawire.dev/"), ("version", MediaWireVersion.current)])
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
    private func writeArchives(
        directory: String, sources: [String: SourceState], names: [String: String],
        report: inout Report
    ) throws(GenerateError) -> ArchivePlan {
        let size = config.output.archiveSize
        let maxSeq: Int
        do {
            maxSeq = try store.maxSequence()
        } catch {
            throw GenerateError(.store, path: store.location, message: error.message, underlying: error)
        }
        let pages = maxSeq / size
        guard pages > 0 else { return ArchivePlan(newestPageURL: nil) }
        let base = Self.archiveBaseURL(selfURL: config.output.selfURL, directory: directory)
        func url(_ page: Int) -> String { base + "\(page).atom" }
        for page in 0..<pages {
            let path = (directory as NSString).appendingPathComponent("\(page).atom")
            var repairs: [String] = []
            try AtomicFile.write(to: path) { sink in
                let writer = EntryWriter(
                    sink: sink, sources: sources, names: names,
                    mintAuthority: mintAuthority)
                var entries: [StoredEntry] = []
                try store.forEachInSequenceRange(from: page * size + 1, through: (page + 1) * size) { entries.append($0) }
                let updated = entries.map(\.wireUpdated).max { $0.instant < $1.instant }?.text ?? RFC3339.format(0)
                writeFeedHeader(
                    sink, updated: updated, selfURL: url(page),
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

/// Writes one entry; collects what had to be repaired. Every value is checked with
/// FeedValidation's rules (``AtomRepair``) before it is written: republished as the agency wrote
/// it when valid, repaired when the repair is certain, dropped otherwise, and each repair or drop
/// noted once per entry with the source and the agency's value.
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

    private func note(_ what: String, _ value: String?) {
        if let value {
            notes.append("\(what) \(Self.quoted(value))")
        } else {
            notes.append(what)
        }
    }

    static func quoted(_ s: String) -> String {
        let short = s.count > 120 ? String(s.prefix(117)) + "…" : s
        return "\"" + short.replacingOccurrences(of: "\n", with: " ") + "\""
    }

    /// An IRI written as the agency gave it, repaired (noted) or dropped (noted).
    private func iri(_ value: String?, _ what: String, base: String? = nil) -> String? {
        guard let value else { return nil }
        guard let repaired = AtomRepair.iri(value, base: base) else {
            note("\(what) dropped (no absolute IRI):", value)
            return nil
        }
        if repaired != value { note("\(what) \(Self.quoted(value)) published as", repaired) }
        return repaired
    }

    private func date(_ d: StoredDate?, _ what: String) -> String? {
        guard let d else { return nil }
        guard let repaired = AtomRepair.date(d) else {
            note("\(what) dropped (no certain RFC 3339 date):", d.text)
            return nil
        }
        // RSS's RFC 822 dates are re-written as a matter of course; only a broken RFC 3339 is news.
        if repaired.text != d.text, d.text.first?.isNumber == true {
            note("\(what) \(Self.quoted(d.text)) published as", repaired.text)
        }
        return repaired.text
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
        var headline = e.wireHeadline
        if HouseStyle.isBlank(headline) {
            // A store written before headlines were derived: derive one now, as the poller does.
            headline = e.derivedHeadline ?? names[e.sourceID] ?? e.sourceID
            note("no headline: published as", headline)
        }
        text("title", headline, attributes: [("type", "text")])
        if !HouseStyle.isBlank(e.originalTitle) && e.originalTitle != headline {
            text("dcterms:alternative", e.originalTitle)
        }
        // The base relative references of this entry resolve against.
        let base = [e.content?.base, e.summary?.base, e.originalTitleText?.base].compactMap { $0 }.first
        var hasAlternate = false
        var alternates: Set<String> = []
        for link in e.links {
            guard let href = iri(link.href, "link", base: base) else { continue }
            let rel = link.rel.isEmpty ? "alternate" : link.rel
            var attributes = [("rel", rel), ("href", href)]
            let type = AtomRepair.mediaType(link.type)
            let hreflang = AtomRepair.language(link.hreflang)
            if let type { attributes.append(("type", type)) }
            if let hreflang { attributes.append(("hreflang", hreflang)) }
            if rel == "alternate" {
                // RFC 4287 §4.1.1: one alternate link per type and language.
                guard alternates.insert((type ?? "") + "|" + (hreflang ?? "")).inserted else {
                    note("a second alternate link of the same type and language dropped:", href)
                    continue
                }
                hasAlternate = true
            }
            if let title = link.title, !HouseStyle.isBlank(title) { attributes.append(("title", title)) }
            if let length = link.length, AtomValues.isNonNegativeInteger(length) { attributes.append(("length", length)) }
            empty("link", attributes)
        }
        if let published = date(e.published, "published") { text("published", published) }
        // The agency's updated is checked (and a repair or drop noted) as published is; what is
        // written is the same choice `wireUpdated` makes, with its fallbacks.
        _ = date(e.updated, "updated")
        let updated = e.wireUpdated.text
        text("updated", updated)
        var authors = 0
        for person in e.authors where self.person("author", person) { authors += 1 }
        for person in e.contributors { _ = self.person("contributor", person) }
        for category in e.categories {
            let term = category.term.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !term.isEmpty else { continue }
            var attributes = [("term", category.term)]
            if let scheme = category.scheme {
                if scheme.isEmpty {
                    note("an empty category scheme dropped for", category.term)
                } else if let scheme = iri(scheme, "category scheme", base: base) {
                    attributes.append(("scheme", scheme))
                }
            }
            if let label = category.label, !HouseStyle.isBlank(label) { attributes.append(("label", label)) }
            empty("category", attributes)
        }
        if let rights = e.rights { textConstruct("rights", rights) }
        // Content out of line, or in a media type that travels base64-encoded, needs a summary
        // (RFC 4287 §4.1.1.1).
        let content = e.content.flatMap { self.contentPlan($0) }
        var summary = e.summary
        if content?.needsSummary == true, summary == nil {
            summary = StoredText(type: "text", value: HouseStyle.isBlank(e.originalTitle) ? headline : e.originalTitle)
            notes.append("content is out of line or not text and the entry had no summary: the headline is used as summary")
        }
        if let summary { textConstruct("summary", summary) }
        if let content {
            content.write()
        } else if !hasAlternate {
            sink.raw("<content type=\"text\"/>")
            notes.append("no content and no link: an empty content element was added")
        }
        source(e.sourceID, entryHasAuthor: authors > 0, entryUpdated: updated)
        sink.raw("</entry>\n")
        let dropped = sink.takeDropped()
        if dropped > 0 { notes.append("\(dropped) character\(dropped == 1 ? "" : "s") XML cannot carry removed") }
        if !notes.isEmpty { repairs.append("\(e.sourceID) \(e.atomID): " + notes.joined(separator: "; ")) }
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
        if let language = AtomRepair.language(t.language) { attributes.append(("xml:lang", language)) }
        if let base = t.base, !base.hasPrefix("file:"), let base = AtomRepair.iri(base) { attributes.append(("xml:base", base)) }
        return attributes
    }

    /// A title, summary or rights: text, html or xhtml exactly as received. XHTML that RFC
    /// 4287's schema cannot hold (not well-formed, or other vocabularies such as SVG or MathML
    /// inside) is published as html: the same markup, so a reader sees the same text.
    private func textConstruct(_ name: String, _ t: StoredText) {
        switch t.type {
        case "html":
            text(name, t.value, attributes: [("type", "html")] + common(t))
        case "xhtml" where XMLFragment.isXHTMLOnly(children: t.value):
            xhtml(name, t, extra: [])
        case "xhtml":
            notes.append(
                XMLFragment.isWellFormed(children: t.value)
                    ? "\(name) holds markup other than XHTML (SVG, MathML…): published as html"
                    : "\(name) was not well-formed XHTML: published as html")
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

    /// How an entry's content will be written, decided before the summary is.
    private struct ContentPlan {
        var needsSummary: Bool
        var write: () -> Void
    }

    private func contentPlan(_ t: StoredText) -> ContentPlan? {
        if let rawSrc = t.src {
            guard let src = iri(rawSrc, "content src") else { return nil }
            var attributes = [("src", src)]
            if t.type != "text" && t.type != "html" && t.type != "xhtml", let type = AtomRepair.mediaType(t.type) {
                attributes.append(("type", type))
            }
            return ContentPlan(needsSummary: true) { self.empty("content", attributes + self.common(t)) }
        }
        switch t.type {
        case "text", "html", "xhtml":
            return ContentPlan(needsSummary: false) { self.textConstruct("content", t) }
        case let type where AtomRepair.mediaType(type) != nil && (type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml")):
            // Other textual types: the text escaped (an XML type would need well-formed markup).
            let written = type.hasPrefix("text/") ? type : "text"
            return ContentPlan(needsSummary: false) {
                self.text("content", t.value, attributes: [("type", written)] + self.common(t))
            }
        case let type where AtomRepair.mediaType(type) != nil:
            // Anything else travels base64-encoded (RFC 4287 §4.1.3.3).
            return ContentPlan(needsSummary: true) {
                self.text("content", Data(t.value.utf8).base64EncodedString(), attributes: [("type", type)] + self.common(t))
            }
        default:
            return ContentPlan(needsSummary: false) {
                self.text("content", t.value, attributes: [("type", "text")] + self.common(t))
            }
        }
    }

    /// A person with a name (RFC 4287 §3.2: `atom:name` is required and a name is not an
    /// e-mail address); `false` when there is none to write.
    @discardableResult
    private func person(_ element: String, _ p: StoredPerson) -> Bool {
        var name = p.name.map { Whitespace.collapse($0) } ?? ""
        if AtomValues.containsEmail(name) {
            let kept = AtomValues.nameWithoutEmail(name)
            if !kept.isEmpty { note("\(element) name \(Self.quoted(name)) published without its e-mail address as", kept) }
            name = kept
        }
        guard !name.isEmpty else {
            if p.name != nil || p.email != nil { note("\(element) without a name dropped:", p.name ?? p.email) }
            return false
        }
        sink.raw("<\(element)>")
        text("name", name)
        if let uri = iri(p.uri, "\(element) uri") { text("uri", uri) }
        if let raw = p.email {
            if let email = AtomRepair.email(raw) { text("email", email) } else { note("\(element) email dropped:", raw) }
        }
        sink.raw("</\(element)>")
        return true
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
        let polled = state.flatMap { $0.fetchURL.hasPrefix("file:") ? nil : AtomRepair.iri($0.fetchURL) }
        let selfURL = polled ?? feed.selfLink.flatMap { $0.hasPrefix("file:") ? nil : AtomRepair.iri($0) }
        let site = feed.site.flatMap { AtomRepair.iri($0) }
        let feedID =
            feed.id.flatMap { AtomValues.isCleanIdentifier($0) ? $0 : nil }
            ?? [selfURL, site].compactMap { $0 }.first(where: AtomValues.isCleanIdentifier)
            ?? StoredEntry.mint(authority: mintAuthority, sourceID: id, key: "source")
        text("id", feedID)
        if let title = feed.title, !HouseStyle.isBlank(title.value) {
            textConstruct("title", title)
        } else {
            text("title", names[id] ?? id, attributes: [("type", "text")])
        }
        if let subtitle = feed.subtitle, !HouseStyle.isBlank(subtitle.value) { textConstruct("subtitle", subtitle) }
        if let selfURL { empty("link", [("rel", "self"), ("href", selfURL)]) }
        if let site { empty("link", [("rel", "alternate"), ("type", "text/html"), ("href", site)]) }
        text("updated", AtomRepair.date(feed.updated)?.text ?? entryUpdated)
        if let rights = feed.rights { textConstruct("rights", rights) }
        if let icon = feed.icon.flatMap({ AtomRepair.iri($0, base: site) }) { text("icon", icon) }
        if let logo = feed.logo.flatMap({ AtomRepair.iri($0, base: site) }) { text("logo", logo) }
        if !entryHasAuthor {
            let written = feed.authors.filter { person("author", $0) }.count
            if written == 0 { person("author", StoredPerson(name: names[id] ?? id, uri: site)) }
        }
        sink.raw("</source>")
    }
}
