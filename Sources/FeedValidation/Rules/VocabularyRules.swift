import Foundation
import Syndication

/// Extension vocabularies described as data: Media RSS, FeedSync, iTunes, the Atom Publishing
/// Protocol, Bloglines' access control, the Conversations Network. Each element names the rule for its text
/// and for each attribute; the few checks that relate several values are written out below.
struct ElementSpec {
    var text: Leaf?
    var attributes: [(String, Leaf)] = []
    var required: [String] = []
    var once = false
}

enum Vocabulary {
    static let conversationsNetwork = "http://conversationsnetwork.org/rssNamespace-1.0/"

    /// Namespaces described here (their other elements are let through unchecked).
    static let namespaces: Set<String> = [
        Namespace.media, Namespace.sx, conversationsNetwork, Namespace.itunes, Namespace.app, Namespace.access,
    ]
    /// Of those, the ones whose every element is listed: anything else in them is undefined.
    static let closed: Set<String> = [Namespace.itunes, Namespace.app]

    private static let mediaTextTypes = Leaf.oneOf(.invalidMediaTextType, ["plain", "html"])
    private static let mediaText = ElementSpec(text: .text, attributes: [("type", mediaTextTypes)], once: true)

    static let specs: [String: ElementSpec] = [
        "media:group": ElementSpec(),
        "media:content": ElementSpec(attributes: [
            ("url", .fullURL), ("fileSize", .positiveInteger), ("type", .mime),
            ("medium", .oneOf(.invalidMediaMedium, ["image", "audio", "video", "document", "executable"])),
            ("isDefault", .trueFalse), ("expression", .oneOf(.invalidMediaExpression, ["sample", "full", "nonstop"])),
            ("bitrate", .float), ("framerate", .float), ("samplingrate", .float), ("channels", .positiveInteger),
            ("duration", .nonNegativeInteger), ("height", .positiveInteger), ("width", .positiveInteger),
            ("lang", .language),
        ]),
        "media:rating": ElementSpec(text: .text, attributes: [("scheme", .fullURL)]),
        "media:title": mediaText,
        "media:description": mediaText,
        "media:text": ElementSpec(
            text: .text,
            attributes: [
                ("type", mediaTextTypes), ("lang", .language),
                ("start", .nptTime), ("end", .nptTime),
            ]),
        "media:keywords": ElementSpec(text: .text, once: true),
        "media:thumbnail": ElementSpec(
            attributes: [
                ("url", .fullURL), ("height", .positiveInteger),
                ("width", .positiveInteger), ("time", .nptTime),
            ], required: ["url"]),
        "media:category": ElementSpec(text: .plainText, attributes: [("scheme", .fullURL), ("label", .plainText)]),
        "media:hash": ElementSpec(text: .text, attributes: [("algo", .oneOf(.invalidMediaHash, ["md5", "sha-1"]))]),
        "media:player": ElementSpec(
            attributes: [("url", .fullURL), ("height", .positiveInteger), ("width", .positiveInteger)],
            required: ["url"]),
        "media:credit": ElementSpec(text: .plainText, attributes: [("scheme", .fullURL)]),
        "media:copyright": ElementSpec(text: .plainText, attributes: [("url", .fullURL)], once: true),
        "media:restriction": ElementSpec(
            text: .text,
            attributes: [
                ("relationship", .oneOf(.invalidMediaRestrictionRel, ["allow", "deny"])),
                ("type", .oneOf(.invalidMediaRestrictionType, ["country", "uri", "sharing"])),
            ], required: ["relationship"]),
        "media:adult": ElementSpec(text: .text),

        "sx:sharing": ElementSpec(attributes: [("since", .rfc3339), ("until", .rfc3339), ("expires", .rfc3339)]),
        "sx:related": ElementSpec(
            attributes: [
                ("link", .fullURL), ("title", .nonBlankText),
                ("type", .oneOf(.invalidSseType, ["complete", "aggregated"])),
            ],
            required: ["link", "type"]),
        "sx:sync": ElementSpec(
            attributes: [
                ("id", .nss), ("updates", .positiveInteger), ("deleted", .trueFalse),
                ("noconflicts", .trueFalse),
            ], required: ["id", "updates"], once: true),
        "sx:history": ElementSpec(
            attributes: [("sequence", .positiveInteger), ("when", .rfc3339), ("by", .nss)],
            required: ["sequence"]),
        "sx:conflicts": ElementSpec(),

        // The Atom Publishing Protocol's elements in entries (RFC 5023 §10–13): when an entry
        // was last edited, and whether it is a draft.
        "app:edited": ElementSpec(text: .rfc3339, once: true),
        // Service and category documents (RFC 5023 §7–8), and a collection inside a feed (§8.3.3).
        "app:service": ElementSpec(),
        "app:workspace": ElementSpec(),
        "app:collection": ElementSpec(required: ["href"]),
        "app:categories": ElementSpec(attributes: [("fixed", .yesNo)]),
        "app:accept": ElementSpec(),
        "app:control": ElementSpec(once: true),
        "app:draft": ElementSpec(text: .yesNo, once: true),
        "itunes:author": ElementSpec(text: .plainText, once: true),
        "itunes:block": ElementSpec(text: .yesNo, once: true),
        "itunes:category": ElementSpec(),
        "itunes:image": ElementSpec(attributes: [("href", .fullURL)], required: ["href"], once: true),
        "itunes:duration": ElementSpec(text: .itunesDuration, once: true),
        "itunes:explicit": ElementSpec(text: .itunesExplicit, once: true),
        "itunes:keywords": ElementSpec(text: .text, once: true),
        "itunes:new-feed-url": ElementSpec(text: .fullURL, once: true),
        "itunes:owner": ElementSpec(once: true),
        "itunes:name": ElementSpec(text: .plainText, once: true),
        "itunes:email": ElementSpec(text: .email, once: true),
        "itunes:subtitle": ElementSpec(text: .plainText, once: true),
        "itunes:summary": ElementSpec(text: .plainText, once: true),
        "itunes:type": ElementSpec(text: .oneOf(.invalidItunesChannelType, ["episodic", "serial"]), once: true),
        "itunes:episodeType": ElementSpec(text: .oneOf(.invalidItunesEpisodeType, ["full", "trailer", "bonus"]), once: true),
        "itunes:episode": ElementSpec(text: .positiveInteger, once: true),
        "itunes:season": ElementSpec(text: .positiveInteger, once: true),
        "itunes:title": ElementSpec(text: .plainText, once: true),
        "itunes:complete": ElementSpec(text: .yesNo, once: true),
        "itunes:isClosedCaptioned": ElementSpec(text: .yesNo, once: true),
        "itunes:order": ElementSpec(text: .positiveInteger, once: true),

        // Bloglines' feed access control: whether aggregators may republish the feed.
        "access:restriction": ElementSpec(
            attributes: [("relationship", .oneOf(.invalidAccessRestrictionRel, ["allow", "deny"]))],
            required: ["relationship"], once: true),

        "cn:image": ElementSpec(attributes: [("url", .urlAttribute)]),
        "cn:introMilliseconds": ElementSpec(text: .nonNegativeInteger),
        "cn:ratingCount": ElementSpec(text: .nonNegativeInteger),
        "cn:ratingIndividual": ElementSpec(text: .positiveInteger),
        "cn:ratingAverage": ElementSpec(text: .float),
        "cn:ratingTimestamp": ElementSpec(text: .iso8601),
    ]

