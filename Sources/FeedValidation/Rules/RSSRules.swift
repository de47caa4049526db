import Syndication

/// RSS 2.0 (and the 0.9x it grew from): rss, channel, item, image, textInput, cloud,
/// skipHours/skipDays, guid, enclosure, source; and RSS 1.0 / 0.90 (RDF).
extension Run {
    private static let channelChildren: [String: (Kind, Bool)] = [
        "title": (.leaf(.plainText), true), "link": (.leaf(.fullURL), true), "description": (.leaf(.html), true),
        "language": (.leaf(.language), true), "copyright": (.leaf(.plainText), true),
        "managingEditor": (.leaf(.rssContact), true), "webMaster": (.leaf(.rssContact), true),
        "pubDate": (.leaf(.rfc822Date), true), "lastBuildDate": (.leaf(.rfc822Date), true),
        "category": (.rssCategory, false), "generator": (.leaf(.plainText), true), "docs": (.leaf(.fullURL), true),
        "cloud": (.cloud, true), "ttl": (.leaf(.ttl), true), "image": (.image, true), "rating": (.leaf(.text), true),
        "textInput": (.textInput, true), "skipHours": (.skipHours, true), "skipDays": (.skipDays, true),
        "item": (.item, false),
    ]
    private static let itemChildren: [String: (Kind, Bool)] = [
        "title": (.leaf(.plainText), true), "link": (.leaf(.fullURL), true), "description": (.leaf(.html), true),
        "author": (.leaf(.rssContact), true), "category": (.rssCategory, false), "comments": (.leaf(.fullURL), true),
        "enclosure": (.enclosure, false), "guid": (.guid, true), "pubDate": (.leaf(.rfc822Date), true),
        "source": (.rssSource, true),
    ]
    private static let imageChildren: [String: (Kind, Bool)] = [
        "url": (.leaf(.fullURL), true), "title": (.leaf(.plainText), true), "link": (.leaf(.fullURL), true),
        "width": (.leaf(.imageWidth), true), "height": (.leaf(.imageHeight), true),
        "description": (.leaf(.plainText), true),
    ]
    private static let textInputChildren: [String: (Kind, Bool)] = [
        "title": (.leaf(.plainText), true), "description": (.leaf(.plainText), true),
        "name": (.leaf(.nonBlankText), true), "link": (.leaf(.fullURL), true),
    ]

    func rssChild(of parent: Node, ns: String, local: String, name: String, line: Int, column: Int) -> ChildDecision {
        let core = ns == coreNamespace
        switch parent.kind {
        case .rss:
            if core && local == "channel" { return .known(.channel, once: true) }
            return core ? .undefined : extensionChild(of: parent, ns: ns, local: local, context: .other)
        case .channel:
            if core, let (k, once) = Run.channelChildren[local] {
                if local != "item" && parent.seen("item") && parent.facts["misplaced"] == nil {
                    // The RSS Profile: the channel's own elements first, then its items.
                    parent.facts["misplaced"] = "yes"
                    report(.misplacedItem, line: line, column: column, [("parent", "channel"), ("element", "item")])
                }
                if local == "textInput" { report(.avoidTextInput, line: line, column: column, [("parent", "channel"), ("element", name)]) }
                return .known(k, once: once)
            }
            if core && local == "blink" {
                // Proposed for RSS, never adopted (blogChannel:blink was).
                report(.noBlink, line: line, column: column, [("parent", parent.name), ("element", name)])
                return .open
            }
            if core && ns.isEmpty && local.first?.isUppercase == true && Run.channelChildren[local] == nil && local != "item" {
                // An extension someone forgot to put in a namespace.
                report(.notInANamespace, line: line, column: column, [("parent", parent.name), ("element", name)])
                return .open
            }
            return core ? .undefined : extensionChild(of: parent, ns: ns, local: local, context: .channel)
        case .item:
            // RSS 0.91's description is plain text (HTML came with 0.92): its markup is not run.
            if core && local == "description" && format == "rss091" { return .known(.leaf(.text), once: true) }
            if core, let (k, once) = Run.itemChildren[local] { return .known(k, once: once) }
            if core && ns.isEmpty && local.first?.isUppercase == true {
                report(.notInANamespace, line: line, column: column, [("parent", parent.name), ("element", name)])
                return .open
            }
            return core ? .undefined : extensionChild(of: parent, ns: ns, local: local, context: .item)
        case .image:
            if core, let (k, once) = Run.imageChildren[local] { return .known(k, once: once) }
            return core ? .undefined : extensionChild(of: parent, ns: ns, local: local, context: .other)
        case .textInput:
            if core, let (k, once) = Run.textInputChildren[local] { return .known(k, once: once) }
            return core ? .undefined : extensionChild(of: parent, ns: ns, local: local, context: .other)
        case .skipHours:
            if core && local == "hour" { return .known(.leaf(.hour), once: false) }
            return core ? .undefined : .open
        case .skipDays:
            if core && local == "day" { return .known(.leaf(.day), once: false) }
            return core ? .undefined : .open
        default:
            return core ? .undefined : .open
        }
    }

