import Foundation
import Syndication

/// What a parent says of a child element.
enum ChildDecision {
    /// A known element; `once` when the parent may hold only one of it.
    case known(Kind, once: Bool)
    /// An element the parent's vocabulary does not define.
    case undefined
    /// An element of a vocabulary we do not check (an unknown namespace).
    case open
}

/// The document family, fixed by the root element.
enum Family {
    case unknown, atom, rss2, rss1
}

/// One validation: the SAX receiver that keeps the open elements and applies the rules as
/// elements start and end. Build one per document.
final class Run: SAXReceiver {
    @exclusivity(unchecked) var diagnostics: [Diagnostic] = []
    var family: Family = .unknown
    var format: String?
    /// The namespace whose elements are named without a prefix in messages.
    var coreNamespace = ""
    @exclusivity(unchecked) var stack: [Node] = []
    unowned(unsafe) var driver: SAXDriver!
    var fatal = false
    var hasDoctype = false
    /// The DOCTYPE is Netscape's RSS 0.91 DTD.
    var netscapeDoctype = false
    /// Entities the internal subset declares external (never read).
    var externalEntities: [String] = []
    /// Byte offsets where each line starts, for the checks that look at the text as written
    /// (worked out the first time one needs them).
    lazy var lineStarts: [Int] = {
        var starts = [0]
        source.withUnsafeBufferPointer { buffer in
            // memchr from one line feed to the next: a 5 MB feed has a hundred thousand lines.
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count, let hit = memchr(base + offset, 10, buffer.count - offset) {
                offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(offset)
            }
        }
        return starts
    }()
    let source: [UInt8]

    // Document-wide facts.
    var entriesWithoutAuthor: [(line: Int, column: Int)] = []
    var guids: Set<String> = []
    /// FeedSync item ids seen (each must be unique in the feed).
    var syncIDs: Set<String> = []
    var entryKeys: Set<String> = []
    var entryIDs: [String] = []
    /// The atom:updated of each entry of the feed, for `DuplicateUpdated`.
    var entryUpdates: Set<String> = []
    var reportedNamespaces: Set<String> = []
    var complete = false
    var sawSelfLink = false
    var usesAtomNamespace = false
    var declaresAtom = false
    var reportedNotInANamespace: Set<String> = []
    /// Where the document was fetched from, in `comparable` form (empty: not known).
    var locations: [String] = []
    var reportedInvalidRDF = false

    /// A URL as two spellings of one location compare equal: scheme and host lower-cased, the
    /// scheme's default port dropped, an empty path as `/`, no fragment. Nil when not absolute.
    static func comparable(_ url: String) -> String? {
        guard let c = URLComponents(string: Values.trimmed(url)), let scheme = c.scheme?.lowercased(), let host = c.host?.lowercased() else {
            return nil
        }
        var out = scheme + "://" + host
        if let port = c.port, !((scheme == "http" && port == 80) || (scheme == "https" && port == 443)) { out += ":" + String(port) }
        out += c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath
        if let query = c.percentEncodedQuery { out += "?" + query }
        return out
    }
    /// The document declares the iTunes namespace / has an element in it: a podcast for iTunes.
    var declaresItunes = false
    /// Namespaces declared with another case of a known one (`…/DTDs/Podcast-1.0.dtd`): reported
    /// once, then their elements are checked as the vocabulary meant.
    var namespaceAliases: [String: String] = [:]
    /// Prefixes already reported on XHTML elements in an Atom document (once each).
    var reportedXHTMLPrefixes = Set<String>()
    var usesItunes = false
    /// RSS 1.0 / Atom feed history (RFC 5005): an `fh:archive` was seen.
    var archive = false
    /// The encoding the XML declaration names, lower-cased (nil: none, so UTF-8 or UTF-16).
    var declaredEncoding: String?

    init(source: [UInt8]) {
        self.source = source
    }

    // MARK: Reporting

    func report(_ code: MessageClass, line: Int, column: Int, _ params: [(String, String)] = []) {
        guard !fatal || code == .saxError else { return }
        let parameters = params.map { Diagnostic.Parameter(name: $0.0, value: $0.1) }
        diagnostics.append(
            Diagnostic(
                severity: code.severity, code: code.name, line: line, column: column,
                message: Catalog.message(code, parameters), parameters: parameters))
    }

