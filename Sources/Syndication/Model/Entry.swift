/// One item or entry of a feed.
public struct Entry: Sendable, Hashable {
    /// Atom `id`, RSS `guid`, RSS 1.0 `rdf:about`, JSON Feed `id`.
    public var id: String?
    /// For an RSS `guid`: whether it is a permalink (`isPermaLink` absent or `true`). `nil` otherwise.
    public var idIsPermalink: Bool?
    public var title: Text?
    public var links: [Link] = []
    public var summary: Text?
    /// Full content bodies, in document order (Atom `content`, `content:encoded`, `xhtml:body`).
    public var content: [Text] = []
    public var published: DateValue?
    public var updated: DateValue?
    public var created: DateValue?
    public var expired: DateValue?
    public var authors: [Person] = []
    public var contributors: [Person] = []
    public var publisher: Person?
    public var categories: [Category] = []
    public var rights: Text?
    /// The entry's own language (`dc:language` on an item), when it names one.
    public var language: String?
    /// RSS `comments`: the URL of the page with comments.
    public var comments: String?
    /// Atom `source`, RSS `source`: the feed this entry was first published in.
    public var source: FeedHeader? {
        get { sourceBox?.value }
        set { sourceBox = newValue.map(Boxed.init) }
    }
    /// Held out of line: a header is twice the size of the rest of an entry and most entries have
    /// none, and entries are copied as they go from the parser to the cleaner to the output.
    private var sourceBox: Boxed<FeedHeader>?
    /// Elements in namespaces this model has no field for, in document order.
    public var extensions: [ExtensionElement] = []

    public init() {}

    /// The first `alternate` link: the report's own page.
    public var alternateLink: Link? { links.first { $0.rel == "alternate" } }

    /// Links with `rel="enclosure"` (RSS `enclosure`, Atom enclosure links).
    public var enclosures: [Link] { links.filter { $0.rel == "enclosure" } }
}

/// An immutable value on the heap, compared and hashed by value.
final class Boxed<Value: Hashable & Sendable>: Hashable, Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
    static func == (a: Boxed, b: Boxed) -> Bool { a === b || a.value == b.value }
    func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }
}
