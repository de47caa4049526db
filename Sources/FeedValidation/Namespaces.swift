import Syndication

/// The prefix the validator's messages use for each namespace it knows (whatever prefix the
/// document chose), so `dc:date` is `dc:date` in every report. The URIs are Syndication's
/// ``Namespace``.
enum NS {
    /// Namespace → the prefix used in messages.
    static let prefixes: [String: String] = {
        typealias N = Namespace
        return [
            N.atom10: "atom", N.rdf: "rdf", N.xml: "xml", N.xhtml: "xhtml", N.dc: "dc", N.dcterms: "dcterms", N.sy: "sy",
            N.admin: "admin", N.content: "content", N.itunes: "itunes", N.media: "media", N.slash: "slash", N.wfw: "wfw",
            N.thr: "thr", N.trackback: "trackback", N.feedburner: "feedburner", N.creativeCommons: "creativeCommons",
            N.cc: "cc", N.blogChannel: "blogChannel", N.georss: "georss", N.geo: "geo", N.fh: "fh", N.app: "app", N.sx: "sx",
            N.access: "access", N.rss10: "rss", N.opensearch: "opensearch", "http://geourl.org/rss/module/": "geourl",
            "http://postneo.com/icbm": "icbm",
        ]
    }()

    /// Namespace URIs that are near misses of known ones (wrong case, old versions).
    static func nearMiss(_ uri: String) -> String? {
        let lower = uri.lowercased()
        for known in prefixes.keys where known != uri && known.lowercased() == lower { return known }
        return nil
    }
}