    func report(_ code: MessageClass, at node: Node, _ params: [(String, String)] = []) {
        report(code, line: node.line, column: node.column, params)
    }

    /// The element's own name and its parent's, as most messages carry them.
    func names(_ node: Node) -> [(String, String)] {
        [("parent", parent(of: node)?.name ?? "root"), ("element", node.name)]
    }

    func parent(of node: Node) -> Node? {
        guard let i = stack.lastIndex(where: { $0 === node }) else { return stack.last }
        return i > 0 ? stack[i - 1] : nil
    }

    /// The raw text of the lines an element spans (for checks of how it was written).
    func rawLines(from first: Int, to last: Int) -> ArraySlice<UInt8> {
        guard first >= 1, first <= lineStarts.count else { return [] }
        let start = lineStarts[first - 1]
        let end = last < lineStarts.count ? lineStarts[last] : source.count
        return source[start..<max(start, min(end, source.count))]
    }

    // MARK: Names

    @exclusivity(unchecked) private var nameCache: [String: [String: String]] = [:]

    func displayName(namespace: String, prefix: String?, local: String) -> String {
        if namespace == coreNamespace { return local }
        if let known = nameCache[namespace]?[local] { return known }
        let name: String
        if let p = NS.prefixes[namespace] {
            name = p + ":" + local
        } else if let prefix {
            // The document's own prefix: not cached, another element may use another one.
            return prefix + ":" + local
        } else {
            name = local
        }
        nameCache[namespace, default: [:]][local] = name
        return name
    }

    /// MIME types already found valid (feeds repeat the same few thousands of times).
    var validMIMETypes: Set<String> = []

    func isMIMEType(_ s: String) -> Bool {
        if validMIMETypes.contains(s) { return true }
        guard Values.isMIMEType(s) else { return false }
        validMIMETypes.insert(s)
        return true
    }

    // MARK: SAXReceiver

    func startElement(
        uri: String?, prefix: String?, localName: String, attributes: [ExtensionElement.Attribute],
        namespaceDeclarations: [(prefix: String?, uri: String)]
    ) {
        let (line, column) = driver.position
        for d in namespaceDeclarations { checkNamespaceDeclaration(d.prefix, d.uri, line: line, column: column) }
        let ns = namespaceAliases.isEmpty ? uri ?? "" : namespaceAliases[uri ?? ""] ?? uri ?? ""
        if ns == Namespace.itunes { usesItunes = true }
        if let parent = stack.last { parent.childElements += 1 }
        let kind: Kind
        let name: String
        if stack.isEmpty {
            kind = rootKind(ns: ns, local: localName, line: line, column: column, declarations: namespaceDeclarations)
            if let prefix, kind == .atomFeed || kind == .atomEntry {
                // Readers that match names, not namespaces, only know `<feed>`.
                report(.avoidNamespacePrefix, line: line, column: column, [("element", localName), ("prefix", prefix)])
            }
            name = displayName(namespace: ns, prefix: prefix, local: localName)
        } else {
            let parent = stack[stack.count - 1]
            name = displayName(namespace: ns, prefix: prefix, local: localName)
            switch child(of: parent, ns: ns, local: localName, name: name, line: line, column: column) {
            case .known(let k, let once):
                if once && parent.seen(name) {
                    report(
                        .duplicateElement, line: line, column: column,
                        [("parent", parent.attributeParentName), ("element", name)])
                }
                kind = k
            case .undefined:
                report(.undefinedElement, line: line, column: column, [("parent", parent.name), ("element", name)])
                kind = .open
            case .open:
                kind = .open
                if ns.isEmpty && family == .rss2 && !parent.namespace.isEmpty && parent.kind == .open && !reportedNotInANamespace.contains(name) {
                    // Inside an extension, an element without a namespace belongs to no
                    // vocabulary at all (RSS 2.0: extensions are "defined in a namespace").
                    reportedNotInANamespace.insert(name)
                    report(.notInANamespace, line: line, column: column, [("parent", parent.name), ("element", name)])
                }
            }
            parent.addChild(name)
            if let prefix, ns == Namespace.xhtml, family == .atom, reportedXHTMLPrefixes.insert(prefix).inserted {
                // Atom readers do not all resolve prefixes inside content: XHTML in Atom is best
                // written with a default namespace.
                report(.avoidNamespacePrefix, line: line, column: column, [("element", name), ("prefix", prefix)])
            }
        }
        let node = Node(
            namespace: ns, prefix: prefix, localName: localName, name: name, kind: kind, line: line, column: column, attributes: attributes)
        if family == .rss1 { assignRDFRole(node) }
        stack.append(node)
        if kind != .open && kind != .foreignMarkup {
            for a in attributes where Values.hasBadCharacters(a.value) {
                report(.badCharacters, line: line, column: column, [("parent", name), ("element", a.name)])
            }
        }
        checkCommonAttributes(node)
        start(node)
    }

