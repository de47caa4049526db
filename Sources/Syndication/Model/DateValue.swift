public import Foundation

/// A date as the feed wrote it, and the instant it denotes when it could be read.
public struct DateValue: Sendable, Hashable {
    /// The text exactly as written (trimmed).
    public var text: String
    /// The absolute instant, or `nil` when the text is not a date we can read.
    public var instant: Date?

    public init(text: String, instant: Date?) {
        self.text = text
        self.instant = instant
    }

    /// Reads `text` with ``DateParser`` (every form feedparser accepts).
    public init(parsing text: String) {
        self.text = text
        self.instant = DateParser.parse(text)
    }
}
