/// A text construct: a title, summary, subtitle, rights statement or content body.
///
/// `value` is exactly what the document carried once XML escaping is undone: for `html` it is
/// the markup as text, for `xhtml` the serialized children of the wrapper `div`.
public struct Text: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case text
        case html
        case xhtml
        /// Any other media type (Atom `type="image/png"`, RSS `type="application/octet-stream"`, ...).
        case other(String)

        /// The media type: `text/plain`, `text/html`, `application/xhtml+xml`, or the given one.
        public var mimeType: String {
            switch self {
            case .text: return "text/plain"
            case .html: return "text/html"
            case .xhtml: return "application/xhtml+xml"
            case .other(let type): return type
            }
        }

        /// Maps Atom's short names and the media types feeds use to a kind (case-insensitive).
        public init(typeAttribute: String) {
            switch typeAttribute.lowercased() {
            case "text", "text/plain", "plain": self = .text
            case "html", "text/html", "escaped": self = .html
            case "xhtml", "application/xhtml+xml": self = .xhtml
            case let other: self = .other(other)
            }
        }
    }

    public var value: String
    public var kind: Kind
    /// The `xml:lang` in scope, if any.
    public var language: String?
    /// The `xml:base` (or document URL) in scope, if any.
    public var base: String?
    /// Atom `content src`: the content lives at this URL instead of in the document.
    public var src: String?

    public init(_ value: String, kind: Kind = .text, language: String? = nil, base: String? = nil) {
        self.value = value
        self.kind = kind
        self.language = language
        self.base = base
    }
}
