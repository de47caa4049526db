/// A link: Atom `link`, RSS `link`, `enclosure`, `comments` and the like.
public struct Link: Sendable, Hashable {
    public var href: String
    /// The relation; `alternate` when the document gave none.
    public var rel: String
    public var type: String?
    public var title: String?
    public var hreflang: String?
    /// The length in bytes, as written (enclosures, Atom `length`).
    public var length: String?

    public init(
        href: String, rel: String = "alternate", type: String? = nil, title: String? = nil,
        hreflang: String? = nil, length: String? = nil
    ) {
        self.href = href
        self.rel = rel
        self.type = type
        self.title = title
        self.hreflang = hreflang
        self.length = length
    }
}
