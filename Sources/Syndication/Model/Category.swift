/// A category, tag or keyword.
public struct Category: Sendable, Hashable {
    public var term: String
    /// Atom `scheme`, RSS `domain`.
    public var scheme: String?
    public var label: String?

    public init(term: String, scheme: String? = nil, label: String? = nil) {
        self.term = term
        self.scheme = scheme
        self.label = label
    }
}
