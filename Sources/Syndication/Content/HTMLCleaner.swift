import CLibXML2
import Foundation

/// Makes agency HTML safe to republish and its links absolute, on libxml2's HTML parser (SAX):
/// an allowlist of elements, attributes, URI schemes and CSS properties (feedparser's), scripts
/// and their content dropped, event handlers and `javascript:` links removed, and relative URIs
/// (`href`, `src`, `cite`, `poster`, …) resolved against the content's base. The text a reader
/// sees is never changed: only markup is removed.
public enum HTMLCleaner {
    public struct Options: Sendable {
        /// Remove what the allowlist does not keep.
        public var sanitize: Bool
        /// Resolve relative URIs against this base (no resolution when `nil`).
        public var base: String?

        public init(sanitize: Bool = true, base: String? = nil) {
            self.sanitize = sanitize
            self.base = base
        }
    }

    /// Cleans an HTML (or XHTML) fragment.
    public static func clean(_ html: String, options: Options) -> String {
        clean(html, options: options, textOnly: false)
    }

    static func clean(_ html: String, options: Options, textOnly: Bool) -> String {
        guard options.sanitize || options.base != nil else { return html }
        // Plain text with no markup and no references: nothing to do.
        if !Self.containsByte(html, 0x3C) && !Self.containsByte(html, 0x26) {
            return options.sanitize ? finish(html) : html
        }
        let parser = FragmentParser.current
        let cleaner = Cleaner(options: options, textOnly: textOnly, names: parser.names)
        // A wrapper element of our own: text at the top level is not wrapped in an implied <p>,
        // and a stray end tag in the fragment cannot close anything outside it.
        let fragment = Self.prepared(html, sanitize: options.sanitize)
        var document: [UInt8] = []
        document.reserveCapacity(fragment.utf8.count + 64)
        document.append(contentsOf: Self.fragmentStart)
        if options.sanitize {
            cleaner.references.mark(fragment, into: &document)
        } else {
            document.append(contentsOf: fragment.utf8)
        }
        document.append(contentsOf: Self.fragmentEnd)
        parser.parse(document, into: cleaner)
        let output = String(decoding: cleaner.out, as: UTF8.self)
        return options.sanitize ? finish(output) : output
    }