    func rssStart(_ node: Node) {
        guard let version = node.attribute("version") else {
            report(.missingAttribute, at: node, [("element", "rss"), ("attr", "version")])
            return
        }
        if netscapeDoctype && version != "0.91" {
            // The Netscape DTD is RSS 0.91's; any other version contradicts it.
            report(.invalidDoctype, at: node, [("element", "rss"), ("attr", "version"), ("value", version)])
        }
        switch version {
        case "2.0", "2.0.1", "2.00": format = "rss20"
        case "0.91": format = "rss091"
        case "0.92": format = "rss092"
        case "0.93", "0.94": format = "rss09x"
        default:
            report(.invalidRSSVersion, at: node, [("element", "rss"), ("attr", "version"), ("value", version)])
        }
        for a in node.attributes where a.namespace != nil && a.namespace != Namespace.xml {
            report(.useOfExtensionAttr, at: node, [("element", "rss"), ("attr", a.name)])
        }
    }

    func rssEnd(_ node: Node) {
        if !node.seen("channel") { report(.missingElement, at: node, [("parent", "rss"), ("element", "channel")]) }
    }

    private static let channelSemantics: [(String, String)] = [
        ("copyright", "dc:rights"), ("managingEditor", "dc:creator"), ("webMaster", "dc:publisher"),
        ("pubDate", "dc:date"), ("lastBuildDate", "dcterms:modified"), ("language", "dc:language"),
        ("creativeCommons:license", "cc:license"),
    ]
    private static let itemSemantics: [(String, String)] = [
        ("guid", "atom:id"), ("author", "dc:creator"), ("category", "dc:subject"), ("pubDate", "dc:date"),
        ("source", "dc:source"), ("creativeCommons:license", "cc:license"),
    ]

    func channelEnd(_ node: Node) {
        guard family == .rss2 else { return }
        for (child, code): (String, MessageClass) in [("title", .missingTitle), ("link", .missingLink), ("description", .missingDescription)]
        where !node.seen(child) {
            report(code, at: node, [("parent", "channel"), ("element", child)])
        }
        if node.facts["slash"] != nil && !node.seen("lastBuildDate") {
            report(.slashDate, at: node, [("parent", "channel"), ("element", "lastBuildDate")])
        }
        for (core, ext) in Run.channelSemantics where node.seen(core) && node.seen(ext) {
            report(.duplicateSemantics, at: node, [("core", core), ("ext", ext)])
        }
        checkArchive(node)
        let language = node.seen("language") || node.seen("dc:language") || stack.contains { $0.attribute("lang", namespace: Namespace.xml) != nil }
        if !language {
            // Readers (and screen readers) guess a feed's language otherwise.
            report(.missingDCLanguage, at: node, [("parent", "channel"), ("element", "language")])
        }
        checkItunesChannel(node, language: language)
        if !sawSelfLink && format == "rss20" {
            // The RSS Best Practices Profile: a feed names its own URL with atom:link rel="self".
            report(.missingAtomSelfLink, at: node, [("element", "atom:link"), ("parent", "channel")])
        }
    }

    /// Apple's podcast requirements, for a feed with iTunes elements: a language, a category, the
    /// explicit flag, an owner to write to, and UTF-8.
    func checkItunesChannel(_ node: Node, language: Bool) {
        guard usesItunes else { return }
        let p = [("parent", node.name)]
        if !language { report(.missingItunesElement, at: node, p + [("element", "language")]) }
        for child in ["itunes:category", "itunes:explicit"] where !node.seen(child) {
            report(.missingItunesElement, at: node, p + [("element", child)])
        }
        if !node.seen("itunes:owner") { report(.missingItunesEmail, at: node, p + [("element", "itunes:email")]) }
        if let encoding = declaredEncoding, encoding != "utf-8", encoding != "utf8" {
            report(.notUTF8, at: node, p + [("element", "xml"), ("value", encoding)])
        }
    }

