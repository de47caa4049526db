/// An element the parser has no field for, kept whole: users of every feed library ask for them.
public struct ExtensionElement: Sendable, Hashable {
    public struct Attribute: Sendable, Hashable {
        public var namespace: String?
        public var prefix: String?
        public var name: String
        public var value: String

        public init(namespace: String? = nil, prefix: String? = nil, name: String, value: String) {
            self.namespace = namespace
            self.prefix = prefix
            self.name = name
            self.value = value
        }
    }

    /// The namespace URI, or `nil` for an element in no namespace.
    public var namespace: String?
    /// The prefix the document used (informational only: matching is by ``namespace``).
    public var prefix: String?
    public var name: String
    public var attributes: [Attribute]
    /// The element's own character data, children's text excluded.
    public var text: String
    public var children: [ExtensionElement]

    public init(
        namespace: String?, prefix: String? = nil, name: String, attributes: [Attribute] = [],
        text: String = "", children: [ExtensionElement] = []
    ) {
        self.namespace = namespace
        self.prefix = prefix
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// The value of the attribute with this local name (any namespace, case-insensitive).
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// The first child with this namespace and local name.
    public func child(_ namespace: String?, _ name: String) -> ExtensionElement? {
        children.first { $0.namespace == namespace && $0.name.caseInsensitiveEquals(name) }
    }
}

extension String {
    /// Compares with `lower` (already lower-case ASCII) ignoring ASCII case, without allocating.
    func equalsIgnoringASCIICase(_ lower: String) -> Bool {
        var a = utf8.makeIterator()
        var b = lower.utf8.makeIterator()
        while true {
            switch (a.next(), b.next()) {
            case (nil, nil): return true
            case (let x?, let y?):
                let folded = x >= 0x41 && x <= 0x5A ? x | 0x20 : x
                if folded != y { return false }
            default: return false
            }
        }
    }

    /// No upper-case ASCII letters and nothing outside ASCII: `lowercased()` would return it unchanged.
    var isLowercaseASCII: Bool {
        utf8.allSatisfy { $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }
    }

    func caseInsensitiveEquals(_ other: String) -> Bool {
        self.utf8.count == other.utf8.count && self.lowercased() == other.lowercased()
    }
}
