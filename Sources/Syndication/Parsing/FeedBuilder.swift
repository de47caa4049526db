import Foundation

/// Turns SAX events into a ``Feed``. One builder per document.
///
/// Every element lands somewhere: in a model field, as inline markup of a text construct, or
/// whole as an ``ExtensionElement``. Nothing is dropped silently.
final class FeedBuilder: SAXReceiver {
    enum Context: Equatable {
        case document, feed, entry, source, image, textInput
        case person(PersonRole)
    }

    enum PersonRole: Equatable { case author, contributor, publisher }

    enum Field: Equatable {
        case title, subtitle, summary, content, rights, id, guid, link
        case published, updated, created, expired
        case category, comments, rssSource, generator, icon, logo, language, ttl, docs
        case personName, personEmail, personURI, skipHour, skipDay
        case imageURL, imageWidth, imageHeight, textInputName, info, keywords, license
        /// A whole person as one string (RSS `author`, `dc:creator`, `managingEditor`).
        case personText(PersonRole)
    }

    enum Action {
        case context(Context)
        case field(Field)
        case markup(String)
        case extensionElement
        case skip
        case skipSubtree
    }

    struct Frame {
        var action: Action
        var ns: NSKind
        var name: String
        var base: String?
        var lang: String?
        var textStart: Int
        var attributes: [ExtensionElement.Attribute] = []
        var kind: Text.Kind = .text
        var base64 = false
        var escapeText = false
        /// Atom `content src`: content by reference.
        var contentSource: String?
    }

    // The builder's state is touched only from libxml2's callbacks of one parse, on one thread,
    // never re-entrantly: the dynamic exclusivity checks (`@exclusivity(unchecked)`) buy nothing.
    let limits: ParseLimits
    let documentBase: String?
    var repairMojibake: Bool
    @exclusivity(unchecked)
    var feed = Feed()
    @exclusivity(unchecked)
    private(set) var problems: [ParseProblem] = []
    @exclusivity(unchecked)
    private(set) var stopped = false

    @exclusivity(unchecked)
    var frames: [Frame] = []
    @exclusivity(unchecked)
    private var contexts: [Context] = [.document]
    @exclusivity(unchecked)
    private var text: [UInt8] = []
    @exclusivity(unchecked)
    var entry = Entry()
    @exclusivity(unchecked)
    var source = FeedHeader()
    @exclusivity(unchecked)
    var image = Image()
    @exclusivity(unchecked)
    var textInput = TextInput()
    @exclusivity(unchecked)
    var person = Person()
    @exclusivity(unchecked)
    private var extensionStack: [ExtensionElement] = []
    @exclusivity(unchecked)
    private var skipDepth = 0
    @exclusivity(unchecked)
    private var lowercased: [String: String] = [:]
    @exclusivity(unchecked)
    private var namespaceKinds: [String: NSKind] = [:]
    @exclusivity(unchecked)
    private var parsedBase: URIResolver.ParsedBase?
    private struct BaseKey: Hashable { var value: String; var base: String? }
    @exclusivity(unchecked)
    private var baseCache: [BaseKey: String?] = [:]
    private var rootSeen = false
    private var sawUndeclaredEntity = false
    @exclusivity(unchecked)
    var entryHasContent = false
    private let initialLanguage: String?

    /// Told of each entry as it is completed, with its index (again after a restart).
    var entryObserver: (@Sendable (Int, Entry) -> Void)?

    init(limits: ParseLimits, documentBase: String?, language: String?, repairMojibake: Bool) {
        self.limits = limits
        self.documentBase = documentBase
        self.initialLanguage = language
        self.repairMojibake = repairMojibake
    }

    var shouldContinue: Bool { !stopped }

    func stop(_ problem: ParseProblem) {
        guard !stopped else { return }
        stopped = true
        problems.append(problem)
    }

    // MARK: SAX events

    func doctype(name: String?, externalID: String?, systemID: String?) {
        let ids = ((externalID ?? "") + " " + (systemID ?? "")).lowercased()
        if ids.contains("netscape") { feed.dialect = .rss091n }
    }

    func invalidControlCharacters() {
        guard !problems.contains(where: { $0.kind == .notWellFormed && $0.message.hasPrefix("control") }) else { return }
        problems.append(ParseProblem(.notWellFormed, "control characters not allowed in XML were removed"))
    }

    func undeclaredHTMLEntity(_ name: String) {
        guard !sawUndeclaredEntity else { return }
        sawUndeclaredEntity = true
        problems.append(ParseProblem(.notWellFormed, "undefined entity &\(name); (read as its HTML meaning)"))
    }