    /// What iTunes plays (Apple's podcast specification).
    static let itunesFormats: Set<String> = ["m4a", "mp3", "mov", "mp4", "m4v", "pdf", "epub"]

    func itemEnd(_ node: Node) {
        if family == .rss2 && !node.seen("title") && !node.seen("description") {
            report(.itemMustContainTitleOrDescription, at: node, [("parent", "channel"), ("element", "item")])
        }
        for (core, ext) in Run.itemSemantics where node.seen(core) && node.seen(ext) {
            report(.duplicateItemSemantics, at: node, [("core", core), ("ext", ext)])
        }
        // Readers differ on which of two descriptions they show (an Atom content that only points
        // elsewhere, with src, describes nothing).
        if family == .rss2, node.seen("description"), let ext = node.facts["atomDescription"] {
            report(.duplicateDescriptionSemantics, at: node, [("core", "description"), ("ext", ext), ("element", ext)])
        }
        if format == "rss20" && !node.seen("guid") {
            // RSS 2.0: "It's recommended that you provide the guid": readers tell items apart by it.
            report(.missingGuid, at: node, [("parent", "item"), ("element", "guid")])
        }
        if family == .rss2 && node.count("enclosure") > 1 {
            // The RSS Best Practices Profile: one enclosure an item, for the widest support.
            report(.duplicateEnclosure, at: node, [("parent", "item"), ("element", "enclosure")])
        }
        if node.seen("content:encoded") && (!node.seen("description") || node.facts["descriptionAfterContent"] != nil) {
            report(.needDescriptionBeforeContent, at: node, [("parent", "channel"), ("element", "item")])
        }
    }

    func imageEnd(_ node: Node) {
        if let channel = parent(of: node) {
            if let link = node.facts["link"], let channelLink = channel.facts["link"], link != channelLink {
                report(.imageLinkDoesntMatch, at: node, [("parent", "image"), ("element", "link"), ("value", link)])
            }
            if let title = node.facts["title"], let channelTitle = channel.facts["title"], title != channelTitle {
                report(.imageTitleDoesntMatch, at: node, [("parent", "image"), ("element", "title"), ("value", title)])
            }
        }
        for (child, code): (String, MessageClass) in [("url", .missingElement), ("title", .missingTitle), ("link", .missingLink)]
        where !node.seen(child) {
            report(code, at: node, [("parent", "image"), ("element", child)])
        }
    }

    func textInputEnd(_ node: Node) {
        for (child, code): (String, MessageClass) in [
            ("title", .missingTitle), ("description", .missingDescription), ("name", .missingElement),
            ("link", .missingLink),
        ] where !node.seen(child) {
            report(code, at: node, [("parent", "textInput"), ("element", child)])
        }
    }

    func skipEnd(_ node: Node, child: String) {
        if !node.seen(child) { report(.missingElement, at: node, [("parent", node.name), ("element", child)]) }
        if child == "hour" && node.count("hour") > 24 {
            report(.notEnoughHoursInTheDay, at: node, [("parent", node.name), ("element", child)])
        }
    }

    func cloudStart(_ node: Node) {
        for attr in ["domain", "port", "path", "registerProcedure", "protocol"] where node.attribute(attr) == nil {
            report(.missingAttribute, at: node, [("element", "cloud"), ("attr", attr)])
        }
        if let port = node.attribute("port"), !Values.isNonNegativeInteger(port) {
            report(.invalidIntegerAttribute, at: node, [("parent", "cloud"), ("element", "cloud"), ("attr", "port"), ("value", port)])
        }
        if let proto = node.attribute("protocol"), !["xml-rpc", "soap", "http-post", "soap 1.1"].contains(proto.lowercased()) {
            report(.invalidValue, at: node, [("element", "cloud"), ("attr", "protocol"), ("value", proto)])
        }
    }

