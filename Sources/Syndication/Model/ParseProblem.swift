/// Something the parser had to forgive or could not do, with where it happened.
public struct ParseProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// The XML was not well-formed; what could be salvaged was kept.
        case notWellFormed = "SAXParseException"
        /// The declared or assumed encoding was wrong; another one was used.
        case encodingOverride = "CharacterEncodingOverride"
        /// No encoding we tried could decode the document.
        case encodingUnknown = "CharacterEncodingUnknown"
        /// HTTP said the document was not XML.
        case nonXMLContentType = "NonXMLContentType"
        /// A prefix was used without a namespace declaration.
        case undeclaredNamespace = "UndeclaredNamespace"
        /// A configured limit (bytes, depth, text, entries) was reached; parsing stopped there.
        case limitExceeded = "LimitExceeded"
        /// The document declared entities in a way we refuse (external entities, entity bombs).
        case entityRefused = "EntityRefused"
        /// The document is not a feed we know.
        case notAFeed = "NotAFeed"
    }

    public var kind: Kind
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(_ kind: Kind, _ message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String {
        if let line { return "line \(line)\(column.map { ":\($0)" } ?? ""): \(message)" }
        return message
    }
}