    static func key(namespace: String, local: String) -> String? {
        let prefix = namespace == conversationsNetwork ? "cn" : NS.prefixes[namespace]
        return prefix.map { $0 + ":" + local }
    }

    // MARK: iTunes categories

    static let itunesCategories: [String: Set<String>] = [
        "Arts": ["Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts", "Literature"],
        "Business": [
            "Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit",
            "Business News", "Shopping", "Management & Marketing",
        ],
        "Comedy": ["Comedy Interviews", "Improv", "Stand-Up"],
        "Education": [
            "Courses", "How To", "Language Learning", "Self-Improvement", "Educational Technology",
            "Higher Education", "K-12", "Training",
        ],
        "Fiction": ["Comedy Fiction", "Drama", "Science Fiction"],
        "Games & Hobbies": ["Automotive", "Aviation", "Hobbies", "Other Games", "Video Games"],
        "Government": [], "Government & Organizations": ["Local", "National", "Non-Profit", "Regional"],
        "Health": ["Alternative Health", "Fitness & Nutrition", "Self-Help", "Sexuality"],
        "Health & Fitness": ["Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"],
        "History": [],
        "Kids & Family": ["Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"],
        "Leisure": [
            "Animation & Manga", "Automotive", "Aviation", "Crafts", "Games", "Hobbies", "Home & Garden",
            "Video Games",
        ],
        "Music": ["Music Commentary", "Music History", "Music Interviews"],
        "News": [
            "Business News", "Daily News", "Entertainment News", "News Commentary", "Politics", "Sports News",
            "Tech News",
        ],
        "News & Politics": [],
        "Religion & Spirituality": [
            "Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Other", "Religion",
            "Spirituality",
        ],
        "Science": [
            "Astronomy", "Chemistry", "Earth Sciences", "Life Sciences", "Mathematics", "Natural Sciences",
            "Nature", "Physics", "Social Sciences",
        ],
        "Science & Medicine": ["Medicine", "Natural Sciences", "Social Sciences"],
        "Society & Culture": [
            "Documentary", "History", "Personal Journals", "Philosophy", "Places & Travel",
            "Relationships",
        ],
        "Sports": [
            "Baseball", "Basketball", "Cricket", "Fantasy Sports", "Football", "Golf", "Hockey", "Rugby",
            "Running", "Soccer", "Swimming", "Tennis", "Volleyball", "Wilderness", "Wrestling",
        ],
        "Sports & Recreation": ["Amateur", "College & High School", "Outdoor", "Professional"],
        "Technology": ["Gadgets", "Tech News", "Podcasting", "Software How-To"],
        "True Crime": [],
        "TV & Film": ["After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"],
        "Movies & Television": [],
    ]
    /// ISO 3166-1 alpha-2: the codes assigned to countries and territories.
    static let countryCodes: Set<String> = Set(
        """
        AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
        CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO
        FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE
        JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO
        MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW
        PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM
        TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
        """.split(whereSeparator: \.isWhitespace).map(String.init))
    /// Where Apple's podcast specification puts the iTunes elements that do not go everywhere:
    /// the show's (channel) elements, the episode's (item), and what goes inside another one.
    private static let itunesShow: Set<String> = [
        "itunes:category", "itunes:owner", "itunes:new-feed-url", "itunes:complete", "itunes:type",
    ]
    private static let itunesEpisode: Set<String> = [
        "itunes:duration", "itunes:episode", "itunes:season", "itunes:episodeType", "itunes:order",
        "itunes:isClosedCaptioned",
    ]
    private static let itunesInside: [String: String] = ["itunes:name": "itunes:owner", "itunes:email": "itunes:owner"]

