import Foundation

extension FeedBuilder {
    /// Decides what an element is, from its namespace, name and the context it appears in.
    func dispatch(
        ns: NSKind, name: String, uri: String?, attributes: [ExtensionElement.Attribute],
        frame: inout Frame
    ) -> Action {
        let context = currentContext
        let isAtomNS = uri == Namespace.atom10 || (uri?.equalsIgnoringASCIICase(Namespace.atom03) ?? false)
        func attr(_ n: String) -> String? {
            attributes.first { $0.namespace == nil && $0.name.equalsIgnoringASCIICase(n) }?.value
        }

        if context == .document && frames.isEmpty {
            return root(ns: ns, name: name, attributes: attributes)
        }
        switch ns {
        case .core:
            break
        case .dc:
            switch name {
            case "title": return textField(.title, frame: &frame, attributes: attributes, defaultKind: .text)
            case "creator", "author": return .field(.personText(.author))
            case "contributor": return .field(.personText(.contributor))
            case "publisher": return .field(.personText(.publisher))
            case "subject": return .field(.category)
            case "description": return description(frame: &frame, attributes: attributes)
            case "date": return .field(.updated)
            case "rights": return textField(.rights, frame: &frame, attributes: attributes, defaultKind: .text)
            case "language": return .field(.language)
            default: return .extensionElement
            }
        case .dcterms:
            switch name {
            case "created": return .field(.created)
            case "issued": return .field(.published)
            case "modified": return .field(.updated)
            default: return .extensionElement
            }
        case .content:
            if name == "encoded", context == .entry || context == .feed {
                return textField(.content, frame: &frame, attributes: attributes, defaultKind: .html)
            }
            return .extensionElement
        case .xhtml:
            if name == "body" || name == "div", context == .entry {
                frame.kind = .xhtml
                frame.escapeText = true
                frame.attributes = attributes
                entryHasContent = true
                return .field(.content)
            }
            return .extensionElement
        case .rdf:
            return .skip
        case .other:
            return extensionNamespace(name: name, uri: uri, attributes: attributes, frame: &frame)
        }

        switch context {
        case .person:
            switch name {
            case "name": return .field(.personName)
            case "email": return .field(.personEmail)
            case "uri", "url", "homepage": return .field(.personURI)
            default: return .extensionElement
            }
        case .image:
            switch name {
            case "title": return textField(.title, frame: &frame, attributes: attributes, defaultKind: .text)
            case "url", "href": return .field(.imageURL)
            case "link": return .field(.link)
            case "width": return .field(.imageWidth)
            case "height": return .field(.imageHeight)
            case "description": return textField(.subtitle, frame: &frame, attributes: attributes, defaultKind: .html)
            default: return .extensionElement
            }
        case .textInput:
            switch name {
            case "title": return textField(.title, frame: &frame, attributes: attributes, defaultKind: .text)
            case "link": return .field(.link)
            case "name": return .field(.textInputName)
            case "description": return textField(.subtitle, frame: &frame, attributes: attributes, defaultKind: .html)
            default: return .extensionElement
            }
        default:
            break
        }

        let inEntry = context == .entry
        switch name {
        case "channel":
            return .context(.feed)
        case "item", "entry":
            return context == .entry ? .extensionElement : .context(.entry)
        case "items":
            return .skipSubtree
        case "title":
            return textField(.title, frame: &frame, attributes: attributes, defaultKind: .text)
        case "subtitle", "tagline":
            return textField(.subtitle, frame: &frame, attributes: attributes, defaultKind: .text)
        case "description":
            return description(frame: &frame, attributes: attributes)
        case "summary", "abstract":
            if !inEntry { return textField(.subtitle, frame: &frame, attributes: attributes, defaultKind: .text) }
            return summaryField(frame: &frame, attributes: attributes, defaultKind: .text)
        case "content", "body", "fullitem":
            guard inEntry || context == .feed else { return .extensionElement }
            entryHasContent = true
            return textField(.content, frame: &frame, attributes: attributes, defaultKind: name == "content" ? .text : .html)
        case "rights", "copyright":
            return textField(.rights, frame: &frame, attributes: attributes, defaultKind: .text)
        case "info":
            return inEntry ? .extensionElement : textField(.info, frame: &frame, attributes: attributes, defaultKind: .text)
        case "id":
            return .field(.id)
        case "guid":
            return .field(.guid)
        case "link":
            if let href = attr("href") ?? attr("url") {
                addLink(href: href, attributes: attributes, base: frame.base)
                return .skip
            }
            if isAtomNS && feed.dialect.isAtom { addLink(href: nil, attributes: attributes, base: frame.base); return .skip }
            return .field(.link)
        case "updated", "modified", "lastbuilddate":
            return .field(.updated)
        case "published", "issued", "pubdate":
            return .field(.published)
        case "created":
            return .field(.created)
        case "expirationdate":
            return .field(.expired)
        case "author", "managingeditor":
            return .context(.person(.author))
        case "contributor":
            return .context(.person(.contributor))
        case "webmaster", "publisher":
            return .context(.person(.publisher))
        case "category":
            if let term = attr("term") {
                addCategory(Category(term: term, scheme: attr("scheme") ?? attr("domain"), label: attr("label")))
                return .skip
            }
            frame.attributes = attributes
            return .field(.category)
        case "enclosure":
            if let url = attr("url") ?? attr("href") {
                var link = Link(href: resolveLink(url, against: frame.base), rel: "enclosure")
                link.type = attr("type")
                link.length = attr("length")
                addLink(link)
            }
            return .skip
        case "comments":
            return .field(.comments)
        case "source":
            if inEntry && (isAtomNS || feed.dialect.isAtom) { return .context(.source) }
            return inEntry ? .field(.rssSource) : .extensionElement
        case "generator":
            return .field(.generator)
        case "icon":
            return .field(.icon)
        case "logo":
            return .field(.logo)
        case "language":
            return .field(.language)
        case "ttl":
            return .field(.ttl)
        case "docs":
            return .field(.docs)
        case "image":
            return inEntry ? .extensionElement : .context(.image)
        case "textinput":
            return inEntry ? .extensionElement : .context(.textInput)
        case "cloud":
            var cloud: [String: String] = [:]
            for a in attributes where a.namespace == nil { cloud[a.name.lowercased()] = a.value }
            modifyHeader { $0.cloud = cloud }
            return .skip
        case "skiphours", "skipdays":
            return .skip
        case "tags" where inEntry:
            // A made-up but common element: comma-separated keywords.
            return .field(.keywords)
        case "hour":
            return .field(.skipHour)
        case "day":
            return .field(.skipDay)
        default:
            return .extensionElement
        }
    }

