import CLibXML2
import Foundation

/// Receives the events of one XML parse. Names arrive as interned Swift strings.
package protocol SAXReceiver: AnyObject {
    func startElement(
        uri: String?, prefix: String?, localName: String, attributes: [ExtensionElement.Attribute],
        namespaceDeclarations: [(prefix: String?, uri: String)])
    func endElement()
    func characters(_ bytes: UnsafeBufferPointer<UInt8>)
    func doctype(name: String?, externalID: String?, systemID: String?)
    /// An entity the XML did not declare but HTML does (`&nbsp;`): resolved, and noted.
    func undeclaredHTMLEntity(_ name: String)
    func xmlError(message: String, line: Int, column: Int, fatal: Bool)
    /// CDATA sections, when the driver keeps them apart (`keepCDATA`); otherwise they arrive as
    /// ``characters(_:)``.
    func cdata(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Return `false` to stop the parse (a limit was hit).
    var shouldContinue: Bool { get }
}

extension SAXReceiver {
    package func cdata(_ bytes: UnsafeBufferPointer<UInt8>) { characters(bytes) }
}

/// One libxml2 SAX2 push parse. Build a new driver per document; it is not reusable.
package final class SAXDriver {
    private let receiver: any SAXReceiver
    private var ctxt: xmlParserCtxtPtr?
    private var handler = xmlSAXHandler()
    private var names: [UnsafeRawPointer: String] = [:]
    private var htmlEntities: [String: UnsafeMutablePointer<xmlEntity>] = [:]
    private var attributeScratch: [ExtensionElement.Attribute] = []
    private var started = false
    private var pending: [UInt8] = []

    static let initialize: Void = { xmlInitParser() }()

    /// Whether CDATA sections are reported apart from other text (the validator needs to know).
    private let keepCDATA: Bool

    package init(receiver: any SAXReceiver, keepCDATA: Bool = false) {
        _ = SAXDriver.initialize
        self.receiver = receiver
        self.keepCDATA = keepCDATA
        handler.initialized = UInt32(XML_SAX2_MAGIC)
        handler.startElementNs = { ctx, localname, prefix, uri, nbNamespaces, namespaces, nbAttributes, _, attributes in
            SAXDriver.with(ctx) {
                $0.startElement(localname, prefix, uri, Int(nbNamespaces), namespaces, Int(nbAttributes), attributes)
            }
        }
        handler.endElementNs = { ctx, _, _, _ in
            SAXDriver.with(ctx) { driver in
                driver.receiver.endElement()
                driver.stopIfAsked(ctx)
            }
        }
        handler.characters = { ctx, chars, len in
            guard let chars, len > 0 else { return }
            SAXDriver.with(ctx) { driver in
                driver.receiver.characters(UnsafeBufferPointer(start: chars, count: Int(len)))
                driver.stopIfAsked(ctx)
            }
        }
        if keepCDATA {
            handler.cdataBlock = { ctx, chars, len in
                guard let chars, len > 0 else { return }
                SAXDriver.with(ctx) { driver in
                    driver.receiver.cdata(UnsafeBufferPointer(start: chars, count: Int(len)))
                    driver.stopIfAsked(ctx)
                }
            }
        } else {
            handler.cdataBlock = handler.characters
        }
        // The default start-document handler gives DTD entity declarations a document to live in.
        handler.startDocument = { ctx in xmlSAX2StartDocument(ctx) }
        handler.internalSubset = { ctx, name, externalID, systemID in
            xmlSAX2InternalSubset(ctx, name, externalID, systemID)
            SAXDriver.from(ctx).receiver.doctype(
                name: name.map { String(cString: $0) },
                externalID: externalID.map { String(cString: $0) },
                systemID: systemID.map { String(cString: $0) })
        }
        handler.entityDecl = { ctx, name, type, publicID, systemID, content in
            // External entities are never declared, so never loaded: a document cannot make us
            // read a file or touch the network.
            guard type == XML_INTERNAL_GENERAL_ENTITY.rawValue || type == XML_INTERNAL_PARAMETER_ENTITY.rawValue else {
                return
            }
            xmlSAX2EntityDecl(ctx, name, type, publicID, systemID, content)
        }
        handler.getEntity = { ctx, name in
            guard let name else { return nil }
            if let predefined = xmlGetPredefinedEntity(name) { return predefined }
            if let declared = xmlSAX2GetEntity(ctx, name) { return declared }
            return SAXDriver.from(ctx).htmlEntity(name)
        }
        handler.getParameterEntity = { ctx, name in xmlSAX2GetParameterEntity(ctx, name) }
        handler.serror = { userData, error in
            guard let userData, let error else { return }
            let ctxt = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let priv = ctxt.pointee._private else { return }
            let driver = Unmanaged<SAXDriver>.fromOpaque(priv).takeUnretainedValue()
            let e = error.pointee
            let message =
                e.message.map { String(cString: $0) }?
                .trimmingWhitespace() ?? "XML error \(e.code)"
            driver.receiver.xmlError(
                message: message, line: Int(e.line), column: Int(e.int2),
                fatal: e.level.rawValue >= XML_ERR_ERROR.rawValue)
        }
    }

    deinit {
        if let ctxt {
            if let doc = ctxt.pointee.myDoc { xmlFreeDoc(doc) }
            ctxt.pointee.myDoc = nil
            xmlFreeParserCtxt(ctxt)
        }
        for (_, entity) in htmlEntities {
            free(UnsafeMutableRawPointer(mutating: entity.pointee.name))
            free(entity.pointee.content)
            entity.deallocate()
        }
    }

    /// The line and column the parser is at (inside a callback: where the event ends).
    package var position: (line: Int, column: Int) {
        guard let ctxt else { return (0, 0) }
        return (Int(xmlSAX2GetLineNumber(ctxt)), Int(xmlSAX2GetColumnNumber(ctxt)))
    }

    /// Ends the parse from inside a callback.
    package func stop() {
        if let ctxt { xmlStopParser(ctxt) }
    }

    /// Feeds the next chunk of UTF-8 bytes.
    package func push(_ bytes: UnsafeBufferPointer<UInt8>) {
        if !started {
            // libxml2 wants the first bytes at creation to detect the encoding.
            pending.append(contentsOf: bytes)
            if pending.count < 512 && pending.starts(with: SAXDriver.declarationStart)
                && !pending.contains(UInt8(ascii: ">"))
            {
                return
            }
            if pending.count < 4 { return }
            start(with: pending)
            pending = []
            return
        }
        guard let ctxt, let base = bytes.baseAddress, bytes.count > 0 else { return }
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            _ = xmlParseChunk(ctxt, $0, Int32(bytes.count), 0)
        }
    }

    /// Ends the document.
    package func finish() {
        if !started { start(with: pending); pending = [] }
        guard let ctxt else { return }
        _ = xmlParseChunk(ctxt, nil, 0, 1)
    }

    private static let declarationStart = Array("<?xml".utf8)

    private func start(with given: [UInt8]) {
        started = true
        // The bytes are UTF-8 by now whatever the declaration says; libxml2 would still reject a
        // declared name it does not know (`encoding="437"`), so state what is true instead.
        var first = given
        if first.starts(with: SAXDriver.declarationStart), let close = first.firstIndex(of: UInt8(ascii: ">")),
            close > 0, first[close - 1] == UInt8(ascii: "?")
        {
            first.replaceSubrange(0...close, with: Array("<?xml version=\"1.0\"?>".utf8))
        }
        let head = min(first.count, 4)
        ctxt = first.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(head, 1)) {
                xmlCreatePushParserCtxt(&handler, nil, head > 0 ? $0 : nil, Int32(head), nil)
            }
        }
        guard let ctxt else { return }
        ctxt.pointee._private = Unmanaged.passUnretained(self).toOpaque()
        var options = XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_IGNORE_ENC.rawValue
        if !keepCDATA { options |= XML_PARSE_NOCDATA.rawValue }
        xmlCtxtUseOptions(ctxt, Int32(options))
        if first.count > head {
            first.withUnsafeBufferPointer { buf in
                buf.baseAddress!.advanced(by: head).withMemoryRebound(to: CChar.self, capacity: buf.count - head) {
                    _ = xmlParseChunk(ctxt, $0, Int32(buf.count - head), 0)
                }
            }
        }
    }

    private static func from(_ ctx: UnsafeMutableRawPointer?) -> SAXDriver {
        let ctxt = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
        return Unmanaged<SAXDriver>.fromOpaque(ctxt.pointee._private!).takeUnretainedValue()
    }

    /// The driver behind a callback's context, without retaining it: the parse it runs holds it.
    /// (The callbacks that run once per element or text run go through here.)
    @inline(__always)
    private static func with(_ ctx: UnsafeMutableRawPointer?, _ body: (SAXDriver) -> Void) {
        let ctxt = ctx!.assumingMemoryBound(to: xmlParserCtxt.self)
        Unmanaged<SAXDriver>.fromOpaque(ctxt.pointee._private!)._withUnsafeGuaranteedRef(body)
    }

    private func stopIfAsked(_ ctx: UnsafeMutableRawPointer?) {
        if !receiver.shouldContinue { mw_stopParser(ctx) }
    }

    /// libxml2 interns names in its dictionary, so one pointer is one name: convert it once.
    @inline(__always)
    private func name(_ pointer: UnsafePointer<xmlChar>) -> String {
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let string = String(cString: pointer)
        names[key] = string
        return string
    }

    private func startElement(
        _ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
        _ uri: UnsafePointer<xmlChar>?, _ nbNamespaces: Int,
        _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ nbAttributes: Int,
        _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    ) {
        guard let localname else { return }
        var declarations: [(prefix: String?, uri: String)] = []
        if nbNamespaces > 0, let namespaces {
            declarations.reserveCapacity(nbNamespaces)
            for i in 0..<nbNamespaces {
                let p = namespaces[2 * i].map { name($0) }
                let u = namespaces[2 * i + 1].map { String(cString: $0) } ?? ""
                declarations.append((p, u))
            }
        }
        attributeScratch.removeAll(keepingCapacity: true)
        if nbAttributes > 0, let attributes {
            for i in 0..<nbAttributes {
                let a = attributes + 5 * i
                guard let local = a[0], let start = a[3], let end = a[4] else { continue }
                let value = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                attributeScratch.append(
                    .init(
                        namespace: a[2].map { name($0) }, prefix: a[1].map { name($0) },
                        name: name(local), value: unescapeAttribute(value)))
            }
        }
        receiver.startElement(
            uri: uri.map { name($0) }, prefix: prefix.map { name($0) }, localName: name(localname),
            attributes: attributeScratch, namespaceDeclarations: declarations)
        if !receiver.shouldContinue, let ctxt { xmlStopParser(ctxt) }
    }

    /// Without entity substitution libxml2 leaves `&` as `&#38;` and keeps references to
    /// general entities as written (`&nbsp;`) in attribute values; finish the job here.
    private func unescapeAttribute(_ value: String) -> String {
        guard HTMLCleaner.containsByte(value, UInt8(ascii: "&")) else { return value }
        return HTMLEntities.decodeReferences(value)
    }

    private func htmlEntity(_ name: UnsafePointer<xmlChar>) -> xmlEntityPtr? {
        let key = String(cString: name)
        if let known = htmlEntities[key] { return known }
        guard let scalar = HTMLEntities.scalar(named: key) else { return nil }
        let utf8 = Array(String(Character(scalar)).utf8)
        let entity = UnsafeMutablePointer<xmlEntity>.allocate(capacity: 1)
        entity.initialize(to: xmlEntity())
        entity.pointee.type = XML_ENTITY_DECL
        // A general (not predefined) entity: libxml2 copies only the first byte of a predefined
        // entity into attribute values, which would cut multi-byte characters.
        entity.pointee.etype = XML_INTERNAL_GENERAL_ENTITY
        entity.pointee.name = UnsafePointer(strdup(key).map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: xmlChar.self) })
        let content = malloc(utf8.count + 1)!.assumingMemoryBound(to: xmlChar.self)
        content.initialize(from: utf8, count: utf8.count)
        content[utf8.count] = 0
        entity.pointee.content = content
        entity.pointee.length = Int32(utf8.count)
        htmlEntities[key] = entity
        receiver.undeclaredHTMLEntity(key)
        return entity
    }
}
