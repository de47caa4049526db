/// A source's polling state as kept in the store: HTTP validators, schedule and errors.
public struct SourceState: Sendable, Equatable {
    public var id: String
    /// The URL in the configuration when this state was written.
    public var configuredURL: String
    /// Where to fetch from: the configured URL, or where a permanent redirect (301/308) sent us.
    public var fetchURL: String
    public var etag: String?
    public var lastModified: String?
    /// Seconds since 1970.
    public var lastCheck: Double?
    public var lastSuccess: Double?
    public var lastStatus: Int?
    /// When the source is next due.
    public var nextCheck: Double?
    /// A server asked us (`Retry-After`) not to come back before this time; `--force` respects it.
    public var holdUntil: Double?
    /// Consecutive failures.
    public var errorCount: Int
    public var lastError: String?
    /// Why the source is no longer polled (410 Gone); `nil` while it is active.
    public var disabled: String?
    /// A hash of the last body parsed: the same body again is not re-read.
    public var bodyHash: String?
    /// The agency feed's own metadata.
    public var feed: SourceFeedInfo?
    /// A poll process holds this source until this time (so two processes do not fetch it twice).
    public var leaseUntil: Double?

    public init(id: String, url: String) {
        self.id = id
        configuredURL = url
        fetchURL = url
        errorCount = 0
    }
}
