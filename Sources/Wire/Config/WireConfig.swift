/// The wire's configuration (`feeds/wire.yaml`): where the store lives, how to poll, what to
/// publish, and the agency sources. Paths are absolute once loaded.
public struct WireConfig: Sendable, Equatable {
    /// The configuration file this was read from.
    public var file: String
    public var store: String
    public var style: String?
    public var poll: PollSettings
    public var output: OutputSettings
    public var serve = ServeSettings()
    public var sources: [SourceConfig]
    /// The editors who may sign in to the desk, with their password hashes (`mediawire editors add`).
    public var editors: [EditorAccount] = []
}

/// An editor of the desk: a name and a bcrypt hash of the password (never the password).
public struct EditorAccount: Sendable, Equatable {
    public var name: String
    public var passwordHash: String
    public var line: Int?

    public init(name: String, passwordHash: String, line: Int? = nil) {
        self.name = name
        self.passwordHash = passwordHash
        self.line = line
    }
}

/// The `serve:` section: how `mediawire serve` listens and what its public pages say.
public struct ServeSettings: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// `Cache-Control: max-age` of the feed and the pages, in seconds.
    public var maxAge: Double = 60
    /// How many reports the front page lists.
    public var pageSize = 50
    /// The paragraph every report page ends with, above the agency and its URL.
    public var disclaimer =
        "Reports published in the Media Wire section have been retrieved from other news agencies. The headlines may be changed to our style; the content is not."
    /// How often the scheduler looks for due sources and for a changed configuration or style, in seconds.
    public var tick: Double = 5

    public init() {}

    /// Reads `HOST:PORT` (`[::1]:8080` for IPv6); `nil` when it is not one.
    public static func listenAddress(_ text: String) -> (host: String, port: Int)? {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (0...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : (host, port)
    }
}

public struct PollSettings: Sendable, Equatable {
    public var concurrency = 16
    public var perHost = 2
    /// Seconds.
    public var timeout: Double = 30
    public var maxBytes = 20 << 20
    public var userAgent = MediaWireVersion.userAgent
    /// The next check is clamped to this range (seconds).
    public var minInterval: Double = 60
    public var maxInterval: Double = 86_400
    /// The interval of a source that names none (seconds).
    public var defaultInterval: Double = 900
    /// How long a poller holds a source it took (seconds): another poller takes it when the lease
    /// ends (a poller killed mid-poll), so it must outlast a fetch. Unless given, 5 minutes or
    /// twice the timeout and a minute, whichever is longer.
    public var lease: Double = 300

    public init() {}
}

public struct OutputSettings: Sendable, Equatable {
    public var path: String
    public var id: String
    public var title: String
    public var subtitle: String?
    public var selfURL: String
    public var site: String
    public var hub: String?
    public var limit = 200
    /// The wire's own author (defaults to its title).
    public var author: String?
    /// Entries per RFC 5005 archive page.
    public var archiveSize = 100
    /// Where RFC 5005 archive pages are written (`output: archive-dir`), published beside the
    /// feed in a folder of the same name: `archive` gives `…/archive/0.atom`, `…/archive/1.atom`.
    public var archiveDirectory: String?
}

/// How a source's content is republished.
public enum ContentMode: String, Sendable, Equatable {
    /// Agency HTML is sanitized and its relative URLs resolved (the default).
    case sanitize
    /// Content is kept byte for byte.
    case preserve
}

public struct SourceConfig: Sendable, Equatable {
    public enum Location: Sendable, Equatable {
        case http(String)
        /// An absolute file path (from `file:` URLs and paths relative to the config file).
        case file(String)
    }

    public var id: String
    public var name: String
    public var location: Location
    /// Seconds; `nil` takes the poll default.
    public var interval: Double?
    /// The source's own rules in the style file.
    public var style: String?
    public var headers: [String: String]
    public var content: ContentMode
    /// The desk marks a source "quiet" when no new report has come for longer than this (seconds).
    public var quietAfter: Double?
    /// The line in the configuration file, for messages.
    public var line: Int?
}

/// Why a configuration could not be loaded: with the file and line.
public struct ConfigError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure: callers decide by it, never by the message.
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable { case unreadable, notYAML, invalid, unknownSource }
        private let kind: Kind
        /// The file cannot be read.
        public static let unreadable = Code(kind: .unreadable)
        /// The file is not YAML.
        public static let notYAML = Code(kind: .notYAML)
        /// The YAML does not describe a valid wire (an unknown key, a missing or bad value).
        public static let invalid = Code(kind: .invalid)
        /// A source id asked for (`--source`) is not in the configuration.
        public static let unknownSource = Code(kind: .unknownSource)
    }

    public var code: Code
    public var file: String
    public var line: Int?
    public var message: String

    public init(_ code: Code, file: String, line: Int? = nil, message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
    }
}
