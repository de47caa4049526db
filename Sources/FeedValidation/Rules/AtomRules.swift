import Foundation
import Syndication

/// Atom 1.0, by RFC 4287 section: the feed, entry and source containers (4.1), text constructs
/// (3.1), persons (3.2), dates (3.3), and the metadata elements (4.2).
extension Run {
    private static let feedChildren: [String: (Kind, Bool)] = [
        "author": (.atomPerson, false), "category": (.atomCategory, false), "contributor": (.atomPerson, false),
        "generator": (.atomGenerator, true), "icon": (.atomURI, true), "id": (.atomID, true),
        "link": (.atomLink, false), "logo": (.atomURI, true), "rights": (.atomText, true),
        "subtitle": (.atomText, true), "title": (.atomText, true), "updated": (.atomDate, true),
    ]
    private static let entryChildren: [String: (Kind, Bool)] = [
        "author": (.atomPerson, false), "category": (.atomCategory, false), "content": (.atomContent, true),
        "contributor": (.atomPerson, false), "id": (.atomID, true), "link": (.atomLink, false),
        "published": (.atomDate, true), "rights": (.atomText, true), "source": (.atomSource, true),
        "summary": (.atomText, true), "title": (.atomText, true), "updated": (.atomDate, true),
    ]
    private static let personChildren: [String: (Kind, Bool)] = [
        "name": (.atomPersonName, true), "uri": (.atomPersonURI, true), "email": (.atomPersonEmail, true),
    ]

    static let registeredRels: Set<String> = [
        "alternate", "related", "self", "enclosure", "via", "first", "last", "next", "previous", "prev",
        "prev-archive", "next-archive", "current", "replies", "license", "edit", "edit-media", "payment",
        "hub", "service", "search", "describedby", "up", "help", "icon", "index", "latest-version",
        "predecessor-version", "successor-version", "version-history", "working-copy", "working-copy-of",
        "alternate-archive", "archives", "author", "bookmark", "canonical", "copyright", "duplicate", "glossary",
        "license", "lrdd", "monitor", "monitor-group", "nofollow", "noreferrer", "pingback", "prefetch",
        "profile", "stylesheet", "tag", "edit-form", "create-form", "type", "item", "collection", "memento",
    ]
    private static let historyRels: Set<String> = ["first", "last", "next", "previous", "prev-archive", "next-archive", "current"]