    /// The text a reader sees: character data outside script, style and applet, white space
    /// collapsed. Cleaning must never change it.
    public static func visibleText(_ html: String) -> String {
        let cleaned = clean(html, options: .init(sanitize: true, base: nil), textOnly: true)
        return cleaned.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// feedparser's last step: surrounding white space trimmed, CRLF as LF.
    static func finish(_ s: String) -> String {
        var t = s
        if let first = t.utf8.first, let last = t.utf8.last, first <= 0x20 || last <= 0x20 {
            // ASCII white space as Python's str.strip() sees it in practice.
            let u = t.utf8
            let isSpace: (UInt8) -> Bool = { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
            let start = u.firstIndex { !isSpace($0) } ?? u.endIndex
            let end = u.lastIndex { !isSpace($0) }.map { u.index(after: $0) } ?? start
            t = start < end ? String(t[start..<end]) : ""
        }
        guard containsByte(t, 0x0D) else { return t }
        var out: [UInt8] = []
        out.reserveCapacity(t.utf8.count)
        var previousCR = false
        for b in t.utf8 {
            if b == 0x0A && previousCR { out.removeLast() }
            out.append(b)
            previousCR = b == 0x0D
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the string's UTF-8 holds `byte` (memchr over the contiguous bytes).
    static func containsByte(_ s: String, _ byte: UInt8) -> Bool {
        if let found = s.utf8.withContiguousStorageIfAvailable({ buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        }) {
            return found
        }
        return s.utf8.contains(byte)
    }

    /// A CDATA section in HTML is text, not markup (feedparser writes it as `&lt;![CDATA[`).
    static func prepared(_ html: String, sanitize: Bool) -> String {
        guard sanitize else { return html }
        let hasCDATA = html.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            let marker = Array("<![CDATA[".utf8)
            var from = 0
            while from < buffer.count, let hit = memchr(base + from, 0x3C, buffer.count - from) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if i + marker.count <= buffer.count && UnsafeBufferPointer(rebasing: buffer[i..<(i + marker.count)]).elementsEqual(marker) {
                    return true
                }
                from = i + 1
            }
            return false
        }
        if hasCDATA == false { return html }
        let marker = Array("<![CDATA[".utf8)
        let u = Array(html.utf8)
        var out: [UInt8]?
        var i = 0
        var copied = 0
        while i + marker.count <= u.count {
            if u[i] == 0x3C && u[i + 1] == 0x21 && u[i..<(i + marker.count)].elementsEqual(marker) {
                if out == nil { out = []; out!.reserveCapacity(u.count + 16) }
                out!.append(contentsOf: u[copied..<i])
                out!.append(contentsOf: Array("&lt;".utf8))
                copied = i + 1
                i += marker.count
                continue
            }
            i += 1
        }
        guard var result = out else { return html }
        result.append(contentsOf: u[copied...])
        return String(decoding: result, as: UTF8.self)
    }

    static let fragmentStart = Array("<mediawire-fragment>".utf8)
    static let fragmentEnd = Array("</mediawire-fragment>".utf8)
    static let svgNamespace = "http://www.w3.org/2000/svg"
    static let mathmlNamespace = "http://www.w3.org/1998/Math/MathML"
    static let xlinkNamespace = "http://www.w3.org/1999/xlink"
    /// libxml2 lower-cases names; SVG's mixed-case ones are restored from these.
    static let svgElementCase = Dictionary(Allowlists.svgElements.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
    static let svgAttributesLower = Set(Allowlists.svgAttributes.map { $0.lowercased() })
    /// ``Allowlists/relativeURIs`` as bits: one per attribute name that holds a URI on some element,
    /// and per element the bits of the attributes resolved on it.
    static let uriAttributeBits: [String: UInt64] = {
        let names = Set(Allowlists.relativeURIs.map { String($0.split(separator: " ")[1]) }).sorted()
        precondition(names.count <= 64)
        return Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, UInt64(1) << UInt64($0)) })
    }()
    static let uriAttributesByElement: [String: UInt64] = {
        var masks: [String: UInt64] = [:]
        for pair in Allowlists.relativeURIs {
            let parts = pair.split(separator: " ").map(String.init)
            masks[parts[0], default: 0] |= uriAttributeBits[parts[1]]!
        }
        return masks
    }()
    static let svgAttributeCase = Dictionary(Allowlists.svgAttributes.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
}

/// The state of one cleaning: output so far, and how deep inside dropped or foreign content.
final class Cleaner {
    let sanitize: Bool
    let base: URIResolver.ParsedBase?
    @exclusivity(unchecked) var out: [UInt8] = []
    /// Inside an element dropped with its content (script, style, applet).
    var droppedDepth = 0
    var mathml = 0
    var svg = 0
    var depth = 0
    /// Only character data is written, unescaped (for ``HTMLCleaner/visibleText(_:)``).
    let textOnly: Bool
    /// The references in the text, written back as they came.
    var references = References()

    init(options: HTMLCleaner.Options, textOnly: Bool = false, names: NameCache) {
        self.names = names
        self.textOnly = textOnly
        sanitize = options.sanitize
        base = options.base.map(URIResolver.ParsedBase.init)
        out.reserveCapacity(1024)
    }

