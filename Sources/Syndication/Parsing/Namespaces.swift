import Foundation

/// The namespace URIs the parser, the validator and the generator know (one table), matched by
/// URI, never by prefix.
public enum Namespace {
    public static let atom10 = "http://www.w3.org/2005/Atom"
    public static let atom03 = "http://purl.org/atom/ns#"
    public static let rss10 = "http://purl.org/rss/1.0/"
    public static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let dc = "http://purl.org/dc/elements/1.1/"
    public static let dcterms = "http://purl.org/dc/terms/"
    public static let content = "http://purl.org/rss/1.0/modules/content/"
    public static let xhtml = "http://www.w3.org/1999/xhtml"
    public static let xml = "http://www.w3.org/XML/1998/namespace"
    public static let media = "http://search.yahoo.com/mrss/"
    public static let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    public static let georss = "http://www.georss.org/georss"
    public static let gml = "http://www.opengis.net/gml"
    public static let geo = "http://www.w3.org/2003/01/geo/wgs84_pos#"
    public static let slash = "http://purl.org/rss/1.0/modules/slash/"
    public static let wfw = "http://wellformedweb.org/CommentAPI/"
    public static let thr = "http://purl.org/syndication/thread/1.0"
    public static let psc = "http://podlove.org/simple-chapters"
    public static let feedburner = "http://rssnamespace.org/feedburner/ext/1.0"
    public static let sy = "http://purl.org/rss/1.0/modules/syndication/"
    public static let creativeCommons = "http://backend.userland.com/creativeCommonsRssModule"
    public static let cc = "http://web.resource.org/cc/"
    public static let admin = "http://webns.net/mvcb/"
    public static let trackback = "http://madskills.com/public/xml/rss/module/trackback/"
    public static let blogChannel = "http://backend.userland.com/blogChannelModule"
    /// RFC 5005 feed paging and archiving.
    public static let fh = "http://purl.org/syndication/history/1.0"
    public static let app = "http://www.w3.org/2007/app"
    public static let sx = "http://feedsync.org/2007/feedsync"
    public static let access = "http://www.bloglines.com/about/specs/fac-1.0"
    public static let opensearch = "http://a9.com/-/spec/opensearch/1.1/"