    func atomChild(of parent: Node, ns: String, local: String, name: String, line: Int, column: Int) -> ChildDecision {
        if ns.isEmpty, !coreNamespace.isEmpty, [.atomFeed, .atomEntry, .atomSource, .atomPerson].contains(parent.kind) {
            // RFC 4287 §6.4 allows any element outside the Atom namespace, this one included;
            // but in no namespace at all, no reader can tell whose vocabulary it is.
            report(.undeterminableVocabulary, line: line, column: column, [("parent", parent.name), ("element", name)])
            return .open
        }
        switch parent.kind {
        case .atomFeed, .atomEntry, .atomSource:
            if ns == Namespace.atom10 {
                let table = parent.kind == .atomEntry ? Run.entryChildren : Run.feedChildren
                if let (kind, once) = table[local] {
                    if parent.kind == .atomFeed && parent.seen("entry") {
                        // The W3C's rule, not RFC 4287's (its schema interleaves): a reader that
                        // streams entries has shown them before the feed's own metadata came.
                        report(.misplacedMetadata, line: line, column: column, [("parent", parent.name), ("element", name)])
                    }
                    return .known(kind, once: once)
                }
                if parent.kind == .atomFeed && local == "entry" { return .known(.atomEntry, once: false) }
                return .undefined
            }
            return extensionChild(of: parent, ns: ns, local: local, context: parent.kind == .atomEntry ? .entry : .feed)
        case .atomPerson:
            if ns == Namespace.atom10 {
                if let (kind, once) = Run.personChildren[local] { return .known(kind, once: once) }
                return .undefined
            }
            return extensionChild(of: parent, ns: ns, local: local, context: .other)
        case .atomText, .atomContent:
            let type = parent.facts["type"] ?? "text"
            if type == "xhtml" {
                if parent.childElements == 1 && ns == Namespace.xhtml && local == "div" {
                    parent.facts["div"] = "yes"
                    return .known(.xhtml, once: false)
                }
                if parent.facts["div"] == nil && parent.facts["reportedDiv"] == nil {
                    parent.facts["reportedDiv"] = "yes"
                    report(.missingXhtmlDiv, line: line, column: column, names(parent))
                    if parent.childElements == 1 && local == "div" && ns != Namespace.xhtml {
                        // The wrapper written without the XHTML namespace: its markup is not XHTML.
                        report(.notHtml, line: line, column: column, names(parent))
                    }
                }
                return ns == Namespace.xhtml ? .known(.xhtml, once: false) : .open
            }
            if type == "text" || type == "html" {
                if parent.attribute("mode") == "escaped" {
                    // Atom 0.3's escaped mode, with the markup not escaped after all.
                    if parent.facts["notEscaped"] == nil {
                        parent.facts["notEscaped"] = "yes"
                        report(.notEscaped, line: line, column: column, names(parent))
                    }
                } else {
                    report(.undefinedElement, line: line, column: column, [("parent", parent.name), ("element", name)])
                }
                return .open
            }
            return .open
        case .xhtml:
            if ns == Namespace.xhtml { return .known(.xhtml, once: false) }
            if ns == "http://www.w3.org/1998/Math/MathML" || ns == "http://www.w3.org/2000/svg" {
                return .known(.foreignMarkup, once: false)
            }
            if !reportedNamespaces.contains(ns) {
                reportedNamespaces.insert(ns)
                report(.unknownNamespace, line: line, column: column, [("element", name), ("namespace", ns)])
            }
            return .open
        case .foreignMarkup:
            return .known(.foreignMarkup, once: false)
        default:
            if ns != Namespace.atom10 && ns != coreNamespace { return .open }
            return .undefined
        }
    }

    // MARK: Containers

    func atomFeedEnd(_ node: Node) {
        requireChildren(node, ["id", "title", "updated"])
        if !node.seen("author") && !(stack.first === node && node.localName == "entry") {
            for position in entriesWithoutAuthor {
                report(.missingElement, line: position.line, column: position.column, [("parent", "entry"), ("element", "author")])
            }
        }
        if entryIDs.count >= 3 && Set(entryIDs).count == 1 {
            report(.duplicateIds, at: node, [("parent", "feed"), ("element", "id"), ("value", entryIDs[0])])
        }
        if complete, let current = node.facts["currentHref"], current != node.facts["selfHref"] {
            report(.currentNotSelfInCompleteFeed, at: node, [("parent", "feed"), ("element", "link")])
        }
        checkArchive(node)
        if stack.first === node { checkItunesChannel(node, language: node.attribute("lang", namespace: Namespace.xml) != nil) }
        if stack.first === node && !sawSelfLink && node.localName == "feed" {
            // RFC 4287 recommends it, and readers need it to know where the feed lives.
            report(.missingSelf, at: node, [("element", "link"), ("parent", "feed")])
        }
    }

    func atomEntryEnd(_ node: Node) {
        requireChildren(node, ["id", "title", "updated"])
        let hasAuthor = node.seen("author") || node.facts["sourceAuthor"] != nil
        if !hasAuthor {
            if stack.count == 1 {
                report(.missingElement, at: node, [("parent", "entry"), ("element", "author")])
            } else {
                entriesWithoutAuthor.append((node.line, node.column))
            }
        }
        let inFeed: [(String, String)] = [("parent", parent(of: node)?.name ?? "feed"), ("element", "entry")]
        if !node.seen("content") && node.facts["alternate"] == nil {
            report(.missingContentOrAlternate, at: node, inFeed)
        }
        if node.facts["needsSummary"] != nil && !node.seen("summary") {
            report(.missingSummary, at: node, inFeed)
        }
        if !node.seen("content") && !node.seen("summary") && family == .atom {
            report(.missingTextualContent, at: node, inFeed)
        }
        if let id = node.facts["id"] {
            let key = id + "\u{0}" + (node.facts["updated"] ?? "")
            if entryKeys.contains(key) {
                report(.duplicateEntries, at: node, [("parent", "entry"), ("element", "id"), ("value", id)])
            } else if stack.count > 1, let updated = node.facts["updated"], !entryUpdates.insert(updated).inserted {
                // RFC 4287 §3.3: dates as accurate as possible; two entries of one instant are
                // most often a publishing system's default.
                report(.duplicateUpdated, at: node, [("parent", "entry"), ("element", "updated"), ("value", updated)])
            }
            entryKeys.insert(key)
            entryIDs.append(id)
        }
    }