    func enclosureStart(_ node: Node) {
        let p = [("parent", "item"), ("element", "enclosure")]
        if let url = node.attribute("url") {
            if !URIs.isAbsolute(url) { report(.invalidURLAttribute, at: node, [("parent", "enclosure"), ("element", "url"), ("value", url)]) }
            let path = Values.trimmed(url).split(separator: "?", maxSplits: 1).first ?? ""
            if declaresItunes, let dot = path.lastIndex(of: ".") {
                let format = path[path.index(after: dot)...].prefix { $0.isLetter || $0.isNumber }.lowercased()
                if !format.isEmpty && !path[dot...].contains("/") && !Run.itunesFormats.contains(format) {
                    report(.unsupportedItunesFormat, at: node, p + [("value", format)])
                }
            }
        } else {
            report(.missingAttribute, at: node, p + [("attr", "url")])
        }
        if let length = node.attribute("length") {
            if length.hasPrefix("-") && Values.isNonNegativeInteger(String(length.dropFirst())) {
                report(.invalidNonNegativeInteger, at: node, [("parent", "enclosure"), ("element", "length"), ("value", length)])
            } else if !Values.isNonNegativeInteger(length) {
                report(.invalidIntegerAttribute, at: node, p + [("attr", "length"), ("value", length)])
            }
        } else {
            report(.missingAttribute, at: node, p + [("attr", "length")])
        }
        if let type = node.attribute("type") {
            if !isMIMEType(type) { report(.invalidMIMEAttribute, at: node, p + [("attr", "type"), ("value", type)]) }
        } else {
            report(.missingAttribute, at: node, p + [("attr", "type")])
        }
    }

    func rssSourceStart(_ node: Node) {
        if let url = node.attribute("url") {
            if !URIs.isAbsolute(url) {
                report(.invalidURLAttribute, at: node, [("parent", "item"), ("element", "source"), ("attr", "url"), ("value", url)])
            }
        } else {
            report(.missingAttribute, at: node, [("element", "source"), ("attr", "url")])
        }
    }

    /// Schemes that identify without locating: never a permalink.
    static let identifierSchemes: Set<String> = ["tag", "urn"]

    func guidEnd(_ node: Node) {
        let value = node.value
        let permalink = node.attribute("isPermaLink")
        for a in node.attributes where a.namespace == nil && a.name != "isPermaLink" {
            report(.unexpectedAttribute, at: node, [("parent", "item"), ("element", "guid"), ("attr", a.name)])
        }
        if let permalink, permalink != "true" && permalink != "false" {
            report(.invalidBooleanAttribute, at: node, [("element", "guid"), ("attr", "isPermaLink"), ("value", permalink)])
        }
        if Values.trimmed(value).isEmpty {
            report(.notBlank, at: node, names(node))
            return
        }
        if permalink != "false" {
            let scheme = URIs.scheme(value)
            if scheme == nil || !URIs.isAbsolute(value) {
                report(.invalidHttpGUID, at: node, names(node) + [("value", value)])
            } else if let scheme, Run.identifierSchemes.contains(scheme.lowercased()) {
                // A permalink is followed in a browser; tag: and urn: only name a thing (RSS 2.0:
                // "isPermaLink … false, the guid may not be assumed to be a url").
                report(.invalidPermalink, at: node, names(node) + [("value", value)])
            }
        } else if value.count < 4 || (value.allSatisfy(\.isNumber) && value.count < 8) {
            report(.notSufficientlyUnique, at: node, names(node) + [("value", value)])
        }
        if guids.contains(value) {
            report(.duplicateValue, at: node, [("parent", "item"), ("element", "guid"), ("value", value)])
        }
        guids.insert(value)
    }

    // MARK: RSS 1.0 and 0.90

