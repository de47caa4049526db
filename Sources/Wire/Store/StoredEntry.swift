import Crypto
import FeedValidation
import Foundation
import HouseStyle
public import Syndication

/// A text construct as stored: the value exactly as received and its type.
public struct StoredText: Codable, Sendable, Hashable {
    /// `text`, `html`, `xhtml`, or a media type.
    public var type: String
    public var value: String
    public var language: String?
    public var base: String?
    /// Atom `content src`.
    public var src: String?

    public init(type: String, value: String, language: String? = nil, base: String? = nil, src: String? = nil) {
        self.type = type
        self.value = value
        self.language = language
        self.base = base
        self.src = src
    }

    public init(_ text: Text) {
        switch text.kind {
        case .text: type = "text"
        case .html: type = "html"
        case .xhtml: type = "xhtml"
        case .other(let media): type = media
        }
        value = text.value
        language = text.language
        base = text.base
        src = text.src
    }
}

public struct StoredLink: Codable, Sendable, Hashable {
    public var href: String
    public var rel: String
    public var type: String?
    public var title: String?
    public var hreflang: String?
    public var length: String?

    public init(_ link: Link) {
        href = link.href
        rel = link.rel
        type = link.type
        title = link.title
        hreflang = link.hreflang
        length = link.length
    }

    public init(href: String, rel: String) {
        self.href = href
        self.rel = rel
    }
}

public struct StoredPerson: Codable, Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var uri: String?

    public init?(_ person: Person) {
        let name = person.name ?? person.text
        guard name != nil || person.email != nil || person.uri != nil else { return nil }
        self.name = name
        email = person.email
        uri = person.uri
    }

    public init(name: String?, email: String? = nil, uri: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
    }
}

public struct StoredCategory: Codable, Sendable, Hashable {
    public var term: String
    public var scheme: String?
    public var label: String?
}

/// A date as the agency wrote it, with the instant it names when it could be read.
public struct StoredDate: Codable, Sendable, Hashable {
    public var text: String
    public var instant: Double?

    public init(text: String, instant: Double?) {
        self.text = text
        self.instant = instant
    }

    init?(_ date: DateValue?) {
        guard let date else { return nil }
        text = date.text
        instant = date.instant?.timeIntervalSince1970
    }
}

/// The agency feed's own metadata, republished as the entry's `atom:source`.
public struct SourceFeedInfo: Codable, Sendable, Hashable {
    public var id: String?
    public var title: StoredText?
    public var subtitle: StoredText?
    /// The site (`alternate` link).
    public var site: String?
    /// Where the feed says it lives (its own `self` link).
    public var selfLink: String?
    public var updated: StoredDate?
    public var rights: StoredText?
    public var icon: String?
    public var logo: String?
    public var authors: [StoredPerson] = []
    public var language: String?
    /// RSS `ttl`, in seconds.
    public var ttl: Double?

    public init() {}

    public init(_ feed: Feed) {
        id = feed.id
        title = feed.title.map(StoredText.init)
        subtitle = feed.subtitle.map(StoredText.init)
        site = feed.alternateLink?.href
        selfLink = feed.selfLink?.href
        updated = StoredDate(feed.updated ?? feed.published)
        rights = feed.rights.map(StoredText.init)
        icon = feed.icon
        logo = feed.logo ?? feed.image?.url
        authors = feed.authors.compactMap(StoredPerson.init)
        if authors.isEmpty, let publisher = feed.publisher.flatMap(StoredPerson.init) { authors = [publisher] }
        language = feed.language
        ttl = Schedule.ttl(feed.ttl)
    }
}

