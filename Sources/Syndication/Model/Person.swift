/// An author, contributor or publisher.
public struct Person: Sendable, Hashable {
    public var name: String?
    public var email: String?
    public var uri: String?
    /// The single string an RSS-style element gave (`me@example.org (Me)`), when it came as one.
    public var text: String?

    public init(name: String? = nil, email: String? = nil, uri: String? = nil, text: String? = nil) {
        self.name = name
        self.email = email
        self.uri = uri
        self.text = text
    }

    public var isEmpty: Bool { name == nil && email == nil && uri == nil && text == nil }
}