    /// Whether an iTunes element may stand in `parent`.
    static func itunesPlaced(_ key: String, in parent: Node) -> Bool {
        let show: Bool
        switch parent.kind {
        case .channel, .atomFeed, .rdfChannel: show = true
        case .item, .atomEntry, .rdfItem: show = false
        case .vocabulary(let owner):
            // An element of iTunes' own holds only what the specification puts there.
            if owner == "itunes:category" { return key == "itunes:category" }
            if owner.hasPrefix("itunes:") { return itunesInside[key] == owner }
            return true
        default: return true
        }
        if itunesInside[key] != nil { return false }
        return show ? !itunesEpisode.contains(key) : !itunesShow.contains(key)
    }

    /// Subcategories Apple retired.
    static let obsoleteSubcategories: Set<String> = ["Computers", "IT News", "Information Technology"]
}

extension Run {
    func vocabularyChild(of parent: Node, ns: String, local: String) -> ChildDecision {
        if case .vocabulary(let owner) = parent.kind, let decision = appChild(of: parent, owner, ns: ns, local: local) {
            return decision
        }
        if let key = Vocabulary.key(namespace: ns, local: local), let spec = Vocabulary.specs[key] {
            if ns == Namespace.itunes && !Vocabulary.itunesPlaced(key, in: parent) { return .undefined }
            return .known(.vocabulary(key), once: spec.once)
        }
        return Vocabulary.closed.contains(ns) ? .undefined : .open
    }