/// One agency report as kept in the store: everything needed to republish it, exactly as received,
/// plus our headline.
public struct StoredEntry: Sendable, Hashable {
    public var sourceID: String
    /// The stable key within the source: `id:` + Atom id / RSS guid, else `link:` + link, else
    /// `hash:` + a hash of title and content.
    public var key: String
    /// The Atom id we publish: the agency's own when it is an absolute IRI, else a minted `tag:`.
    public var atomID: String
    /// The agency's headline (plain text).
    public var originalTitle: String
    /// The agency headline's type and value exactly as received.
    public var originalTitleText: StoredText?
    /// Our house-style headline.
    public var title: String
    public var link: String?
    public var links: [StoredLink]
    public var published: StoredDate?
    public var updated: StoredDate?
    public var authors: [StoredPerson]
    public var contributors: [StoredPerson]
    public var categories: [StoredCategory]
    public var rights: StoredText?
    public var summary: StoredText?
    public var content: StoredText?
    /// The entry's own `source` element, when the agency itself republished it.
    public var language: String?
    /// Seconds since 1970.
    public var firstSeen: Double
    public var lastSeen: Double
    /// When the entry sorts: its updated, else published, else first-seen time.
    public var sortTime: Double
    public var contentHash: String
    /// The fingerprint of the house style that wrote `title` (``HouseStyle/fingerprint(source:)``).
    public var styleFingerprint = ""
    /// An editor's headline, which the wire shows instead of ours (kept apart from the report:
    /// re-polls and style changes never touch it).
    public var editorHeadline: EditorHeadline?
    /// The store's sequence number for the report (0 before it is stored): a short, stable id
    /// for the public report pages.
    public internal(set) var sequence: Int64 = 0

    /// The headline the wire shows: the editor's when one is set, else the house style's.
    public var wireHeadline: String { editorHeadline?.headline ?? title }

    /// Builds the stored form of a parsed entry.
    /// - Parameters:
    ///   - mintAuthority: the `tag:` authority and date for minted ids, e.g. `example.org,2026`.
    public init(entry: Entry, in dialect: Dialect, sourceID: String, headline: String, mintAuthority: String, now: Double) {
        self.sourceID = sourceID
        let originalTitle = entry.title.map { Headline.text(of: $0, in: dialect) } ?? ""
        self.originalTitle = originalTitle
        originalTitleText = entry.title.map(StoredText.init)
        title = headline
        links = entry.links.map(StoredLink.init)
        link = entry.alternateLink?.href ?? (entry.idIsPermalink == true ? entry.id : nil)
        if link == nil, let first = entry.links.first(where: { $0.rel != "enclosure" && $0.rel != "self" }) {
            link = first.href
        }
        if let link, !links.contains(where: { $0.rel == "alternate" && $0.href == link }) {
            links.insert(StoredLink(href: link, rel: "alternate"), at: 0)
        }
        published = StoredDate(entry.published ?? entry.created)
        updated = StoredDate(entry.updated)
        authors = entry.authors.compactMap(StoredPerson.init)
        if authors.isEmpty, let publisher = entry.publisher.flatMap(StoredPerson.init) { authors = [publisher] }
        contributors = entry.contributors.compactMap(StoredPerson.init)
        categories = entry.categories.map { StoredCategory(term: $0.term, scheme: $0.scheme, label: $0.label) }
        rights = entry.rights.map(StoredText.init)
        summary = entry.summary.map(StoredText.init)
        content = entry.content.first.map(StoredText.init)
        language = entry.language
        firstSeen = now
        lastSeen = now
        sortTime = 0

        let hasher = FieldHasher()
        hasher.add(originalTitleText?.value); hasher.add(originalTitleText?.type)
        for l in links { hasher.add(l.href); hasher.add(l.rel); hasher.add(l.type) }
        hasher.add(published?.text); hasher.add(updated?.text)
        for p in authors + contributors { hasher.add(p.name); hasher.add(p.email); hasher.add(p.uri) }
        for c in categories { hasher.add(c.term); hasher.add(c.scheme); hasher.add(c.label) }
        hasher.add(rights?.value)
        hasher.add(summary?.value); hasher.add(summary?.type)
        hasher.add(content?.value); hasher.add(content?.type); hasher.add(content?.src)
        contentHash = hasher.hex

        let id = entry.id.map(Self.trimmed)
        if let id, !id.isEmpty {
            key = "id:" + id
        } else if let link {
            key = "link:" + link
        } else {
            let keyHasher = FieldHasher()
            keyHasher.add(originalTitle)
            keyHasher.add(content?.value ?? summary?.value)
            key = "hash:" + keyHasher.hex
        }
        if let id, AtomValues.isCleanIdentifier(id) {
            atomID = id
        } else {
            atomID = Self.mint(authority: mintAuthority, sourceID: sourceID, key: key)
        }
        // The instant the wire publishes as `updated`, so the newest entry sorts first.
        sortTime = wireUpdated.instant
    }

