/// The one version of MediaWire: the CLI's `--version`, the wire's `generator`, the User-Agent.
public enum MediaWireVersion {
    public static let current = "0.9.0"
    /// The User-Agent of every request, unless the configuration gives one.
    public static let userAgent = "MediaWire/\(current) (+https://mediawire.dev/)"
}