    func endElement() {
        guard let node = stack.last else { return }
        end(node)
        stack.removeLast()
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let node = stack.last else { return }
        if node.rdfRole != .none, node.rdfRole != .literal, !node.rdfText, bytes.contains(where: { !Values.isSpace($0) }) {
            node.rdfText = true
        }
        if node.keepsText {
            node.text.append(contentsOf: bytes)
        } else if !node.strayText, node.kind != .open, node.kind != .foreignMarkup, bytes.contains(where: { !Values.isSpace($0) }) {
            node.strayText = true
        }
    }

    func cdata(_ bytes: UnsafeBufferPointer<UInt8>) {
        stack.last?.cdata = true
        characters(bytes)
    }

    func doctype(name: String?, externalID: String?, systemID: String?) {
        hasDoctype = true
        let (line, column) = driver.position
        if let systemID, systemID.contains("my.netscape.com") {
            netscapeDoctype = true
            report(.deprecatedDTD, line: line, column: column, [("element", "DOCTYPE"), ("value", systemID)])
        }
        externalEntities = Run.externalEntities(in: source)
        if let entity = externalEntities.first {
            // An external entity makes a reader fetch (or read a local file) while parsing:
            // never expanded here, and never to be sent.
            report(.containsSystemEntity, line: line, column: column, [("element", "DOCTYPE"), ("value", entity)])
        }
    }

    /// The entities the DOCTYPE's internal subset declares `SYSTEM` or `PUBLIC`, in order.
    static func externalEntities(in source: [UInt8]) -> [String] {
        let prolog = source.prefix(64 << 10)
        guard let open = prolog.firstRange(of: Array("<!DOCTYPE".utf8)) else { return [] }
        var rest = prolog[open.upperBound...]
        var names: [String] = []
        while let declaration = rest.firstRange(of: Array("<!ENTITY".utf8)) {
            guard let end = rest[declaration.upperBound...].firstIndex(of: 62) else { break }
            let words = rest[declaration.upperBound..<end].split(whereSeparator: Values.isSpace).map { String(decoding: $0, as: UTF8.self) }
            let named = words.first == "%" ? Array(words.dropFirst()) : words
            if named.count >= 3, named[1] == "SYSTEM" || named[1] == "PUBLIC" { names.append(named[0]) }
            rest = rest[(end + 1)...]
        }
        return names
    }

    func undeclaredHTMLEntity(_ name: String) {
        // HTML's entities are not XML's: a document must declare them (an RSS 0.91 DOCTYPE does).
        guard !hasDoctype else { return }
        let (line, column) = driver.position
        report(.saxError, line: line, column: column, [("value", "undefined entity &\(name);")])
        fatal = true
    }

    func xmlError(message: String, line: Int, column: Int, fatal isFatal: Bool) {
        guard isFatal, !fatal else { return }
        if message.hasPrefix("XML declaration allowed only at the start"),
            source.prefix(while: { Values.isSpace($0) }).contains(10)
        {
            // Lines before `<?xml`: most often a WordPress theme or plugin's stray newline.
            report(.wpBlankLine, line: line, column: column, [("line", String(line)), ("column", String(column))])
            fatal = true
            driver.stop()
            return
        }
        if hasDoctype, message.hasPrefix("Entity '"), message.hasSuffix("' not defined") {
            // With a DOCTYPE the entity might be declared in the external subset, which is never
            // read: an undefined entity is then the document's error, not a broken parse.
            let name = String(message.dropFirst("Entity '".count).dropLast("' not defined".count))
            // An external entity is declared, only not read (ContainsSystemEntity says so).
            if !externalEntities.contains(name) {
                report(.undefinedNamedEntity, line: line, column: column, [("value", name)])
            }
            return
        }
        report(.saxError, line: line, column: column, [("value", message)])
        // Namespace errors leave a well-formed tree behind; anything else ends the checking.
        if !message.hasPrefix("Namespace prefix") && !message.contains("xmlns") {
            fatal = true
            driver.stop()
        }
    }