    func xmlError(message: String, line: Int, column: Int, fatal: Bool) {
        guard fatal else { return }
        if problems.contains(where: { $0.kind == .notWellFormed && $0.line != nil }) { return }
        let kind: ParseProblem.Kind =
            message.contains("Namespace prefix") && message.contains("not defined")
            ? .undeclaredNamespace : .notWellFormed
        if message.lowercased().contains("entity") && (message.contains("loop") || message.contains("amplification")) {
            if !problems.contains(where: { $0.kind == .entityRefused }) {
                problems.append(ParseProblem(.entityRefused, message, line: line, column: column))
            }
            return
        }
        problems.append(ParseProblem(kind, message, line: line, column: column))
    }

    /// How the current element takes character data: not at all, as is, or escaped as XML.
    private enum TextMode: UInt8 { case ignore, collect, escape }
    @exclusivity(unchecked) private var textMode = TextMode.ignore
    @exclusivity(unchecked) private var textModeStart = 0

    /// Sets ``textMode`` from the element now on top (after a push or a pop).
    private func updateTextMode() {
        guard skipDepth == 0, let i = frames.indices.last else { textMode = .ignore; return }
        switch frames[i].action {
        case .field, .markup, .extensionElement, .context(.person), .context(.source):
            textMode = frames[i].escapeText ? .escape : .collect
            textModeStart = frames[i].textStart
        default:
            textMode = .ignore
        }
    }

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch textMode {
        case .ignore: return
        case .collect: text.append(contentsOf: bytes)
        case .escape: FeedBuilder.appendEscaped(bytes, to: &text)
        }
        if text.count - textModeStart > limits.maxTextBytes, let top = frames.last {
            stop(ParseProblem(.limitExceeded, "text of <\(top.name)> is longer than \(limits.maxTextBytes) bytes"))
        }
    }

    func startElement(
        uri: String?, prefix: String?, localName: String, attributes: [ExtensionElement.Attribute],
        namespaceDeclarations: [(prefix: String?, uri: String)]
    ) {
        if skipDepth > 0 { skipDepth += 1; return }
        for declaration in namespaceDeclarations { trackNamespace(declaration.prefix, declaration.uri) }
        if frames.count >= limits.maxDepth {
            stop(ParseProblem(.limitExceeded, "elements nested deeper than \(limits.maxDepth)"))
            return
        }
        let name = lower(localName)
        let ns = namespaceKind(uri)
        // Read what is needed of the parent in place: copying the whole frame costs retains.
        let parentIndex = frames.indices.last
        var frame = Frame(
            action: .skip, ns: ns, name: name, base: parentIndex.map { frames[$0].base } ?? documentBase,
            lang: parentIndex.map { frames[$0].lang } ?? initialLanguage, textStart: text.count)
        var parentKind = 0  // 1: inside a text construct or its markup, 2: inside an extension element
        if let p = parentIndex {
            switch frames[p].action {
            case .field, .markup: parentKind = 1
            case .extensionElement: parentKind = 2
            default: parentKind = 0
            }
        }
        for a in attributes where a.namespace == Namespace.xml {
            if a.name == "base" {
                frame.base = resolveBase(a.value, against: frame.base)
            } else if a.name == "lang" {
                frame.lang = a.value.isEmpty ? nil : a.value
            }
        }
        if !rootSeen {
            rootSeen = true
            if let lang = frame.lang, frame.lang != initialLanguage { feed.language = lang.replacingIfPresent("_", with: "-") }
        }

        // Inside a text construct, child elements are its markup.
        if parentKind == 1 {
            frame.action = .markup(localName)
        } else if parentKind == 2 {
            frame.action = .extensionElement
        } else {
            frame.action = dispatch(ns: ns, name: name, uri: uri, attributes: attributes, frame: &frame)
        }

        switch frame.action {
        case .markup(let tag):
            openMarkup(tag: tag, uri: uri, attributes: attributes, frame: &frame)
        case .extensionElement:
            extensionStack.append(ExtensionElement(namespace: uri, prefix: prefix, name: localName, attributes: attributes))
        case .context(let context):
            contexts.append(context)
            enter(context, attributes: attributes, frame: frame)
        case .skipSubtree:
            skipDepth = 1
        case .field:
            if frame.attributes.isEmpty { frame.attributes = attributes }
        case .skip:
            break
        }
        frame.textStart = text.count
        if case .markup = frame.action { frame.textStart = frames.last?.textStart ?? text.count }
        frames.append(frame)
        updateTextMode()
    }

    func endElement() {
        defer { updateTextMode() }
        if skipDepth > 0 {
            skipDepth -= 1
            if skipDepth > 0 { return }
            frames.removeLast()
            return
        }
        guard let frame = frames.popLast() else { return }
        switch frame.action {
        case .markup(let tag):
            closeMarkup(tag: tag)
        case .extensionElement:
            var element = extensionStack.removeLast()
            element.text = takeText(from: frame.textStart)
            if extensionStack.isEmpty { attachExtension(element) } else { extensionStack[extensionStack.count - 1].children.append(element) }
        case .field(let field):
            let raw = takeText(from: frame.textStart)
            finish(field, raw: raw, frame: frame)
        case .context(let context):
            let raw = takeText(from: frame.textStart)
            contexts.removeLast()
            leave(context, text: raw, frame: frame)
        case .skip, .skipSubtree:
            break
        }
    }

    // MARK: Helpers

    /// Resolves a link against the base in scope, parsing each base once.
    func resolveLink(_ reference: String, against base: String?) -> String {
        guard let base, !base.isEmpty else { return reference.trimmingWhitespace() }
        if parsedBase?.string != base { parsedBase = URIResolver.ParsedBase(base) }
        return URIResolver.resolve(reference, against: parsedBase!)
    }

    /// `xml:base` values repeat on every entry: resolve each (value, base) pair once.
    private func resolveBase(_ value: String, against base: String?) -> String? {
        let key = BaseKey(value: value, base: base)
        if let known = baseCache[key] { return known }
        let resolved = URIResolver.resolveSafely(value, against: base) ?? base
        if baseCache.count < 1024 { baseCache[key] = resolved }
        return resolved
    }

    private func namespaceKind(_ uri: String?) -> NSKind {
        guard let uri else { return .core }
        if let known = namespaceKinds[uri] { return known }
        let kind = NSKind(uri: uri)
        namespaceKinds[uri] = kind
        return kind
    }

    private func lower(_ name: String) -> String {
        if let known = lowercased[name] { return known }
        let l = name.isLowercaseASCII ? name : name.lowercased()
        lowercased[name] = l
        return l
    }

    private func takeText(from start: Int) -> String {
        guard start < text.count else { return "" }
        let s = text.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start...]), as: UTF8.self) }
        text.removeSubrange(start...)
        return s
    }

    private func trackNamespace(_ prefix: String?, _ uri: String) {
        let key = prefix ?? ""
        if feed.namespaces[key] == nil { feed.namespaces[key] = uri }
        guard feed.dialect == .unknown else { return }
        let lower = uri.lowercased()
        if prefix == nil && lower == Namespace.rss090 {
            feed.dialect = .rss090
        } else if lower == Namespace.rss10 {
            feed.dialect = .rss10
        } else if lower == Namespace.atom10.lowercased() {
            feed.dialect = .atom10
        }
    }

    /// The innermost of feed, source and entry.
    var owner: Context {
        for c in contexts.reversed() {
            switch c {
            case .feed, .entry, .source: return c
            default: continue
            }
        }
        return .feed
    }

    func modifyHeader(_ body: (inout FeedHeader) -> Void) {
        if owner == .source { body(&source) } else { body(&feed.header) }
    }

    private func attachExtension(_ element: ExtensionElement) {
        switch owner {
        case .entry: entry.extensions.append(element)
        case .source: source.extensions.append(element)
        default: feed.header.extensions.append(element)
        }
    }

    // MARK: Inline markup inside text constructs

    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "frame", "hr", "img", "input",
        "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]

    private func openMarkup(tag: String, uri: String?, attributes: [ExtensionElement.Attribute], frame: inout Frame) {
        let name = tag.isLowercaseASCII ? tag : tag.lowercased()
        guard let i = frames.lastIndex(where: { if case .field = $0.action { return true } else { return false } }) else { return }
        // A child element of a construct declared as text or escaped HTML shows that it really
        // holds inline XHTML; a lone wrapper `div` (TypePad) does not count and is dropped.
        if !frames[i].kind.mimeType.hasSuffix("xml") {
            if name == "div" {
                frame.action = .markup("")
                return
            }
            frames[i].kind = .xhtml
            frames[i].escapeText = true
            for j in (i + 1)..<frames.count { frames[j].escapeText = true }
        }
        frame.escapeText = true
        text.append(UInt8(ascii: "<"))
        text.append(contentsOf: name.utf8)
        if (name == "svg" && uri == "http://www.w3.org/2000/svg") || (name == "math" && uri == "http://www.w3.org/1998/Math/MathML") {
            text.append(contentsOf: " xmlns=\"".utf8)
            text.append(contentsOf: uri!.utf8)
            text.append(UInt8(ascii: "\""))
        }
        for a in attributes {
            text.append(UInt8(ascii: " "))
            if let prefix = a.prefix { text.append(contentsOf: prefix.utf8); text.append(UInt8(ascii: ":")) }
            text.append(contentsOf: (a.name.isLowercaseASCII ? a.name : a.name.lowercased()).utf8)
            text.append(contentsOf: "=\"".utf8)
            appendEscapedAttribute(a.value)
            text.append(UInt8(ascii: "\""))
        }
        text.append(contentsOf: (FeedBuilder.voidElements.contains(name) ? " />" : ">").utf8)
    }

    private func closeMarkup(tag: String) {
        let name = tag.isLowercaseASCII ? tag : tag.lowercased()
        if name.isEmpty || FeedBuilder.voidElements.contains(name) { return }
        text.append(contentsOf: "</".utf8)
        text.append(contentsOf: name.utf8)
        text.append(UInt8(ascii: ">"))
    }

    /// Appends text as XML character data: `&`, `<` and `>` escaped, plain runs copied whole.
    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to text: inout [UInt8]) {
        var runStart = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            guard b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">") else { continue }
            if i > runStart { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            switch b {
            case UInt8(ascii: "&"): text.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): text.append(contentsOf: "&lt;".utf8)
            default: text.append(contentsOf: "&gt;".utf8)
            }
            runStart = i + 1
        }
        if bytes.count > runStart { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Appends an attribute value with `&`, `<`, `>` and `"` escaped.
    private func appendEscapedAttribute(_ v: String) {
        for b in v.utf8 {
            switch b {
            case UInt8(ascii: "&"): text.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): text.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): text.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): text.append(contentsOf: "&quot;".utf8)
            default: text.append(b)
            }
        }
    }

    // MARK: Contexts

    private func enter(_ context: Context, attributes: [ExtensionElement.Attribute], frame: Frame) {
        switch context {
        case .entry:
            entry = Entry()
            entryHasContent = false
            if let about = attributes.first(where: { $0.namespace == Namespace.rdf && $0.name == "about" })?.value {
                entry.id = about
            }
            channelDefinitionAttributes(attributes, base: frame.base)
        case .source:
            source = FeedHeader()
        case .image:
            image = Image()
        case .textInput:
            textInput = TextInput()
        case .person:
            person = Person()
        case .feed:
            channelDefinitionAttributes(attributes, base: frame.base)
        case .document:
            break
        }
    }

    /// CDF puts the link and date of a channel or item in `href` and `lastmod` attributes.
    private func channelDefinitionAttributes(_ attributes: [ExtensionElement.Attribute], base: String?) {
        for a in attributes where a.namespace == nil {
            switch a.name.isLowercaseASCII ? a.name : a.name.lowercased() {
            case "href": addLink(Link(href: URIResolver.resolve(a.value, against: base)))
            case "lastmod":
                if owner == .entry { entry.updated = DateValue(parsing: a.value) } else { feed.updated = DateValue(parsing: a.value) }
            default: continue
            }
        }
    }

    private func leave(_ context: Context, text raw: String, frame: Frame) {
        switch context {
        case .entry:
            if feed.entries.count >= limits.maxEntries {
                stop(ParseProblem(.limitExceeded, "more than \(limits.maxEntries) entries"))
                return
            }
            entryObserver?(feed.entries.count, entry)
            feed.entries.append(entry)
            entry = Entry()
        case .source:
            let title = raw.trimmingWhitespace()
            if source.title == nil && !title.isEmpty { source.title = Text(title, kind: .text, language: frame.lang, base: frame.base) }
            entry.source = source
        case .image:
            feed.image = image
        case .textInput:
            feed.textInput = textInput
        case .person(let role):
            let direct = raw.trimmingWhitespace()
            if person.name == nil && person.email == nil && person.uri == nil {
                guard !direct.isEmpty else { return }
                person = PersonText.parse(repair(direct))
            }
            store(person, role: role)
        case .feed, .document:
            break
        }
    }

    func store(_ p: Person, role: PersonRole) {
        switch (owner, role) {
        case (.entry, .author): entry.authors.append(p)
        case (.entry, .contributor): entry.contributors.append(p)
        case (.entry, .publisher): entry.publisher = p
        case (_, .author): modifyHeader { $0.authors.append(p) }
        case (_, .contributor): modifyHeader { $0.contributors.append(p) }
        case (_, .publisher): modifyHeader { $0.publisher = p }
        }
    }

    /// Finishes a collected value: undoes what feeds commonly get wrong about encodings.
    func repair(_ s: String) -> String {
        TextRepair.repair(s, utf8Document: repairMojibake)
    }

    var currentContext: Context { contexts.last ?? .document }

    func setPerson(_ body: (inout Person) -> Void) {
        if case .person = currentContext { body(&person) }
    }
}