    func vocabularyStart(_ node: Node, _ key: String) {
        guard let spec = Vocabulary.specs[key] else { return }
        for (name, rule) in spec.attributes {
            guard let value = node.attribute(name) else { continue }
            // Most attribute findings name the attribute as the element; these name both.
            let namesBoth = rule == .nptTime || (name == "type" && key.hasPrefix("media:"))
            checkValue(
                value, rule, at: node,
                params: namesBoth
                    ? [("element", node.name), ("attr", name)]
                    : [("parent", node.attributeParentName), ("element", name)])
        }
        for name in spec.required where node.attribute(name) == nil {
            report(.missingAttribute, at: node, [("element", node.name), ("attr", name)])
        }
        switch key {
        case "sx:sharing":
            let since = node.attribute("since"), until = node.attribute("until")
            if until != nil && since == nil {
                report(.missingAttribute, at: node, [("element", node.name), ("attr", "since")])
            }
            if let since, let until, Values.isRFC3339(since), Values.isRFC3339(until), since > until {
                report(.sinceAfterUntil, at: node, [("element", node.name)])
            }
        case "sx:history":
            let by = node.attribute("by"), when = node.attribute("when")
            if by == nil && when == nil {
                report(.missingByAndWhenAttrs, at: node, [("element", node.name)])
            } else if by == nil || when == nil {
                report(.missingRecommendedAttribute, at: node, [("element", node.name), ("attr", by == nil ? "by" : "when")])
            }
            checkInt32(node, "sequence")
        case "sx:related":
            if let title = node.attribute("title"), !Values.trimmed(title).isEmpty {
                checkNoHTML(node, title, params: [("parent", node.attributeParentName), ("element", "title")])
            }
        case "sx:sync":
            checkInt32(node, "updates")
            if let id = node.attribute("id") {
                if !syncIDs.insert(id).inserted {
                    report(.duplicateValue, at: node, [("parent", node.attributeParentName), ("element", "id"), ("value", id)])
                }
            }
        case "media:adult":
            report(.deprecatedMediaAdult, at: node, [("element", node.name)])
        case "app:collection", "app:categories":
            appStart(node, key)
        case "itunes:category":
            itunesCategoryStart(node)
        default:
            break
        }
    }

    /// FeedSync's counters are 32-bit: a larger one overflows what readers hold it in.
    private func checkInt32(_ node: Node, _ attribute: String) {
        if let v = node.attribute(attribute), Values.isPositiveInteger(v), (Int(v) ?? Int.max) > Int(Int32.max) {
            report(.integerOverflow, at: node, [("parent", node.attributeParentName), ("element", attribute), ("value", v)])
        }
    }

    func vocabularyEnd(_ node: Node, _ key: String) {
        guard let spec = Vocabulary.specs[key] else { return }
        let value = node.value
        let params = names(node)
        switch key {
        case "media:title", "media:description", "media:text":
            if node.attribute("type") == "html" {
                checkEscapedHTML(node, value, params: [("element", node.name)])
            } else if let tag = HTMLChecks.knownTag(value) {
                report(.containsUndeclaredHTML, at: node, [("element", node.name), ("value", tag)])
            }
            return
        case "media:group":
            if node.count("media:content") < 2 {
                report(.mediaGroupWithoutAlternatives, at: node, [("element", node.name)])
            }
        case "media:rating":
            checkMediaRating(node, Values.trimmed(value))
            return
        case "media:hash":
            let algo = node.attribute("algo") ?? "md5"
            let v = Values.trimmed(value)
            let length = algo == "sha-1" ? 40 : 32
            if v.utf8.count != length || !v.utf8.allSatisfy({ Values.isDigit($0) || (($0 | 0x20) >= 97 && ($0 | 0x20) <= 102) }) {
                report(.invalidMediaHash, at: node, params + [("value", v)])
            }
            return
        case "media:restriction":
            checkMediaRestriction(node, Values.trimmed(value))
            return
        case "media:credit":
            let roles: Set<String> = [
                "actor", "anchor person", "author", "choreographer", "composer", "conductor", "director", "editor",
                "graphic designer", "grip", "illustrator", "lyricist", "music arranger", "music group", "musician",
                "orchestra", "performer", "photographer", "producer", "reporter", "vocalist", "camera operator",
                "distribution company", "executive producer", "lighting operator", "production company", "publishing company",
                "writer", "artist", "record label", "set designer", "sound engineer", "special effects", "stunts", "technical director",
            ]
            // Roles are lower case in every scheme; the EBU's (the default) are a fixed list.
            if let role = node.attribute("role"),
                role != role.lowercased() || ((node.attribute("scheme") ?? "urn:ebu") == "urn:ebu" && !roles.contains(role))
            {
                report(.invalidCreditRole, at: node, [("element", node.name), ("value", role)])
            }
        case "itunes:owner":
            if !node.seen("itunes:email") { report(.missingElement, at: node, [("parent", node.name), ("element", "itunes:email")]) }
        case "itunes:subtitle", "itunes:summary":
            if value.count > (key == "itunes:subtitle" ? 255 : 4000) {
                report(.tooLong, at: node, [("element", node.name), ("value", String(value.count))])
            }
        case "itunes:keywords":
            let v = Values.trimmed(value)
            if (v.contains(" ") && !v.contains(",")) || v.split(separator: ",").count > 12 {
                report(.invalidKeywords, at: node, [("element", node.name), ("value", v)])
            }
        case "app:service", "app:workspace", "app:collection", "app:categories", "app:accept":
            appEnd(node, key)
        case "cn:image":
            // The image's URL, as the url attribute or as the element's text.
            if !Values.trimmed(value).isEmpty { checkValue(value, .urlAttribute, at: node, params: params) }
        case "sx:sync":
            if !node.seen("sx:history") {
                report(.missingElement, at: node, [("parent", node.attributeParentName), ("element", "sx:history")])
            }
        default:
            break
        }
        if let rule = spec.text { checkValue(value, rule, at: node, params: params) }
    }