    var shouldContinue: Bool { true }

    // MARK: Dispatch

    private func rootKind(
        ns: String, local: String, line: Int, column: Int,
        declarations: [(prefix: String?, uri: String)]
    ) -> Kind {
        switch (ns, local) {
        case (Namespace.atom10, "feed"):
            family = .atom; format = "atom10"; coreNamespace = Namespace.atom10
            return .atomFeed
        case (Namespace.atom03, "feed"):
            // Atom 0.3 and the drafts before it: superseded by RFC 4287.
            family = .atom; format = "atom03"; coreNamespace = Namespace.atom03
            report(.obsoleteNamespace, line: line, column: column, [("element", "feed"), ("namespace", ns)])
            return .open
        case (Namespace.atom10, "entry"):
            family = .atom; format = "atom10"; coreNamespace = Namespace.atom10
            return .atomEntry
        case ("", "rss"):
            family = .rss2; format = "rss20"; coreNamespace = ""
            return .rss
        case (Namespace.rdf, "RDF"):
            family = .rss1; format = "rss10"
            // RSS 1.0's elements are in its namespace (RSS 0.90's in its own): a channel in any
            // other is not RSS's channel.
            let declared = declarations.first(where: { $0.prefix == nil })?.uri
            coreNamespace = declared == Namespace.rss090 ? Namespace.rss090 : Namespace.rss10
            if coreNamespace == Namespace.rss090 { format = "rss090" }
            return .rdf
        case (_, "feed"):
            family = .atom; format = "atom10"; coreNamespace = ns
            if ns.isEmpty {
                report(.missingNamespace, line: line, column: column, [("element", "feed")])
            } else {
                report(.invalidNamespace, line: line, column: column, [("element", "feed"), ("namespace", ns)])
            }
            return .atomFeed
        case (_, "rss"):
            family = .rss2; format = "rss20"; coreNamespace = ns
            report(.invalidNamespace, line: line, column: column, [("element", "rss"), ("namespace", ns)])
            return .rss
        case (Namespace.app, "service"), (Namespace.app, "categories"):
            // The Atom Publishing Protocol's service and category documents (RFC 5023 §7, §8):
            // every name is written with its vocabulary's prefix (app:, atom:).
            family = .atom; format = "app"; coreNamespace = ""
            return .vocabulary("app:" + local)
        case (Namespace.app, _):
            family = .atom; format = "app"; coreNamespace = Namespace.app
            return .open
        default:
            report(
                .undefinedElement, line: line, column: column,
                [("parent", "root"), ("element", displayName(namespace: ns, prefix: nil, local: local))])
            return .open
        }
    }

    private func child(of parent: Node, ns: String, local: String, name: String, line: Int, column: Int) -> ChildDecision {
        // RDF/XML: an element with rdf:parseType="Literal" holds an XML literal, not RSS elements.
        if parent.rdfRole == .literal { return .open }
        switch parent.kind {
        case .open:
            return .open
        case .atomFeed, .atomEntry, .atomSource, .atomPerson, .atomText, .atomContent, .xhtml, .foreignMarkup,
            .atomLink, .atomCategory, .atomGenerator, .atomDate, .atomID, .atomURI, .atomPersonName,
            .atomPersonEmail, .atomPersonURI:
            return atomChild(of: parent, ns: ns, local: local, name: name, line: line, column: column)
        case .rss, .channel, .item, .image, .textInput, .cloud, .skipHours, .skipDays, .enclosure, .guid,
            .rssSource, .rssCategory:
            return rssChild(of: parent, ns: ns, local: local, name: name, line: line, column: column)
        case .rdf, .rdfChannel, .rdfItem, .rdfImage, .rdfTextInput, .rdfItems, .rdfSeq, .rdfLi:
            return rdfChild(of: parent, ns: ns, local: local, name: name, line: line, column: column)
        case .leaf(let leaf):
            return leafChild(of: parent, leaf: leaf, ns: ns, local: local, name: name, line: line, column: column)
        case .vocabulary:
            return vocabularyChild(of: parent, ns: ns, local: local)
        }
    }