    /// RFC 5005 §4: an archive document links its subscription document (`current`), and the
    /// archives beside it (`prev-archive`, `next-archive`) unless it is the whole feed.
    func checkArchive(_ node: Node) {
        guard archive && !complete else { return }
        let p = [("parent", node.name), ("element", "link")]
        if node.facts["rel:current"] == nil { report(.missingCurrentInArchive, at: node, p + [("rel", "current")]) }
        if node.facts["rel:prev-archive"] == nil && node.facts["rel:next-archive"] == nil {
            report(.archiveIncomplete, at: node, p + [("rel", "prev-archive")])
        }
    }

    func atomSourceEnd(_ node: Node) {
        for c in ["id", "title", "updated"] where !node.seen(displayName(namespace: Namespace.atom10, prefix: nil, local: c)) {
            report(.missingSourceElement, at: node, [("parent", "source"), ("element", c)])
        }
        if node.seen("author"), let entry = parent(of: node) { entry.facts["sourceAuthor"] = "yes" }
    }

    func atomPersonEnd(_ node: Node) {
        requireChildren(node, ["name"])
    }

    func requireChildren(_ node: Node, _ children: [String]) {
        for c in children where !node.seen(displayName(namespace: Namespace.atom10, prefix: nil, local: c)) {
            report(.missingElement, at: node, [("parent", node.name), ("element", c)])
        }
    }

    // MARK: Values

    func plainTextEnd(_ node: Node, blankIsWarning: Bool) {
        let value = node.value
        if blankIsWarning && Values.trimmed(value).isEmpty {
            report(.notBlank, at: node, names(node))
            return
        }
        checkNoHTML(node, value)
    }

    /// Text that must not be HTML: an end tag of a known element, or a character reference
    /// that survived decoding (escaped twice), gives `ContainsHTML`.
    func checkNoHTML(_ node: Node, _ value: String, code: MessageClass = .containsHTML, params: [(String, String)]? = nil) {
        guard value.utf8.contains(60) || value.utf8.contains(38) else { return }
        if let tag = HTMLChecks.knownEndTag(value) {
            report(code, at: node, (params ?? names(node)) + [("value", tag)])
        } else if let entity = HTMLChecks.entityReference(value) {
            // Hexadecimal references where the text was written are the RSS Profile's advice for
            // a literal ampersand: not HTML.
            let raw = rawLines(from: node.line, to: driver.position.line)
            if !raw.containsSubsequence(Array("&#x".utf8)) {
                report(code, at: node, (params ?? names(node)) + [("value", entity)])
            }
        } else if family == .rss2, code == .containsHTML, !node.cdata, node.namespace == coreNamespace || node.namespace.isEmpty,
            Self.looksLikeATag(value), let raw = rawContent(of: node), raw.containsSubsequence(Array("&lt;".utf8))
        {
            // The RSS Best Practices Profile: a "<" in plain text is best written as the hexadecimal
            // reference &#x3C;; written &lt; before a letter, readers that treat titles as HTML see
            // the start of a tag.
            report(.characterData, at: node, names(node))
        }
    }

    /// Whether decoded text holds "<" followed by a letter, "/" or "!": a tag to an HTML reader.
    static func looksLikeATag(_ value: String) -> Bool {
        let u = Array(value.utf8)
        return u.indices.dropLast().contains { i in u[i] == 60 && (Values.isAlpha(u[i + 1]) || u[i + 1] == 47 || u[i + 1] == 33) }
    }