    func emit(_ s: String) {
        guard !textOnly else { return }
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Element and attribute names as Strings, by libxml2's interned pointer.
    let names: NameCache

    @inline(__always)
    func name(_ pointer: UnsafePointer<xmlChar>) -> Name { names.name(pointer) }

    func start(_ rawName: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let element = name(rawName)
        var tag = element.string
        depth += 1
        if depth == 1 && tag == "mediawire-fragment" { return }
        var attrs: [(Name, String)] = []
        if let attributes {
            var i = 0
            while let key = attributes[i] {
                let value = attributes[i + 1].map { String(cString: $0) } ?? ""
                attrs.append((name(key), value))
                i += 2
            }
        }
        var acceptable = Name.Facts.attribute
        var svgCase = false
        if sanitize && (!element.facts.contains(.element) || svg > 0) {
            if element.facts.contains(.droppedWithContent) { droppedDepth += 1 }
            // Inline SVG and MathML in HTML have implicit namespaces.
            if !attrs.contains(where: { $0.0.string == "xmlns" }) {
                if tag == "svg" { attrs.append((names.xmlns, HTMLCleaner.svgNamespace)) }
                if tag == "math" { attrs.append((names.xmlns, HTMLCleaner.mathmlNamespace)) }
            }
            if tag == "math" && attrs.contains(where: { $0.0.string == "xmlns" && $0.1 == HTMLCleaner.mathmlNamespace }) { mathml += 1 }
            if tag == "svg" && attrs.contains(where: { $0.0.string == "xmlns" && $0.1 == HTMLCleaner.svgNamespace }) { svg += 1 }
            if mathml > 0 && element.facts.contains(.mathmlElement) {
                acceptable = .mathmlAttribute
            } else if svg > 0, let cased = element.svgElementCase {
                tag = cased
                acceptable = .svgAttribute
                svgCase = true
            } else if !element.facts.contains(.element) {
                return
            }
        }
        guard droppedDepth == 0 else { return }
        if sanitize && (mathml > 0 || svg > 0) && attrs.contains(where: { $0.0.string.hasPrefix("xlink:") })
            && !attrs.contains(where: { $0.0.string == "xmlns:xlink" && $0.1 == HTMLCleaner.xlinkNamespace })
        {
            attrs.append((names.xmlnsXlink, HTMLCleaner.xlinkNamespace))
        }
        // feedparser's normal form: one value per name (the last), `rel`/`type` lower-cased, sorted.
        if attrs.count > 1 {
            // Few attributes: a stable insertion sort, then the last of each name kept.
            for i in 1..<attrs.count {
                var j = i
                while j > 0 && attrs[j].0.string < attrs[j - 1].0.string {
                    attrs.swapAt(j, j - 1)
                    j -= 1
                }
            }
            var kept = 0
            for k in attrs.indices {
                if kept > 0 && attrs[kept - 1].0.string == attrs[k].0.string { attrs[kept - 1] = attrs[k] } else { attrs[kept] = attrs[k]; kept += 1 }
            }
            attrs.removeLast(attrs.count - kept)
        }
        emit("<")
        emit(tag)
        // Attributes are markup: for the visible text, none of them is worked on.
        for (key, raw) in attrs where !textOnly {
            if sanitize { guard key.facts.contains(acceptable) else { continue } }
            var value = key.facts.contains(.lowerCasedValue) ? raw.lowercased() : raw
            var resolved = false
            if base != nil, key.uriBit & element.uriAttributes != 0 {
                value = resolve(value)
                resolved = true
            }
            var written = key.string
            if sanitize {
                if key.facts.contains(.style) {
                    value = CSSCleaner.clean(value, svg: svg > 0)
                    if value.isEmpty { continue }
                } else {
                    if svgCase, let cased = key.svgAttributeCase { written = cased }
                    // A resolved URI has had its scheme checked already.
                    if key.facts.contains(.href) && !resolved { value = safe(value) }
                }
            }
            out.append(0x20)
            emit(written)
            out.append(0x3D)
            out.append(0x22)
            escapeAttribute(value)
            out.append(0x22)
        }
        emit(element.facts.contains(.void) && tag == element.string ? " />" : ">")
    }

    func end(_ rawName: UnsafePointer<xmlChar>) {
        let element = name(rawName)
        var tag = element.string
        defer { depth -= 1 }
        if depth == 1 && tag == "mediawire-fragment" { return }
        if sanitize && !element.facts.contains(.element) {
            if element.facts.contains(.droppedWithContent) {
                droppedDepth = max(0, droppedDepth - 1)
                return
            }
            if mathml > 0 && element.facts.contains(.mathmlElement) {
                if tag == "math" { mathml -= 1 }
            } else if svg > 0, let cased = element.svgElementCase {
                tag = cased
                if tag == "svg" { svg -= 1 }
            } else {
                return
            }
        }
        guard droppedDepth == 0 else { return }
        if !(element.facts.contains(.void) && tag == element.string) {
            emit("</")
            emit(tag)
            emit(">")
        }
    }

    func text(_ bytes: UnsafePointer<xmlChar>, _ length: Int) {
        guard droppedDepth == 0 else { return }
        let buffer = UnsafeBufferPointer(start: bytes, count: length)
        if textOnly {
            guard !references.isEmpty else { out.append(contentsOf: buffer); return }
            var i = 0
            while i < length {
                if let index = references.marker(buffer, at: i) {
                    out.append(contentsOf: references.decoded(index))
                    i += 4
                } else {
                    out.append(buffer[i])
                    i += 1
                }
            }
            return
        }
        // Runs without a special character are copied whole.
        let marker: UInt8 = references.isEmpty ? 0x26 : 0xF4
        var start = 0
        var i = 0
        while true {
            i = ByteScan.first(in: buffer, from: i, 0x26, 0x3C, 0x3E, marker)
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<i])) }
            guard i < length else { break }
            switch buffer[i] {
            case 0x26: out.append(contentsOf: Cleaner.amp)
            case 0x3C: out.append(contentsOf: Cleaner.lt)
            case 0x3E: out.append(contentsOf: Cleaner.gt)
            default:
                if let index = references.marker(buffer, at: i) {
                    references.appendWritten(index, to: &out)
                    i += 4
                    start = i
                    continue
                }
                out.append(buffer[i])
            }
            i += 1
            start = i
        }
    }

    /// Script and style bodies: kept as written when only resolving, gone when sanitizing.
    func raw(_ bytes: UnsafePointer<xmlChar>, _ length: Int) {
        guard droppedDepth == 0, !sanitize, !textOnly else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: bytes, count: length))
    }

    func comment(_ value: UnsafePointer<xmlChar>) {
        guard droppedDepth == 0 else { return }
        let text = String(cString: value)
        // Comments were not marked, so hold no markers.
        // Conditional comments are markup for some browsers: `<!--[if IE]><script>…`.
        if sanitize && (text.hasPrefix("[if") || text.lowercased().contains("<script")) { return }
        emit("<!--" + text + "-->")
    }

    static let amp: [UInt8] = Array("&amp;".utf8)
    static let lt: [UInt8] = Array("&lt;".utf8)
    static let gt: [UInt8] = Array("&gt;".utf8)
    static let quot: [UInt8] = Array("&quot;".utf8)

    func escapeAttribute(_ value: String) {
        guard !textOnly else { return }
        var value = value
        value.withUTF8 { buffer in
            var start = 0
            var i = 0
            while true {
                i = ByteScan.first(in: buffer, from: i, 0x26, 0x3C, 0x3E, 0x22)
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<i])) }
                guard i < buffer.count else { break }
                switch buffer[i] {
                case 0x26: out.append(contentsOf: Cleaner.amp)
                case 0x3C: out.append(contentsOf: Cleaner.lt)
                case 0x3E: out.append(contentsOf: Cleaner.gt)
                default: out.append(contentsOf: Cleaner.quot)
                }
                i += 1
                start = i
            }
        }
    }

    /// A URI attribute against the base; one with a scheme we do not allow becomes empty.
    func resolve(_ value: String) -> String {
        let trimmed = value.trimmingWhitespace()
        guard let base else { return trimmed }
        let resolved = URIResolver.resolve(trimmed, against: base)
        return URIResolver.resolveSafely(resolved, against: nil) ?? ""
    }

    /// An `href` whose scheme is not on the allowlist (`javascript:`, `data:`) becomes empty.
    func safe(_ value: String) -> String {
        URIResolver.resolveSafely(value, against: nil) ?? ""
    }
}