    /// Elements of the extension vocabularies that carry core data (iTunes, Media RSS, Creative
    /// Commons); the rest are kept as extension elements.
    private func extensionNamespace(
        name: String, uri: String?, attributes: [ExtensionElement.Attribute],
        frame: inout Frame
    ) -> Action {
        let context = currentContext
        func attr(_ n: String) -> String? { attributes.first { $0.namespace == nil && $0.name.equalsIgnoringASCIICase(n) }?.value }
        switch uri.flatMap(Namespace.feedparserPrefix) {
        case "itunes":
            switch name {
            case "author": return .context(.person(.author))
            case "owner": return .context(.person(.publisher))
            case "name" where isPersonContext: return .field(.personName)
            case "email" where isPersonContext: return .field(.personEmail)
            case "subtitle" where context == .feed: return textField(.subtitle, frame: &frame, attributes: attributes, defaultKind: .text)
            case "summary":
                if context == .entry { return summaryField(frame: &frame, attributes: attributes, defaultKind: .text) }
                return textField(.subtitle, frame: &frame, attributes: attributes, defaultKind: .text)
            case "keywords":
                frame.attributes = [.init(name: "scheme", value: "http://www.itunes.com/")]
                return .field(.keywords)
            case "category":
                if let text = attr("text"), !text.isEmpty { addCategory(Category(term: text, scheme: "http://www.itunes.com/")) }
                return .skip
            case "image", "link":
                if context == .feed, let href = attr("href") ?? attr("url") {
                    var image = Image()
                    image.url = resolveLink(href, against: frame.base)
                    feed.image = image
                    return .skip
                }
                return .extensionElement
            default: return .extensionElement
            }
        case "media":
            switch name {
            case "group": return .skip  // a wrapper: its children are read as if it were not there
            case "title": return textField(.title, frame: &frame, attributes: attributes, defaultKind: .text)
            case "description": return description(frame: &frame, attributes: attributes)
            case "category":
                frame.attributes = attributes
                if attr("scheme") == nil { frame.attributes.append(.init(name: "scheme", value: "http://search.yahoo.com/mrss/category_schema")) }
                return .field(.category)
            case "keywords":
                return .field(.keywords)
            default: return .extensionElement
            }
        case "feedburner":
            // The note FeedBurner shows people who open the feed in a browser.
            if name == "browserfriendly", context == .feed {
                return textField(.info, frame: &frame, attributes: attributes, defaultKind: .text)
            }
            return .extensionElement
        case "cc", "creativeCommons":
            guard name == "license" else { return .extensionElement }
            if let resource = attributes.first(where: { $0.name == "resource" })?.value {
                addLink(Link(href: resource, rel: "license"))
                return .skip
            }
            return .field(.license)
        default:
            return .extensionElement
        }
    }