    func rdfChild(of parent: Node, ns: String, local: String, name: String, line: Int, column: Int) -> ChildDecision {
        let core = ns == coreNamespace
        if ns.isEmpty, [.rdf, .rdfChannel, .rdfItem, .rdfImage, .rdfTextInput].contains(parent.kind) {
            // RDF/XML names every element by namespace: one in none belongs to no vocabulary.
            report(.undeterminableVocabulary, line: line, column: column, [("parent", parent.attributeParentName), ("element", name)])
            return .open
        }
        switch parent.kind {
        case .rdf:
            if core {
                switch local {
                case "channel":
                    parent.facts["channel"] = "yes"
                    return .known(.rdfChannel, once: true)
                case "image": return .known(.rdfImage, once: true)
                case "item": return .known(.rdfItem, once: false)
                case "textinput": return .known(.rdfTextInput, once: true)
                default: return .undefined
                }
            }
            if ns == Namespace.rdf && local == "Description" { return .open }
            if core && local == "channel" { parent.facts["channel"] = "yes" }
            if local == "channel" && (ns == Namespace.rss10 || ns == Namespace.rss090 || ns.hasPrefix("http://purl.org/rss")) {
                return .open
            }
            return extensionChild(of: parent, ns: ns, local: local, context: .other)
        case .rdfChannel:
            if core {
                switch local {
                case "title": return .known(.leaf(.plainText), once: true)
                case "link": return .known(.leaf(.fullURL), once: true)
                case "description": return .known(.leaf(.html), once: true)
                case "image": return .known(.leaf(.text), once: true)
                case "items": return .known(.rdfItems, once: true)
                case "textinput": return .known(.leaf(.text), once: true)
                default: return .undefined
                }
            }
            return extensionChild(of: parent, ns: ns, local: local, context: .channel)
        case .rdfItem:
            if core {
                switch local {
                case "title": return .known(.leaf(.plainText), once: true)
                case "link": return .known(.leaf(.fullURL), once: true)
                case "description": return .known(.leaf(.html), once: true)
                default: return .undefined
                }
            }
            return extensionChild(of: parent, ns: ns, local: local, context: .item)
        case .rdfImage:
            if core {
                switch local {
                case "title": return .known(.leaf(.plainText), once: true)
                case "link", "url": return .known(.leaf(.fullURL), once: true)
                default: return .undefined
                }
            }
            return extensionChild(of: parent, ns: ns, local: local, context: .other)
        case .rdfTextInput:
            if core {
                switch local {
                case "title", "description": return .known(.leaf(.plainText), once: true)
                case "name": return .known(.leaf(.nonBlankText), once: true)
                case "link": return .known(.leaf(.fullURL), once: true)
                default: return .undefined
                }
            }
            return extensionChild(of: parent, ns: ns, local: local, context: .other)
        case .rdfItems:
            if ns == Namespace.rdf && (local == "Seq" || local == "Bag") { return .known(.rdfSeq, once: true) }
            return .undefined
        case .rdfSeq:
            if ns == Namespace.rdf && local == "li" { return .known(.rdfLi, once: false) }
            return .undefined
        default:
            return .open
        }
    }

    /// RSS 1.0's structure carries the RDF attributes its specification names and no others:
    /// `rdf:about` on channel, item, and the image and textinput that stand alone; `rdf:resource`
    /// on their references in the channel and on each `rdf:li` (RDF's older unqualified
    /// `resource` too). Attributes of other vocabularies (`xml:lang`, extensions) are theirs.
    func rdfAttributes(_ node: Node) {
        let inChannel = parent(of: node)?.kind == .rdfChannel
        let allowed: Set<String>
        switch node.kind {
        case .rdfChannel, .rdfItem: allowed = ["about"]
        case .rdfImage, .rdfTextInput: allowed = inChannel ? ["resource"] : ["about"]
        case .rdfLi: allowed = ["resource"]
        default: allowed = []
        }
        for a in node.attributes where a.namespace == Namespace.rdf || (a.namespace == nil && node.kind == .rdfLi) {
            if allowed.contains(a.name) || (a.name == "parseType" && node.kind == .rdfItems) { continue }
            let name = a.prefix.map { "\($0):\(a.name)" } ?? a.name
            report(.unexpectedAttribute, at: node, [("parent", node.localName), ("element", name), ("attr", name)])
        }
    }

    func rdfEnd(_ node: Node) {
        if node.facts["channel"] == nil {
            report(.missingElement, at: node, [("parent", "rdf:RDF"), ("element", "channel")])
        }
    }

    func rdfChannelEnd(_ node: Node) {
        rdfCheckRequired(node)
        if coreNamespace == Namespace.rss10 && !node.seen("items") {
            report(.missingElement, at: node, [("parent", "channel"), ("element", "items")])
        }
    }

    func rdfItemEnd(_ node: Node) {
        rdfCheckRequired(node)
    }

    func rdfCheckRequired(_ node: Node) {
        let required: [String]
        switch node.kind {
        case .rdfChannel: required = ["title", "link", "description"]
        case .rdfItem: required = ["title", "link"]
        case .rdfImage: required = ["title", "url", "link"]
        case .rdfTextInput: required = ["title", "description", "name", "link"]
        default: required = []
        }
        for c in required where !node.seen(c) {
            report(.missingElement, at: node, [("parent", node.name), ("element", c)])
        }
    }
}