/// An element or attribute name and what the allowlists say of it, worked out once per name.
final class Name {
    struct Facts: OptionSet {
        let rawValue: UInt16
        /// An HTML element kept.
        static let element = Facts(rawValue: 1 << 0)
        static let droppedWithContent = Facts(rawValue: 1 << 1)
        static let void = Facts(rawValue: 1 << 2)
        static let mathmlElement = Facts(rawValue: 1 << 3)
        /// An HTML attribute kept.
        static let attribute = Facts(rawValue: 1 << 4)
        static let mathmlAttribute = Facts(rawValue: 1 << 5)
        static let svgAttribute = Facts(rawValue: 1 << 6)
        static let style = Facts(rawValue: 1 << 7)
        static let href = Facts(rawValue: 1 << 8)
        /// `rel` and `type`: values written lower-cased.
        static let lowerCasedValue = Facts(rawValue: 1 << 9)
    }

    let string: String
    let facts: Facts
    /// The SVG spelling (`clipPath`), when the name is an SVG element or attribute.
    let svgElementCase: String?
    let svgAttributeCase: String?
    /// As an attribute: its bit among the URI attributes (0 when it is none).
    let uriBit: UInt64
    /// As an element: the bits of the URI attributes resolved on it (`img src`, `a href`, …).
    let uriAttributes: UInt64

