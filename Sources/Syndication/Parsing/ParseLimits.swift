/// Bounds on what one document may make the parser do. Exceeding one ends the parse with a
/// ``ParseProblem/Kind/limitExceeded`` problem and keeps what was read so far.
public struct ParseLimits: Sendable, Hashable {
    /// Total input bytes.
    public var maxBytes: Int
    /// Element nesting depth.
    public var maxDepth: Int
    /// Characters collected for one field (a title, a content body, an extension's text).
    public var maxTextBytes: Int
    /// Entries kept.
    public var maxEntries: Int

    public init(
        maxBytes: Int = 64 << 20, maxDepth: Int = 200, maxTextBytes: Int = 8 << 20,
        maxEntries: Int = 100_000
    ) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
        self.maxTextBytes = maxTextBytes
        self.maxEntries = maxEntries
    }

    public static let `default` = ParseLimits()
}