    /// The element's content as written in the document (between its start and end tags), when
    /// both are found on the lines it spans.
    func rawContent(of node: Node) -> ArraySlice<UInt8>? {
        let raw = rawLines(from: node.line, to: driver.position.line)
        guard let end = raw.lastRange(of: Array("</\(node.name)>".utf8)) else { return nil }
        let before = raw[..<end.lowerBound]
        let open = Array("<\(node.name)".utf8)
        guard
            let start = before.lastRange(
                of: open,
                where: { r in r.upperBound < before.endIndex && [62, 32, 9, 10, 13].contains(before[r.upperBound]) }),
            let close = before[start.upperBound...].firstIndex(of: 62)
        else { return nil }
        return before[(close + 1)...]
    }

    func atomEmailEnd(_ node: Node) {
        if !Values.isAddrSpec(Values.trimmed(node.value)) {
            report(.invalidAddrSpec, at: node, names(node) + [("value", node.value)])
        }
    }

    /// A person's name: not blank, not HTML, and not an e-mail address (that has its element).
    func atomNameEnd(_ node: Node) {
        plainTextEnd(node, blankIsWarning: true)
        if AtomValues.containsEmail(node.value) {
            report(.containsEmail, at: node, names(node))
        }
    }

    /// icon, logo and a person's uri: an IRI reference.
    func atomURIEnd(_ node: Node) {
        let value = node.value
        if Values.hasOuterWhitespace(value) && !Values.trimmed(value).isEmpty {
            report(.unexpectedWhitespace, at: node, names(node))
            return
        }
        checkIRI(value, at: node, params: names(node), blankCode: .notBlank)
    }

    /// An IRI reference: `InvalidIRI` (an `InvalidLink`), `InvalidUriChar` for whitespace.
    func checkIRI(_ value: String, at node: Node, params: [(String, String)], blankCode: MessageClass? = nil, full: Bool = false) {
        if value.isEmpty {
            // An empty reference is the document itself: never a full (absolute) IRI.
            if let blankCode {
                report(blankCode, at: node, params)
            } else if full {
                report(.invalidFullLink, at: node, params + [("value", value)])
            }
            return
        }
        switch URIs.referenceProblem(value) {
        case .whitespace?, .badCharacter?:
            report(.invalidUriChar, at: node, params + [("value", value)])
        case .badEscape?:
            report(.invalidIRI, at: node, params + [("value", value)])
        case nil:
            if let sch = URIs.scheme(value), sch == "http" || sch == "https" || sch == "ftp", !URIs.isAbsolute(value) {
                report(.invalidIRI, at: node, params + [("value", value)])
            } else if full && !URIs.isAbsolute(value) {
                report(.invalidFullLink, at: node, params + [("value", value)])
            }
        }
    }

    func atomDateEnd(_ node: Node) {
        let value = node.value
        if Values.hasOuterWhitespace(value) {
            report(.unexpectedWhitespace, at: node, names(node))
        }
        let trimmed = Values.trimmed(value)
        if !Values.isRFC3339(trimmed) {
            report(.invalidRFC3339Date, at: node, names(node) + [("value", trimmed)])
        } else if let year = Int(trimmed.prefix(4)), year < 1970 || year > 2100 {
            report(.implausibleDate, at: node, names(node) + [("value", trimmed)])
        }
        if node.localName == "updated", let entry = parent(of: node), entry.kind == .atomEntry { entry.facts["updated"] = trimmed }
    }

    func atomIDEnd(_ node: Node) {
        let value = node.value
        if Values.hasOuterWhitespace(value) && !Values.trimmed(value).isEmpty {
            report(.unexpectedWhitespace, at: node, names(node))
            return
        }
        checkIdentifier(value, at: node, params: names(node))
        if let entry = parent(of: node), entry.kind == .atomEntry { entry.facts["id"] = value }
    }

    /// An identifier that must be an absolute IRI: tag: and urn: are checked by their own rules,
    /// and ids should be in canonical form.
    func checkIdentifier(_ value: String, at node: Node, params: [(String, String)]) {
        let scheme = URIs.scheme(value)
        if scheme == "tag" {
            if !URIs.isValidTag(value) { report(.invalidTAG, at: node, params + [("value", value)]) }
            return
        }
        if scheme == "urn" {
            switch URIs.urnProblem(value) {
            case .nid?: report(.invalidURN, at: node, params + [("value", value)])
            case .nss?: report(.invalidNSS, at: node, params + [("value", value)])
            case .uuid?: report(.invalidUUID, at: node, params + [("value", value)])
            case nil: break
            }
            return
        }
        let problem = URIs.referenceProblem(value)
        if problem != nil || !URIs.isAbsolute(value) {
            report(problem == .badCharacter ? .invalidUriChar : .invalidFullLink, at: node, params + [("value", value)])
            return
        }
        if !URIs.isCanonical(value) { report(.nonCanonicalURI, at: node, params + [("value", value)]) }
    }

