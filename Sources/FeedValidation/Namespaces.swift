/// The namespaces the validator knows, each with the prefix its messages use for it (whatever
/// prefix the document chose), so `dc:date` is `dc:date` in every report.
enum NS {
    static let atom = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let dc = "http://purl.org/dc/elements/1.1/"
    static let dcterms = "http://purl.org/dc/terms/"
    static let sy = "http://purl.org/rss/1.0/modules/syndication/"
    static let admin = "http://webns.net/mvcb/"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    static let media = "http://search.yahoo.com/mrss/"
    static let slash = "http://purl.org/rss/1.0/modules/slash/"
    static let wfw = "http://wellformedweb.org/CommentAPI/"
    static let thr = "http://purl.org/syndication/thread/1.0"
    static let trackback = "http://madskills.com/public/xml/rss/module/trackback/"
    static let feedburner = "http://rssnamespace.org/feedburner/ext/1.0"
    static let creativeCommons = "http://backend.userland.com/creativeCommonsRssModule"
    static let cc = "http://web.resource.org/cc/"
    static let blogChannel = "http://backend.userland.com/blogChannelModule"
    static let georss = "http://www.georss.org/georss"
    static let geo = "http://www.w3.org/2003/01/geo/wgs84_pos#"
    static let fh = "http://purl.org/syndication/history/1.0"
    static let app = "http://www.w3.org/2007/app"
    static let sx = "http://feedsync.org/2007/feedsync"
    static let access = "http://www.bloglines.com/about/specs/fac-1.0"
    static let opensearch = "http://a9.com/-/spec/opensearch/1.1/"
    /// MediaWire's own extension (the agency's original headline beside ours).

    /// Namespace → the prefix used in messages.
    static let prefixes: [String: String] = [
        atom: "atom", rdf: "rdf", xml: "xml", xhtml: "xhtml", dc: "dc", dcterms: "dcterms", sy: "sy",
        admin: "admin", content: "content", itunes: "itunes", media: "media", slash: "slash", wfw: "wfw",
        thr: "thr", trackback: "trackback", feedburner: "feedburner", creativeCommons: "creativeCommons",
        cc: "cc", blogChannel: "blogChannel", georss: "georss", geo: "geo", fh: "fh", app: "app", sx: "sx",
        access: "access", rss10: "rss", opensearch: "opensearch", "http://geourl.org/rss/module/": "geourl",
        "http://postneo.com/icbm": "icbm",
    ]


    /// Namespace URIs that are near misses of known ones (wrong case, old versions).
    static func nearMiss(_ uri: String) -> String? {
        let lower = uri.lowercased()
        for known in prefixes.keys where known != uri && known.lowercased() == lower { return known }
        return nil
    }
}
