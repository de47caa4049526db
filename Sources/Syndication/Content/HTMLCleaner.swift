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
        _ = SAXDriver.initialize
        let cleaner = Cleaner(options: options, textOnly: textOnly)
        var handler = xmlSAXHandler()
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
        let user = Unmanaged.passUnretained(cleaner).toOpaque()
        guard let ctxt = htmlCreatePushParserCtxt(&handler, user, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else { return html }
        defer { htmlFreeParserCtxt(ctxt) }
        let flags = HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOIMPLIED.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
        htmlCtxtUseOptions(ctxt, Int32(flags))
        document.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = htmlParseChunk(ctxt, chars.baseAddress, Int32(chars.count), 0)
            }
        }
        _ = htmlParseChunk(ctxt, nil, 0, 1)
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
    /// Attribute names that hold a URI on some element (the pairs are in ``Allowlists/relativeURIs``).
    static let uriAttributes = Set(Allowlists.relativeURIs.map { String($0.split(separator: " ")[1]) })
    static let svgAttributeCase = Dictionary(Allowlists.svgAttributes.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
}

/// The state of one cleaning: output so far, and how deep inside dropped or foreign content.
private final class Cleaner {
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

    init(options: HTMLCleaner.Options, textOnly: Bool = false) {
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

    /// Names seen in this fragment, by libxml2's interned pointer (its dictionary holds each
    /// name once), so each is turned into a String once.
    private var names: [(UnsafePointer<xmlChar>, String)] = []

    @inline(__always)
    func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        for (p, s) in names where p == pointer { return s }
        var s = String(cString: pointer)
        // libxml2's HTML parser lower-cases names already; only a foreign one may need it.
        if s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { s = s.lowercased() }
        if names.count < 64 { names.append((pointer, s)) }
        return s
    }

    func start(_ rawName: UnsafePointer<xmlChar>, _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        var tag = name(rawName)
        depth += 1
        if depth == 1 && tag == "mediawire-fragment" { return }
        var attrs: [(String, String)] = []
        if let attributes {
            var i = 0
            while let key = attributes[i] {
                let value = attributes[i + 1].map { String(cString: $0) } ?? ""
                attrs.append((name(key), value))
                i += 2
            }
        }
        var acceptable = Allowlists.attributes
        var svgCase = false
        if sanitize && (!Allowlists.elements.contains(tag) || svg > 0) {
            if Allowlists.droppedWithContent.contains(tag) { droppedDepth += 1 }
            // Inline SVG and MathML in HTML have implicit namespaces.
            if !attrs.contains(where: { $0.0 == "xmlns" }) {
                if tag == "svg" { attrs.append(("xmlns", HTMLCleaner.svgNamespace)) }
                if tag == "math" { attrs.append(("xmlns", HTMLCleaner.mathmlNamespace)) }
            }
            if tag == "math" && attrs.contains(where: { $0 == ("xmlns", HTMLCleaner.mathmlNamespace) }) { mathml += 1 }
            if tag == "svg" && attrs.contains(where: { $0 == ("xmlns", HTMLCleaner.svgNamespace) }) { svg += 1 }
            if mathml > 0 && Allowlists.mathmlElements.contains(tag) {
                acceptable = Allowlists.mathmlAttributes
            } else if svg > 0, let cased = HTMLCleaner.svgElementCase[tag] {
                tag = cased
                acceptable = HTMLCleaner.svgAttributesLower
                svgCase = true
            } else if !Allowlists.elements.contains(tag) {
                return
            }
        }
        guard droppedDepth == 0 else { return }
        if sanitize && (mathml > 0 || svg > 0) && attrs.contains(where: { $0.0.hasPrefix("xlink:") })
            && !attrs.contains(where: { $0 == ("xmlns:xlink", HTMLCleaner.xlinkNamespace) }) {
            attrs.append(("xmlns:xlink", HTMLCleaner.xlinkNamespace))
        }
        // feedparser's normal form: one value per name (the last), `rel`/`type` lower-cased, sorted.
        if attrs.count > 1 {
            // Few attributes: a stable insertion sort, then the last of each name kept.
            for i in 1..<attrs.count {
                var j = i
                while j > 0 && attrs[j].0 < attrs[j - 1].0 {
                    attrs.swapAt(j, j - 1)
                    j -= 1
                }
            }
            var unique: [(String, String)] = []
            unique.reserveCapacity(attrs.count)
            for a in attrs {
                if let last = unique.last, last.0 == a.0 { unique[unique.count - 1] = a } else { unique.append(a) }
            }
            attrs = unique
        }
        emit("<")
        emit(tag)
        for (key, raw) in attrs {
            var value = (key == "rel" || key == "type") ? raw.lowercased() : raw
            var name = key
            var resolved = false
            if base != nil, HTMLCleaner.uriAttributes.contains(key),
               Allowlists.relativeURIs.contains(tag.lowercased() + " " + key) {
                value = resolve(value)
                resolved = true
            }
            if sanitize {
                if key == "style" {
                    guard acceptable.contains("style") else { continue }
                    value = CSSCleaner.clean(value, svg: svg > 0)
                    if value.isEmpty { continue }
                } else {
                    guard acceptable.contains(key) else { continue }
                    if svgCase { name = HTMLCleaner.svgAttributeCase[key] ?? key }
                    // A resolved URI has had its scheme checked already.
                    if key == "href" && !resolved { value = safe(value) }
                }
            }
            emit(" ")
            emit(name)
            emit("=\"")
            escapeAttribute(value)
            emit("\"")
        }
        emit(Allowlists.void.contains(tag) ? " />" : ">")
    }

    func end(_ rawName: UnsafePointer<xmlChar>) {
        var tag = name(rawName)
        defer { depth -= 1 }
        if depth == 1 && tag == "mediawire-fragment" { return }
        if sanitize && !Allowlists.elements.contains(tag) {
            if Allowlists.droppedWithContent.contains(tag) {
                droppedDepth = max(0, droppedDepth - 1)
                return
            }
            if mathml > 0 && Allowlists.mathmlElements.contains(tag) {
                if tag == "math" { mathml -= 1 }
            } else if svg > 0, let cased = HTMLCleaner.svgElementCase[tag] {
                tag = cased
                if tag == "svg" { svg -= 1 }
            } else {
                return
            }
        }
        guard droppedDepth == 0 else { return }
        if !Allowlists.void.contains(tag) { emit("</" + tag + ">") }
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
        let marked = !references.isEmpty
        var start = 0
        var i = 0
        while i < length {
            let b = buffer[i]
            guard b == 0x26 || b == 0x3C || b == 0x3E || (marked && b == 0xF4) else { i += 1; continue }
            if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<i])) }
            switch b {
            case 0x26: out.append(contentsOf: Cleaner.amp)
            case 0x3C: out.append(contentsOf: Cleaner.lt)
            case 0x3E: out.append(contentsOf: Cleaner.gt)
            default:
                if let index = references.marker(buffer, at: i) {
                    out.append(contentsOf: references.written[index])
                    i += 4
                    start = i
                    continue
                }
                out.append(b)
            }
            i += 1
            start = i
        }
        if length > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[start..<length])) }
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
        for b in value.utf8 {
            switch b {
            case 0x26: out.append(contentsOf: Cleaner.amp)
            case 0x3C: out.append(contentsOf: Cleaner.lt)
            case 0x3E: out.append(contentsOf: Cleaner.gt)
            case 0x22: out.append(contentsOf: Cleaner.quot)
            default: out.append(b)
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