    /// feedparser's prefix for each namespace it knows (lower-case URI keys); `""` marks the
    /// namespaces of the core formats (RSS, Atom), whose elements carry no prefix.
    static let feedparserPrefixes: [String: String] = [
        "http://backend.userland.com/rss": "", "http://blogs.law.harvard.edu/tech/rss": "",
        "http://purl.org/rss/1.0/": "", "http://my.netscape.com/rdf/simple/0.9/": "",
        "http://example.com/newformat#": "", "http://example.com/necho": "", "http://purl.org/echo/": "",
        "uri/of/echo/namespace#": "", "http://purl.org/pie/": "", "http://purl.org/atom/ns#": "",
        "http://www.w3.org/2005/atom": "", "http://purl.org/rss/1.0/modules/rss091#": "",
        "http://webns.net/mvcb/": "admin", "http://purl.org/rss/1.0/modules/aggregation/": "ag",
        "http://purl.org/rss/1.0/modules/annotate/": "annotate", "http://media.tangent.org/rss/1.0/": "audio",
        "http://backend.userland.com/blogchannelmodule": "blogChannel",
        "http://creativecommons.org/ns#license": "cc", "http://web.resource.org/cc/": "cc",
        "http://cyber.law.harvard.edu/rss/creativecommonsrssmodule.html": "creativeCommons",
        "http://backend.userland.com/creativecommonsrssmodule": "creativeCommons",
        "http://purl.org/rss/1.0/modules/company": "co", "http://purl.org/rss/1.0/modules/content/": "content",
        "http://my.theinfo.org/changed/1.0/rss/": "cp", "http://purl.org/dc/elements/1.1/": "dc",
        "http://purl.org/dc/terms/": "dcterms", "http://purl.org/rss/1.0/modules/email/": "email",
        "http://purl.org/rss/1.0/modules/event/": "ev", "http://rssnamespace.org/feedburner/ext/1.0": "feedburner",
        "http://freshmeat.net/rss/fm/": "fm", "http://xmlns.com/foaf/0.1/": "foaf",
        "http://www.w3.org/2003/01/geo/wgs84_pos#": "geo", "http://www.georss.org/georss": "georss",
        "http://www.opengis.net/gml": "gml", "http://postneo.com/icbm/": "icbm",
        "http://purl.org/rss/1.0/modules/image/": "image", "http://www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
        "http://example.com/dtds/podcast-1.0.dtd": "itunes", "http://purl.org/rss/1.0/modules/link/": "l",
        "http://search.yahoo.com/mrss": "media", "http://search.yahoo.com/mrss/": "media",
        "http://madskills.com/public/xml/rss/module/pingback/": "pingback",
        "http://prismstandard.org/namespaces/1.2/basic/": "prism", "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf",
        "http://www.w3.org/2000/01/rdf-schema#": "rdfs", "http://purl.org/rss/1.0/modules/reference/": "ref",
        "http://purl.org/rss/1.0/modules/richequiv/": "reqv", "http://purl.org/rss/1.0/modules/search/": "search",
        "http://purl.org/rss/1.0/modules/slash/": "slash", "http://schemas.xmlsoap.org/soap/envelope/": "soap",
        "http://purl.org/rss/1.0/modules/servicestatus/": "ss", "http://hacks.benhammersley.com/rss/streaming/": "str",
        "http://purl.org/rss/1.0/modules/subscription/": "sub", "http://purl.org/rss/1.0/modules/syndication/": "sy",
        "http://schemas.pocketsoap.com/rss/mydescmodule/": "szf", "http://purl.org/rss/1.0/modules/taxonomy/": "taxo",
        "http://purl.org/rss/1.0/modules/threading/": "thr", "http://purl.org/syndication/thread/1.0": "thr",
        "http://purl.org/rss/1.0/modules/textinput/": "ti",
        "http://madskills.com/public/xml/rss/module/trackback/": "trackback",
        "http://wellformedweb.org/commentapi/": "wfw", "http://purl.org/rss/1.0/modules/wiki/": "wiki",
        "http://www.w3.org/1999/xhtml": "xhtml", "http://www.w3.org/1999/xlink": "xlink",
        "http://www.w3.org/xml/1998/namespace": "xml", "http://podlove.org/simple-chapters": "psc",
        "http://www.georss.org/georss/10": "georss",
    ]

    /// The known namespace a URI denotes, compared as feedparser does (case-insensitive, any
    /// `backend.userland.com/rss` variant is RSS).
    static func canonical(_ uri: String) -> String {
        let lower = uri.lowercased()
        if lower.range(of: "backend.userland.com/rss") != nil && lower.range(of: "module") == nil { return "http://backend.userland.com/rss" }
        return lower
    }

    /// The prefix feedparser gives a namespace, or `nil` for one it does not know.
    static func feedparserPrefix(_ uri: String) -> String? {
        if let exact = feedparserPrefixes[uri] { return exact }
        return feedparserPrefixes[canonical(uri)]
    }
}

/// How the builder classifies an element's namespace.
enum NSKind: Hashable {
    /// RSS (any version), Atom (any version), or no namespace: the core vocabulary.
    case core
    case dc, dcterms, content, xhtml, rdf
    case other

    init(uri: String?) {
        guard let uri, !uri.isEmpty else { self = .core; return }
        switch Namespace.feedparserPrefix(uri) {
        case "": self = .core
        case "dc": self = .dc
        case "dcterms": self = .dcterms
        case "content": self = .content
        case "xhtml": self = .xhtml
        case "rdf": self = .rdf
        default: self = .other
        }
    }
}