    private func checkMediaRating(_ node: Node, _ value: String) {
        let scheme = node.attribute("scheme") ?? "urn:simple"
        let allowed: Set<String>?
        switch scheme {
        case "urn:simple": allowed = ["adult", "nonadult"]
        case "urn:mpaa": allowed = ["g", "pg", "pg-13", "r", "nc-17"]
        case "urn:v-chip": allowed = ["tv-y", "tv-y7", "tv-y7-fv", "tv-g", "tv-pg", "tv-14", "tv-ma"]
        case "urn:icra":
            // ICRA labels: `r (cz 1 lz 1 nz 1 oz 1 vz 1)`.
            // Each category once, with a level 0 or 1 (nz is not one of them).
            let labels: Set<String> = [
                "ca", "cb", "cz", "la", "lb", "lc", "lz", "na", "nb", "nc", "nd", "ne", "nf",
                "nr", "nz", "oa", "ob", "oc", "oh", "oz", "va", "vb", "vc", "vd", "vz",
            ]
            if value.hasPrefix("r (") && value.hasSuffix(")") {
                let inner = value.dropFirst(3).dropLast().split(separator: " ")
                var ok = inner.count % 2 == 0
                var i = 0
                var letters = Set<Character>()
                while ok && i + 1 < inner.count {
                    let label = String(inner[i])
                    ok =
                        labels.contains(label) && (inner[i + 1] == "0" || inner[i + 1] == "1")
                        && letters.insert(label.first!).inserted
                    i += 2
                }
                if ok { return }
            }
            report(.invalidMediaRating, at: node, [("element", node.name), ("value", value)])
            return
        default: allowed = nil
        }
        // The W3C's documentation: for the predefined schemes the value must be lower case.
        if let allowed, !allowed.contains(value) {
            report(.invalidMediaRating, at: node, [("element", node.name), ("value", value)])
        }
    }

    private func checkMediaRestriction(_ node: Node, _ value: String) {
        let type = node.attribute("type") ?? ""
        let words = value.split(separator: " ").map(String.init)
        switch type {
        case "uri":
            for w in words where !URIs.isAbsolute(w) {
                report(.invalidFullLink, at: node, [("element", node.name), ("value", w)])
            }
        case "country":
            // Media RSS: a space-separated list of ISO 3166 country codes, or all / none.
            if value == "all" || value == "none" { return }
            for w in words where !Vocabulary.countryCodes.contains(w.uppercased()) {
                report(.invalidCountryCode, at: node, [("element", node.name), ("value", w)])
            }
        default:
            if !(value == "all" || value == "none" || value.isEmpty) {
                report(.invalidMediaRestriction, at: node, [("element", node.name), ("value", value)])
            }
        }
    }

    // MARK: Atom Publishing Protocol (RFC 5023)

    /// What each APP container holds (§7.1, §8.3): its own elements, and from Atom a title for
    /// workspaces and collections and categories in app:categories. Other namespaces' elements
    /// are extensions; Atom's others are allowed as such but mean nothing there.
    private static let appChildren: [String: Set<String>] = [
        "app:service": ["workspace"], "app:workspace": ["collection"], "app:collection": ["accept", "categories"],
        "app:categories": [], "app:control": ["draft"],
    ]

