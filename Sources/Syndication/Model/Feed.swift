/// Channel-level data: shared by a feed and by an entry's `source`.
public struct FeedHeader: Sendable, Hashable {
    public var id: String?
    public var title: Text?
    public var subtitle: Text?
    public var links: [Link] = []
    public var updated: DateValue?
    public var published: DateValue?
    public var created: DateValue?
    public var authors: [Person] = []
    public var contributors: [Person] = []
    public var publisher: Person?
    public var categories: [Category] = []
    public var rights: Text?
    /// Atom 0.3 `info`: what the feed format is, for people who open it in a browser.
    public var info: Text?
    public var generator: Generator?
    public var icon: String?
    public var logo: String?
    public var language: String?
    public var image: Image?
    public var textInput: TextInput?
    public var ttl: String?
    public var docs: String?
    public var cloud: [String: String]?
    public var skipHours: [String] = []
    public var skipDays: [String] = []
    public var extensions: [ExtensionElement] = []

    public init() {}

    /// The first `alternate` link: the publisher's site.
    public var alternateLink: Link? { links.first { $0.rel == "alternate" } }
    /// The `self` link: where the feed lives.
    public var selfLink: Link? { links.first { $0.rel == "self" } }
}

public struct Generator: Sendable, Hashable {
    public var name: String
    public var uri: String?
    public var version: String?
    public init(name: String, uri: String? = nil, version: String? = nil) {
        self.name = name
        self.uri = uri
        self.version = version
    }
}

/// RSS `image`.
public struct Image: Sendable, Hashable {
    public var url: String?
    public var title: Text?
    public var link: String?
    public var width: String?
    public var height: String?
    public var description: Text?
    public init() {}
}

/// RSS `textInput`.
public struct TextInput: Sendable, Hashable {
    public var title: Text?
    public var description: Text?
    public var name: String?
    public var link: String?
    public init() {}
}

/// A parsed feed: its channel data, its entries, and what the parser had to forgive.
@dynamicMemberLookup
public struct Feed: Sendable, Hashable {
    public var dialect: Dialect = .unknown
    public var header = FeedHeader()
    public var entries: [Entry] = []
    /// Namespaces declared in the document: prefix (empty for the default) to URI.
    public var namespaces: [String: String] = [:]
    /// The character encoding the document was read in (lower-case, e.g. `utf-8`).
    public var encoding: String = "utf-8"
    /// Problems found while reading, first one first. Non-empty means the document was not clean.
    public var problems: [ParseProblem] = []

    public init() {}

    public subscript<T>(dynamicMember keyPath: KeyPath<FeedHeader, T>) -> T {
        header[keyPath: keyPath]
    }

    public subscript<T>(dynamicMember keyPath: WritableKeyPath<FeedHeader, T>) -> T {
        get { header[keyPath: keyPath] }
        set { header[keyPath: keyPath] = newValue }
    }

    /// Whether the document had a problem (feedparser's `bozo`).
    public var isBozo: Bool { !problems.isEmpty }
}