    private func start(_ node: Node) {
        switch node.kind {
        case .atomLink: atomLinkStart(node)
        case .atomCategory: atomCategoryStart(node)
        case .atomGenerator: atomGeneratorStart(node)
        case .atomContent, .atomText: atomTextStart(node)
        case .xhtml: xhtmlStart(node)
        case .foreignMarkup: foreignStart(node)
        case .rss: rssStart(node)
        case .cloud: cloudStart(node)
        case .enclosure: enclosureStart(node)
        case .rssSource: rssSourceStart(node)
        case .open: openStart(node)
        case .leaf(let leaf): leafStart(node, leaf)
        case .vocabulary(let key): vocabularyStart(node, key)
        case .rdf, .rdfChannel, .rdfItem, .rdfImage, .rdfTextInput, .rdfItems, .rdfSeq, .rdfLi: rdfAttributes(node)
        default: break
        }
    }

    /// The element's place in RDF/XML's grammar, from its parent's (RSS 1.0 only).
    private func assignRDFRole(_ node: Node) {
        guard let parent = stack.last else {
            node.rdfRole = .root
            return
        }
        switch parent.rdfRole {
        case .none, .literal: node.rdfRole = parent.rdfRole
        case .root, .property: node.rdfRole = .node
        case .node, .propertyOfResource: node.rdfRole = .property
        }
        if node.rdfRole == .property {
            switch node.attribute("parseType", namespace: Namespace.rdf) {
            case "Literal"?: node.rdfRole = .literal
            case "Resource"?: node.rdfRole = .propertyOfResource
            default: break
            }
        }
    }

    /// RDF/XML (RSS 1.0's syntax): a node element holds no text, and a property element holds
    /// text or one node element, not both nor two. The first violation is reported, as an RDF
    /// parser stops at it.
    private func checkRDFStructure(_ node: Node) {
        guard !reportedInvalidRDF else { return }
        let text = node.rdfText || (node.keepsText && node.text.contains(where: { !Values.isSpace($0) }))
        let invalid: Bool
        switch node.rdfRole {
        case .node: invalid = text
        case .property: invalid = node.childElements > 1 || (node.childElements == 1 && text)
        case .propertyOfResource: invalid = text
        default: invalid = false
        }
        if invalid {
            reportedInvalidRDF = true
            report(.invalidRDF, at: node, [("parent", parent(of: node)?.name ?? ""), ("element", node.name)])
        }
    }

    private func end(_ node: Node) {
        if node.rdfRole != .none { checkRDFStructure(node) }
        if node.keepsText, node.kind != .xhtml, node.text.withUnsafeBufferPointer(Values.hasBadCharacters) {
            report(.badCharacters, at: node, names(node))
        }
        // Inline XHTML whose wrapper div holds only escaped markup shows the markup: the construct
        // is not inline after all (escaped markup beside real elements is meant to show).
        if node.kind == .xhtml, node.childElements == 0, node.text.contains(60), let construct = parent(of: node),
            construct.kind == .atomText || construct.kind == .atomContent,
            HTMLChecks.knownTag(node.value) != nil || HTMLChecks.knownEndTag(node.value) != nil
        {
            construct.facts["escapedMarkup"] = "yes"
        }
        // Atom's summary or inline content in an RSS item says what its description says.
        if node.namespace == Namespace.atom10, node.localName == "summary" || (node.localName == "content" && node.attribute("src") == nil),
            let parent = parent(of: node), parent.kind == .item
        {
            parent.facts["atomDescription"] = "atom:" + node.localName
        }
        switch node.kind {
        case .atomFeed: atomFeedEnd(node)
        case .atomEntry: atomEntryEnd(node)
        case .atomSource: atomSourceEnd(node)
        case .atomPerson: atomPersonEnd(node)
        case .atomPersonName: atomNameEnd(node)
        case .atomPersonEmail: atomEmailEnd(node)
        case .atomPersonURI: atomURIEnd(node)
        case .atomDate: atomDateEnd(node)
        case .atomID: atomIDEnd(node)
        case .atomURI: atomURIEnd(node)
        case .atomText, .atomContent: atomTextEnd(node)
        case .atomLink: atomLinkEnd(node)
        case .atomGenerator: atomGeneratorEnd(node)
        case .rss: rssEnd(node)
        case .channel: channelEnd(node)
        case .item: itemEnd(node)
        case .image: imageEnd(node)
        case .textInput: textInputEnd(node)
        case .skipHours: skipEnd(node, child: "hour")
        case .skipDays: skipEnd(node, child: "day")
        case .guid: guidEnd(node)
        case .rssCategory: plainTextEnd(node, blankIsWarning: true)
        case .rssSource: plainTextEnd(node, blankIsWarning: false)
        case .rdf: rdfEnd(node)
        case .rdfChannel: rdfChannelEnd(node)
        case .rdfItem: rdfItemEnd(node)
        case .rdfImage, .rdfTextInput: rdfCheckRequired(node)
        case .leaf(let leaf): leafEnd(node, leaf)
        case .vocabulary(let key): vocabularyEnd(node, key)
        default: break
        }
        if node.strayText {
            report(.unexpectedText, at: node, names(node))
        }
    }