    private var isPersonContext: Bool {
        if case .person = currentContext { return true }
        return false
    }

    private func root(ns: NSKind, name: String, attributes: [ExtensionElement.Attribute]) -> Action {
        let version = attributes.first { $0.namespace == nil && $0.name.equalsIgnoringASCIICase("version") }?.value ?? ""
        switch (ns, name) {
        case (.core, "rss"):
            if !feed.dialect.isRSS {
                switch version {
                case "0.91": feed.dialect = .rss091u
                case "0.92": feed.dialect = .rss092
                case "0.93": feed.dialect = .rss093
                case "0.94": feed.dialect = .rss094
                default: feed.dialect = version.hasPrefix("2.") || version == "2" ? .rss20 : .rss
                }
            }
            return .skip
        case (.core, "feed"):
            if feed.dialect == .unknown {
                switch version {
                case "0.1": feed.dialect = .atom01
                case "0.2": feed.dialect = .atom02
                case "0.3": feed.dialect = .atom03
                default: feed.dialect = .atom
                }
            }
            return .context(.feed)
        case (.core, "channel"):
            if feed.dialect == .unknown { feed.dialect = .cdf }
            return .context(.feed)
        case (.rdf, _):
            return .skip
        default:
            return .skip
        }
    }

    private func description(frame: inout Frame, attributes: [ExtensionElement.Attribute]) -> Action {
        if currentContext == .entry { return summaryField(frame: &frame, attributes: attributes, defaultKind: .html) }
        return textField(.subtitle, frame: &frame, attributes: attributes, defaultKind: .html)
    }

    /// A second summary-like element in an entry that has no content yet is its content.
    private func summaryField(frame: inout Frame, attributes: [ExtensionElement.Attribute], defaultKind: Text.Kind) -> Action {
        if entry.summary != nil && !entryHasContent {
            entryHasContent = true
            return textField(.content, frame: &frame, attributes: attributes, defaultKind: defaultKind)
        }
        return textField(.summary, frame: &frame, attributes: attributes, defaultKind: defaultKind)
    }

    /// Starts a text construct: its kind from `type` (and Atom 0.3's `mode`), or the default.
    func textField(_ field: Field, frame: inout Frame, attributes: [ExtensionElement.Attribute], defaultKind: Text.Kind) -> Action {
        var type: String?
        var mode: String?
        for a in attributes where a.namespace == nil {
            switch a.name.isLowercaseASCII ? a.name : a.name.lowercased() {
            case "type": type = a.value.lowercased()
            case "mode": mode = a.value.lowercased()
            default: continue
            }
        }
        frame.kind = type.map { Text.Kind(typeAttribute: $0) } ?? defaultKind
        if mode == "base64" {
            frame.base64 = true
        } else if case .other(let mime) = frame.kind {
            frame.base64 = !(mime.hasPrefix("text/") || mime.hasSuffix("+xml") || mime.hasSuffix("/xml"))
        }
        if mode == "xml" && type == nil { frame.kind = .xhtml }
        if field == .content, let src = attributes.first(where: { $0.namespace == nil && $0.name.equalsIgnoringASCIICase("src") })?.value {
            frame.attributes = attributes
            frame.contentSource = resolveLink(src, against: frame.base)
        }
        frame.escapeText = frame.kind == .xhtml
        frame.attributes = attributes
        return .field(field)
    }

    func addLink(href: String?, attributes: [ExtensionElement.Attribute], base: String?) {
        var link = Link(href: href.map { resolveLink($0, against: base) } ?? "")
        for a in attributes where a.namespace == nil {
            switch a.name.isLowercaseASCII ? a.name : a.name.lowercased() {
            case "rel": link.rel = a.value.isLowercaseASCII ? a.value : a.value.lowercased()
            case "type": link.type = a.value.isLowercaseASCII ? a.value : a.value.lowercased()
            case "title": link.title = a.value
            case "hreflang": link.hreflang = a.value
            case "length": link.length = a.value
            default: continue
            }
        }
        if link.rel.isEmpty { link.rel = "alternate" }
        addLink(link)
    }

    func addLink(_ link: Link) {
        switch owner {
        case .entry: entry.links.append(link)
        case .source: source.links.append(link)
        default:
            if currentContext == .image || currentContext == .textInput { return }
            feed.header.links.append(link)
        }
    }

    func addCategory(_ category: Category) {
        if owner == .entry {
            if !entry.categories.contains(category) { entry.categories.append(category) }
        } else {
            modifyHeader { if !$0.categories.contains(category) { $0.categories.append(category) } }
        }
    }
}