    private func appChild(of parent: Node, _ owner: String, ns: String, local: String) -> ChildDecision? {
        guard let allowed = Run.appChildren[owner] else { return nil }
        if ns == Namespace.app {
            return allowed.contains(local) ? .known(.vocabulary("app:" + local), once: false) : .undefined
        }
        guard ns == Namespace.atom10 else { return nil }
        switch (owner, local) {
        case ("app:workspace", "title"), ("app:collection", "title"): return .known(.atomText, once: true)
        case ("app:categories", "category"): return .known(.atomCategory, once: false)
        case ("app:workspace", _), ("app:collection", _):
            let (line, column) = driver.position
            report(.questionableUsage, line: line, column: column, [("parent", parent.name), ("element", "atom:" + local)])
            return .open
        default: return .undefined
        }
    }

    private func appStart(_ node: Node, _ key: String) {
        let params = [("parent", node.attributeParentName)]
        switch key {
        case "app:collection":
            // An IRI reference, resolved against xml:base when relative (§8.3.3).
            if let href = node.attribute("href") { checkIRI(href, at: node, params: params + [("element", "href")]) }
        case "app:categories":
            for attr in ["href", "scheme"] {
                if let value = node.attribute(attr) { checkIRI(value, at: node, params: params + [("element", attr)]) }
            }
            // §7.2.1: with href, the categories are elsewhere: no fixed, no scheme, no children.
            if node.attribute("href") != nil {
                for attr in ["fixed", "scheme"] where node.attribute(attr) != nil {
                    report(.conflictingCatAttr, at: node, [("element", node.name), ("attr", attr)])
                }
            }
        default:
            break
        }
    }

    private func appEnd(_ node: Node, _ key: String) {
        let title = node.seen("atom:title") || node.seen("title")
        switch key {
        case "app:service":
            if !node.seen("app:workspace") {
                report(.missingElement, at: node, [("parent", node.attributeParentName), ("element", "app:workspace")])
            }
        case "app:workspace", "app:collection":
            if !title { report(.missingElement, at: node, [("parent", node.attributeParentName), ("element", "atom:title")]) }
        case "app:categories":
            if node.attribute("href") != nil && node.childElements > 0 {
                report(.conflictingCatChildren, at: node, [("element", node.name)])
            }
        case "app:accept":
            checkAccept(node, Values.trimmed(node.value))
        default:
            break
        }
    }

    /// app:accept (§8.3.4): media ranges, comma-separated; empty accepts nothing, and "entry" is
    /// the drafts' name for Atom entries. Preference ("q") parameters mean nothing here.
    private func checkAccept(_ node: Node, _ value: String) {
        guard !value.isEmpty, value != "entry" else { return }
        for range in value.split(separator: ",") {
            let range = Values.trimmed(String(range))
            // A media range is a MIME type whose type or subtype may be "*".
            guard isMIMEType(range.replacingOccurrences(of: "*", with: "x")) else {
                report(.invalidMIMEType, at: node, [("parent", node.attributeParentName), ("element", node.name), ("value", range)])
                continue
            }
            for p in range.split(separator: ";").dropFirst()
            where Values.trimmed(String(p.prefix { $0 != "=" })).lowercased() == "q" {
                report(.undefinedParam, at: node, [("element", node.name), ("param", "q")])
            }
        }
    }

    // MARK: iTunes

    func itunesCategoryStart(_ node: Node) {
        guard let text = node.attribute("text") else {
            report(.missingAttribute, at: node, [("element", node.name), ("attr", "text")])
            return
        }
        if let parent = parent(of: node), parent.namespace == Namespace.itunes, parent.localName == "category" {
            let top = parent.attribute("text") ?? ""
            guard let subs = Vocabulary.itunesCategories[top] else { return }
            if !subs.contains(text) {
                let code: MessageClass = Vocabulary.obsoleteSubcategories.contains(text) ? .obsoleteItunesCategory : .invalidItunesCategory
                report(code, at: node, [("parent", parent.name), ("element", node.name), ("value", text)])
            }
        } else if Vocabulary.itunesCategories[text] == nil {
            report(.invalidItunesCategory, at: node, [("element", node.name), ("value", text)])
        }
    }
}