    init(_ lowercased: String) {
        string = lowercased
        var facts: Facts = []
        if Allowlists.elements.contains(lowercased) { facts.insert(.element) }
        if Allowlists.droppedWithContent.contains(lowercased) { facts.insert(.droppedWithContent) }
        if Allowlists.void.contains(lowercased) { facts.insert(.void) }
        if Allowlists.mathmlElements.contains(lowercased) { facts.insert(.mathmlElement) }
        if Allowlists.attributes.contains(lowercased) { facts.insert(.attribute) }
        if Allowlists.mathmlAttributes.contains(lowercased) { facts.insert(.mathmlAttribute) }
        if HTMLCleaner.svgAttributesLower.contains(lowercased) { facts.insert(.svgAttribute) }
        if lowercased == "style" { facts.insert(.style) }
        if lowercased == "href" { facts.insert(.href) }
        if lowercased == "rel" || lowercased == "type" { facts.insert(.lowerCasedValue) }
        self.facts = facts
        svgElementCase = HTMLCleaner.svgElementCase[lowercased]
        svgAttributeCase = HTMLCleaner.svgAttributeCase[lowercased]
        uriBit = HTMLCleaner.uriAttributeBits[lowercased] ?? 0
        uriAttributes = HTMLCleaner.uriAttributesByElement[lowercased] ?? 0
    }
}

/// Names by libxml2's interned pointer: the parser context's dictionary holds each name once, and
/// lives for many fragments, so each name is looked up in the allowlists once.
final class NameCache {
    /// The first names seen, searched in order (a fragment uses a dozen or so); the rest by hash.
    private var entries: [(UnsafePointer<xmlChar>, Name)] = []
    private var more: [UnsafePointer<xmlChar>: Name] = [:]
    static let capacity = 64
    /// Attributes the cleaner adds itself.
    let xmlns = Name("xmlns")
    let xmlnsXlink = Name("xmlns:xlink")

    @inline(__always)
    func name(_ pointer: UnsafePointer<xmlChar>) -> Name {
        for (p, n) in entries where p == pointer { return n }
        if let n = more[pointer] { return n }
        var s = String(cString: pointer)
        // libxml2's HTML parser lower-cases names already; only a foreign one may need it.
        if s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { s = s.lowercased() }
        let n = Name(s)
        // Bounded: the context is made anew before its dictionary holds too many names.
        if entries.count < NameCache.capacity { entries.append((pointer, n)) } else { more[pointer] = n }
        return n
    }

