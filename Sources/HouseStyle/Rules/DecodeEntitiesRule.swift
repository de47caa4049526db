import Syndication

/// `decode-entities`: HTML named and numeric character references become characters
/// (`&amp;` → `&`, `&#8217;` → `’`, `&eacute;` → `é`).
public struct DecodeEntitiesRule: HeadlineRule {
    public let name = "decode-entities"
    public init() {}

    public func apply(_ headline: String) -> String {
        HTMLEntities.decodeReferences(headline)
    }
}