    /// A memberwise initializer for records read back from the store.
    init(
        sourceID: String, key: String, atomID: String, originalTitle: String, originalTitleText: StoredText?, title: String,
        link: String?, links: [StoredLink], published: StoredDate?, updated: StoredDate?, authors: [StoredPerson],
        contributors: [StoredPerson], categories: [StoredCategory], rights: StoredText?, summary: StoredText?,
        content: StoredText?, language: String?, firstSeen: Double, lastSeen: Double, sortTime: Double, contentHash: String,
        styleFingerprint: String
    ) {
        self.sourceID = sourceID
        self.key = key
        self.atomID = atomID
        self.originalTitle = originalTitle
        self.originalTitleText = originalTitleText
        self.title = title
        self.link = link
        self.links = links
        self.published = published
        self.updated = updated
        self.authors = authors
        self.contributors = contributors
        self.categories = categories
        self.rights = rights
        self.summary = summary
        self.content = content
        self.language = language
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.sortTime = sortTime
        self.contentHash = contentHash
        self.styleFingerprint = styleFingerprint
    }

    /// `s` without leading and trailing white space; `s` itself (no copy) in the usual case.
    static func trimmed(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last else { return s }
        if first > 0x20 && first < 0x80 && last > 0x20 && last < 0x80 { return s }
        return s.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// An absolute IRI the validator accepts (a scheme, and nothing an IRI may not hold).
    public static func isAbsoluteIRI(_ s: String) -> Bool {
        guard AtomValues.isAbsoluteIRI(s) else { return false }
        let u = s.utf8
        guard let colon = u.firstIndex(of: UInt8(ascii: ":")), colon != u.startIndex,
            u.index(after: colon) != u.endIndex
        else { return false }
        var first = true
        for b in u[u.startIndex..<colon] {
            let letter = (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
            let other =
                (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            if first ? !letter : !(letter || other) { return false }
            first = false
        }
        for b in u where b <= 0x20 || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") { return false }
        return true
    }

    /// The `tag:` id minted for an entry whose own id is missing or relative. Deterministic, so
    /// two processes mint the same id for the same report.
    public static func mint(authority: String, sourceID: String, key: String) -> String {
        let digest = SHA256.hash(data: Array(key.utf8))
        let hex = Hex.encode(digest.prefix(12))
        let source = sourceID.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? sourceID
        return "tag:\(authority):wire/\(source)/\(hex)"
    }

    /// The `updated` the wire publishes, and the instant entries sort by: the agency's updated
    /// date, else its published date (each as written when valid, re-written when certain), else
    /// when we first saw the report.
    public var wireUpdated: (text: String, instant: Double) {
        AtomRepair.date(updated) ?? AtomRepair.date(published) ?? (RFC3339.format(firstSeen), firstSeen)
    }

    /// A headline from the report's own words (the first sentence of its summary, else of its
    /// content), for a report whose agency gave none; `nil` when it has no words.
    public var derivedHeadline: String? {
        [summary, content].compactMap { $0 }.lazy
            .compactMap { $0.src == nil ? Headline.derive(from: $0.value, markup: $0.type == "html" || $0.type == "xhtml") : nil }
            .first
    }

    /// The agency gave no headline: ours was derived from the report's own words.
    public var headlineIsDerived: Bool { originalTitle.allSatisfy(\.isWhitespace) }
}