    // MARK: Things every element may carry

    private static let reservedPrefixes: [String: String] = Dictionary(
        NS.prefixes.map { ($0.value, $0.key) }, uniquingKeysWith: { a, _ in a })

    private func checkNamespaceDeclaration(_ prefix: String?, _ uri: String, line: Int, column: Int) {
        let attr = prefix.map { "xmlns:" + $0 } ?? "xmlns"
        if uri == Namespace.atom10 { declaresAtom = true }
        if uri == Namespace.itunes { declaresItunes = true }
        let nearMiss = NS.prefixes[uri] == nil ? NS.nearMiss(uri) : nil
        if let prefix, prefix != "rss", prefix != "atom", let owner = Run.reservedPrefixes[prefix], owner != uri,
            NS.prefixes[uri] == nil
        {
            // A well-known prefix bound to some other namespace: readers that go by prefix misread it.
            report(.reservedPrefix, line: line, column: column, [("prefix", prefix), ("namespace", uri)])
        } else if let prefix, let usual = NS.prefixes[uri], usual != prefix, uri != Namespace.rss10, uri != Namespace.atom10, uri != Namespace.xhtml {
            report(.nonstdPrefix, line: line, column: column, [("prefix", prefix), ("namespace", uri), ("value", usual)])
        }
        if uri.lowercased().hasPrefix("tag:") && !URIs.isValidTag(uri) {
            report(.invalidTAG, line: line, column: column, [("element", attr), ("value", uri)])
        }
        if uri == "http://search.yahoo.com/mrss" {
            // Media RSS's namespace ends with a slash; early copies of its document left it off.
            report(.mediaRssNamespace, line: line, column: column, [("element", attr), ("value", uri)])
        } else if uri == "http://www.usemod.com/cgi-bin/mb.pl?ModWiki" {
            report(.obsoleteWikiNamespace, line: line, column: column, [("element", attr), ("value", uri)])
        } else if let known = nearMiss, known != Namespace.atom10 {
            report(.invalidNamespace, line: line, column: column, [("element", attr), ("value", uri)])
            namespaceAliases[uri] = known
            if known == Namespace.itunes { declaresItunes = true }
        }
    }

    private func checkCommonAttributes(_ node: Node) {
        for a in node.attributes where a.namespace == Namespace.xml {
            switch a.name {
            case "lang":
                if !a.value.isEmpty && !Values.isLanguageTag(a.value) {
                    report(.invalidLanguage, at: node, [("parent", node.name), ("element", "xml:lang"), ("value", a.value)])
                }
            case "base":
                if URIs.referenceProblem(a.value) != nil {
                    report(.invalidUriChar, at: node, [("parent", node.name), ("element", "xml:base"), ("value", a.value)])
                }
            default: break
            }
        }
    }

    private func openStart(_ node: Node) {
        guard !node.namespace.isEmpty, NS.prefixes[node.namespace] == nil, !reportedNamespaces.contains(node.namespace),
            let parent = parent(of: node), parent.kind != .open, parent.kind != .foreignMarkup
        else { return }
        reportedNamespaces.insert(node.namespace)
        switch family {
        case .atom:
            report(.unknownNamespace, at: node, [("element", node.name), ("namespace", node.namespace)])
        default:
            break
        }
    }

    // MARK: Leaves

    private func leafChild(
        of parent: Node, leaf: Leaf, ns: String, local: String, name: String, line: Int,
        column: Int
    ) -> ChildDecision {
        switch leaf {
        case .xhtmlBody:
            return ns == Namespace.xhtml ? .known(.xhtml, once: false) : .open
        case .inReplyTo, .xhtmlMeta:
            return .open
        case .text:
            return .open
        default:
            if leaf == .rssContact && family == .rss1 { return .open }
            return .undefined
        }
    }
}