    // MARK: Links, categories, generator

    /// The xml:base in effect at the open element (each one resolved against the one outside
    /// it), if any was given.
    func xmlBase() -> String? {
        var base: String?
        for n in stack {
            guard let value = n.attribute("base", namespace: Namespace.xml) else { continue }
            base = URIResolver.resolve(value, against: base)
        }
        return base
    }

    /// A reference that resolves to the xml:base in effect (RFC 3986 §4.4: a same-document
    /// reference) when that base is not this document: readers differ on what it names. The
    /// document's location is known for a URL or `--base`; otherwise a base that ends in "/"
    /// names a directory, never the feed.
    func checkSameDocumentReference(_ href: String, at node: Node, params: [(String, String)]) {
        // Only a reference whose path is empty, made of dot-segments or a directory can come back
        // to a directory; with the location known, any relative one may name the document.
        let path = href.utf8.prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        let candidate =
            path.isEmpty || path.last == UInt8(ascii: "/") || path.allSatisfy { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "/") }
        guard candidate || !locations.isEmpty, URIs.scheme(href) == nil, let base = xmlBase(), URIs.isAbsolute(base) else { return }
        func withoutFragment(_ u: String) -> Substring { u.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0] }
        let target = withoutFragment(base)
        guard withoutFragment(URIResolver.resolve(href, against: base)) == target else { return }
        let isDocument: Bool
        if locations.isEmpty {
            // A document has a name: a base whose path is empty or ends in "/" is a directory.
            let path = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
            let afterAuthority = path.range(of: "://").map { path[$0.upperBound...].drop { $0 != "/" } } ?? path
            isDocument = !afterAuthority.isEmpty && afterAuthority.last != "/"
        } else {
            isDocument = Run.comparable(base).map(locations.contains) ?? false
        }
        if !isDocument { report(.sameDocumentReference, at: node, params) }
    }

    func atomLinkStart(_ node: Node) {
        guard let parent = parent(of: node) else { return }
        let p = parent.name
        let rel = node.attribute("rel")
        if let rel, rel.isEmpty {
            report(.attrNotBlank, at: node, [("parent", p), ("element", "link"), ("attr", "rel")])
        } else if let rel, URIs.scheme(rel) == nil || rel.contains(" "), !Run.registeredRels.contains(rel) {
            // Not an IANA-registered name, and not an absolute IRI of its own.
            report(.unregisteredAtomLinkRel, at: node, [("parent", p), ("element", "link"), ("attr", "rel"), ("value", rel)])
        }
        let relation = rel ?? "alternate"
        if let href = node.attribute("href") {
            checkIRI(href, at: node, params: [("parent", p), ("element", "href"), ("attr", "href")])
            checkSameDocumentReference(href, at: node, params: [("parent", p), ("element", "href"), ("value", href)])
            if relation == "self" || relation == "http://www.iana.org/assignments/relation/self" {
                sawSelfLink = true
                parent.facts["selfHref"] = href
                if URIs.scheme(href) == nil {
                    report(.relativeSelf, at: node, [("parent", p), ("element", "link"), ("value", href)])
                } else if !locations.isEmpty, let own = Run.comparable(href), !locations.contains(own),
                    parent.kind == .atomFeed || parent.kind == .channel
                {
                    // RFC 4287 §4.2.7.2: "self" identifies the resource equivalent to this document.
                    report(.selfDoesntMatchLocation, at: node, [("parent", p), ("element", "link"), ("value", href)])
                }
                if family == .atom, let type = node.attribute("type"), type != "application/atom+xml" {
                    report(.selfNotAtom, at: node, [("parent", p), ("element", "link"), ("value", type)])
                }
            }
            if relation == "current" { parent.facts["currentHref"] = href }
        } else {
            report(.missingHref, at: node, [("parent", p), ("element", "link"), ("attr", "href")])
        }
        if let type = node.attribute("type") {
            if !isMIMEType(type) {
                report(.invalidMIMEType, at: node, [("parent", p), ("element", "link"), ("attr", "type"), ("value", type)])
            }
        }
        if let lang = node.attribute("hreflang"), !Values.isLanguageTag(lang) {
            report(.invalidLanguage, at: node, [("parent", p), ("element", "hreflang"), ("value", lang)])
        }
        if let title = node.attribute("title") {
            if title.isEmpty {
                report(.attrNotBlank, at: node, [("parent", p), ("element", "link"), ("attr", "title")])
            } else {
                checkNoHTML(node, title, params: [("parent", p), ("element", "link")])
            }
        }
        if let length = node.attribute("length"), !Values.isNonNegativeInteger(length) {
            report(.invalidNonNegativeInteger, at: node, [("parent", p), ("element", "length"), ("value", length)])
        }
        for a in node.attributes where a.namespace == Namespace.thr {
            let element = "thr:" + a.name
            switch a.name {
            case "count":
                if !Values.isNonNegativeInteger(a.value) {
                    report(.invalidInteger, at: node, [("parent", p), ("element", element), ("value", a.value)])
                }
            case "updated":
                if !Values.isRFC3339(a.value) { report(.invalidRFC3339Date, at: node, [("parent", p), ("element", element), ("value", a.value)]) }
            case "when":
                report(.noThrWhen, at: node, [("parent", p), ("element", element)])
            default:
                break
            }
        }
        if Run.historyRels.contains(relation) {
            parent.facts["rel:" + relation] = "yes"
            if parent.kind == .atomEntry {
                report(.feedHistoryRelInEntry, at: node, [("parent", p), ("element", "link"), ("rel", relation)])
            } else if complete && relation != "current" {
                report(.feedRelInCompleteFeed, at: node, [("parent", p), ("element", "link"), ("rel", relation)])
            }
        }
        if relation == "alternate" {
            parent.facts["alternate"] = "yes"
            let key = "links:" + (node.attribute("type") ?? "") + "|" + (node.attribute("hreflang") ?? "")
            if parent.facts[key] != nil {
                report(.duplicateAtomLink, at: node, [("parent", p), ("element", "link")])
            }
            parent.facts[key] = "yes"
        }
    }

    func atomLinkEnd(_ node: Node) {
        if !Values.trimmed(node.value).isEmpty {
            report(.atomLinkNotEmpty, at: node, names(node))
        }
    }

    func atomCategoryStart(_ node: Node) {
        let p = [("parent", "category")]
        if node.attribute("term") == nil {
            report(.missingAttribute, at: node, [("element", "category"), ("attr", "term")])
        }
        if let scheme = node.attribute("scheme") {
            checkIRI(scheme, at: node, params: p + [("element", "scheme")], full: true)
        }
        if let label = node.attribute("label") {
            checkNoHTML(node, label, params: p + [("element", "label")])
        }
    }

    func atomGeneratorStart(_ node: Node) {
        guard let parent = parent(of: node) else { return }
        if let uri = node.attribute("uri") {
            checkIRI(uri, at: node, params: [("parent", parent.name), ("element", "generator"), ("attr", "uri")])
        }
    }

    func atomGeneratorEnd(_ node: Node) {
        plainTextEnd(node, blankIsWarning: true)
    }

    // MARK: Text constructs and content

    func atomTextStart(_ node: Node) {
        guard let parent = parent(of: node) else { return }
        var type = "text"
        if let t = node.attribute("type") {
            if t.isEmpty {
                report(.attrNotBlank, at: node, names(node) + [("attr", "type")])
            } else {
                switch t.lowercased() {
                case "text": type = "text"
                case "html": type = "html"
                case "xhtml": type = "xhtml"
                case "text/plain", "text/html", "application/xhtml+xml":
                    if node.kind == .atomText {
                        // Atom 0.3's MIME types: Atom 1.0 names the three kinds instead.
                        report(.invalidTextType, at: node, names(node) + [("attr", "type"), ("value", t)])
                        type = t == "text/plain" ? "text" : (t == "text/html" ? "html" : "xhtml")
                    } else {
                        type = t == "text/plain" ? "text" : (t == "text/html" ? "html" : "xhtml")
                    }
                default:
                    if node.kind == .atomContent && isMIMEType(t) {
                        type = t.lowercased()
                    } else if node.kind == .atomContent || !t.contains("/") {
                        // Neither one of the three kinds nor a MIME type at all.
                        report(.invalidMIMEType, at: node, names(node) + [("attr", "type"), ("value", t)])
                        type = node.kind == .atomContent ? "other" : "text"
                    } else {
                        report(.invalidTextType, at: node, names(node) + [("attr", "type"), ("value", t)])
                    }
                }
            }
        }
        node.facts["type"] = type
        if node.kind == .atomContent {
            if let t = node.attribute("type"), ["text/html", "application/xhtml+xml"].contains(t.lowercased()) {
                // A whole-document MIME type for what is a fragment: "html" / "xhtml" say it.
                report(.htmlFragment, at: node, [("parent", parent.name), ("element", "content"), ("value", t)])
            }
            if let src = node.attribute("src") {
                if node.attribute("type") == nil {
                    report(.missingTypeAttr, at: node, [("parent", parent.name), ("element", "content"), ("attr", "type")])
                }
                // RFC 4287 §4.1.3.1: with src, a MIME media type (text/plain is one), not a kind.
                if let t = node.attribute("type"), ["text", "html", "xhtml"].contains(t.lowercased()) {
                    report(.invalidMIMEType, at: node, [("parent", parent.name), ("element", "content"), ("attr", "type"), ("value", t)])
                }
                checkIRI(src, at: node, params: [("parent", parent.name), ("element", "content"), ("attr", "src")])
                parent.facts["needsSummary"] = "yes"
            } else if !["text", "html", "xhtml", "other"].contains(type) && !type.hasPrefix("text/")
                && !type.hasSuffix("+xml") && !type.hasSuffix("/xml")
            {
                parent.facts["needsSummary"] = "yes"
            }
        }
    }

    func atomTextEnd(_ node: Node) {
        let type = node.facts["type"] ?? "text"
        let value = node.value
        let params = names(node)
        if node.kind == .atomContent, node.attribute("src") != nil {
            if !Values.trimmed(value).isEmpty || node.childElements > 0 {
                report(.unexpectedText, at: node, params)
            }
            return
        }
        switch type {
        case "text":
            if node.localName == "title" && Values.trimmed(value).isEmpty && node.childElements == 0 {
                report(.notBlank, at: node, params)
            } else if let tag = HTMLChecks.knownTag(value) {
                report(.containsUndeclaredHTML, at: node, params + [("value", tag)])
            }
        case "html":
            checkEscapedHTML(node, value, params: params)
        case "xhtml":
            if node.childElements == 0 {
                if node.cdata || HTMLChecks.knownTag(value) != nil || HTMLChecks.knownEndTag(value) != nil {
                    report(.notInline, at: node, params)
                } else {
                    report(.missingXhtmlDiv, at: node, params)
                }
            } else if node.facts["div"] == nil {
                if node.facts["reportedDiv"] == nil { report(.missingXhtmlDiv, at: node, params) }
            } else if !Values.trimmed(value).isEmpty {
                // Text beside the wrapper div.
                report(.missingXhtmlDiv, at: node, params)
            } else if node.facts["escapedMarkup"] != nil {
                report(.notInline, at: node, params)
            }
        default:
            if type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml") || type == "other" { return }
            let compact = value.utf8.filter { !Values.isSpace($0) }
            let base64 = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
            if !compact.allSatisfy({ base64.contains($0) }) || compact.count % 4 != 0 {
                report(.notBase64, at: node, params)
            } else if type.lowercased().hasSuffix("html"), let decoded = Data(base64Encoded: Data(compact)) {
                // HTML under another media type is still HTML once decoded: what is unsafe in it
                // is unsafe there too.
                checkSafeHTML(node, String(decoding: decoded, as: UTF8.self), params: params)
            }
        }
    }

    /// Escaped HTML: it must be HTML, and it must be safe.
    func checkEscapedHTML(_ node: Node, _ value: String, params: [(String, String)]) {
        checkCharacterReferences(node, value, params: params)
        guard value.utf8.contains(60) else { return }
        let scan = HTMLScan(value)
        if scan.processingInstruction {
            report(.securityRisk, at: node, params + [("tag", "?import")])
        }
        if scan.unterminated {
            report(.notHtml, at: node, params + [("value", value)])
        }
        var findings: [HTMLChecks.Finding] = []
        for tag in scan.tags where !tag.closing {
            HTMLChecks.inspect(element: tag.name, attributes: tag.attributes, into: &findings)
        }
        reportFindings(findings, at: node, params: params)
    }

    func reportFindings(_ findings: [HTMLChecks.Finding], at node: Node, params: [(String, String)]) {
        for f in findings {
            switch f {
            case .unsafeElement(let tag):
                report(.securityRisk, at: node, params + [("tag", tag)])
            case .eventHandler(let attr):
                report(.securityRiskAttr, at: node, params + [("attr", attr)])
            case .dangerousURI(let attr, let value):
                report(.securityRiskAttr, at: node, params + [("attr", attr), ("value", value)])
            case .dangerousStyle(let value):
                report(.dangerousStyleAttr, at: node, params + [("attr", "style"), ("value", value)])
            }
        }
    }

    // MARK: Inline XHTML

    /// The Atom text construct (or RSS `xhtml:body`) an inline element belongs to.
    func construct(of node: Node) -> Node? {
        for n in stack.reversed() {
            switch n.kind {
            case .atomText, .atomContent, .leaf(.xhtmlBody): return n
            default: continue
            }
        }
        return nil
    }

    func xhtmlStart(_ node: Node) {
        guard let owner = construct(of: node) else { return }
        let params = names(owner)
        if let prefix = node.prefix, owner.facts["prefix"] == nil {
            owner.facts["prefix"] = prefix
            report(.avoidNamespacePrefix, at: node, params + [("prefix", prefix)])
        }
        if !HTMLChecks.knownElements.contains(node.localName.lowercased()) {
            report(.notHtml, at: node, params + [("value", node.localName)])
        }
        var findings: [HTMLChecks.Finding] = []
        HTMLChecks.inspect(
            element: node.localName.lowercased(),
            attributes: node.attributes.filter { $0.namespace == nil }.map { ($0.name.lowercased(), $0.value) },
            into: &findings)
        reportFindings(findings, at: node, params: params)
    }

    func foreignStart(_ node: Node) {
        let allowed =
            node.namespace == Namespace.xhtml
            ? HTMLChecks.knownElements
            : (node.namespace == "http://www.w3.org/2000/svg" ? Allowlists.svgElements : Allowlists.mathmlElements)
        let params = construct(of: node).map { names($0) } ?? []
        if !allowed.contains(node.localName) && node.localName != "mathml" && node.localName != "math" && node.localName != "svg" {
            report(.securityRisk, at: node, params + [("tag", node.localName)])
        }
        let attributes = node.namespace == "http://www.w3.org/2000/svg" ? Allowlists.svgAttributes : Allowlists.mathmlAttributes
        for a in node.attributes where a.namespace == nil && !attributes.contains(a.name) && a.name != "xmlns" {
            report(.securityRiskAttr, at: node, params + [("attr", a.name)])
        }
    }
}

extension ArraySlice where Element == UInt8 {
    /// The last place `needle` occurs (that `accept` takes), searched from the end byte by byte.
    func lastRange(of needle: [UInt8], where accept: (Range<Int>) -> Bool = { _ in true }) -> Range<Int>? {
        guard let first = needle.first, count >= needle.count else { return nil }
        var i = endIndex - needle.count
        while i >= startIndex {
            if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) && accept(i..<(i + needle.count)) {
                return i..<(i + needle.count)
            }
            i -= 1
        }
        return nil
    }

    func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard let first = needle.first, count >= needle.count else { return false }
        var i = startIndex
        while i <= endIndex - needle.count {
            if self[i] == first && self[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}