    /// Forgets every name (their pointers die with the dictionary).
    func removeAll() {
        entries.removeAll(keepingCapacity: true)
        more.removeAll()
    }
}

/// One libxml2 HTML parser context per thread, reused fragment after fragment: creating a context
/// per fragment and the push parser's look-ahead cost about a third of the cleaning.
final class FragmentParser {
    private var ctxt: htmlParserCtxtPtr?
    private var uses = 0
    /// Parsing a fragment now. The cleaner's callbacks never start another clean; if one ever did,
    /// it would parse with this very context mid-parse, so that stops the process instead.
    private var busy = false
    let names = NameCache()

    /// Fragments per context, and names per dictionary, before the context is made anew: a
    /// hostile feed inventing names must not grow a long-lived dictionary without end.
    static let usesPerContext = 4096
    static let namesPerDictionary = 2048

    static let flags =
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
        | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_IGNORE_ENC.rawValue

    private static let key: pthread_key_t = {
        _ = SAXDriver.initialize
        var key = pthread_key_t()
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<FragmentParser>.fromOpaque(pointer).release()
        }
        return key
    }()

    /// This thread's parser.
    static var current: FragmentParser {
        if let pointer = pthread_getspecific(key) { return Unmanaged<FragmentParser>.fromOpaque(pointer).takeUnretainedValue() }
        let parser = FragmentParser()
        pthread_setspecific(key, Unmanaged.passRetained(parser).toOpaque())
        return parser
    }

    deinit { if let ctxt { htmlFreeParserCtxt(ctxt) } }

    private func context() -> htmlParserCtxtPtr? {
        if let ctxt, uses < FragmentParser.usesPerContext, xmlDictSize(ctxt.pointee.dict) < FragmentParser.namesPerDictionary {
            uses += 1
            return ctxt
        }
        if let ctxt { htmlFreeParserCtxt(ctxt) }
        ctxt = nil
        names.removeAll()
        uses = 1
        guard let fresh = htmlNewParserCtxt() else { return nil }
        var handler = xmlSAXHandler()
        handler.initialized = 1
        handler.startElement = { ctx, name, attributes in
            guard let ctx, let name else { return }
            Unmanaged<Cleaner>.fromOpaque(ctx).takeUnretainedValue().start(name, attributes)
        }
        handler.endElement = { ctx, name in
            guard let ctx, let name else { return }
            Unmanaged<Cleaner>.fromOpaque(ctx).takeUnretainedValue().end(name)
        }
        let characters: charactersSAXFunc = { ctx, bytes, length in
            guard let ctx, let bytes else { return }
            Unmanaged<Cleaner>.fromOpaque(ctx).takeUnretainedValue().text(bytes, Int(length))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = { ctx, bytes, length in
            guard let ctx, let bytes else { return }
            Unmanaged<Cleaner>.fromOpaque(ctx).takeUnretainedValue().raw(bytes, Int(length))
        }
        handler.comment = { ctx, value in
            guard let ctx, let value else { return }
            Unmanaged<Cleaner>.fromOpaque(ctx).takeUnretainedValue().comment(value)
        }
        fresh.pointee.sax.pointee = handler
        ctxt = fresh
        return fresh
    }

    /// Parses one whole document (the wrapped fragment), calling back into `cleaner`.
    func parse(_ document: [UInt8], into cleaner: Cleaner) {
        precondition(!busy, "HTMLCleaner.clean called from inside a clean on the same thread")
        busy = true
        defer { busy = false }
        guard let ctxt = context() else { return }
        ctxt.pointee.userData = Unmanaged.passUnretained(cleaner).toOpaque()
        let doc = document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(ctxt, chars.baseAddress, Int32(chars.count), nil, "UTF-8", Int32(FragmentParser.flags))
            }
        }
        // The handler builds no tree; free one should libxml2 have made it all the same.
        if let doc { xmlFreeDoc(doc) }
        ctxt.pointee.userData = nil
    }
}
