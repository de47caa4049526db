import CLibXML2

/// Checks on XML text that is about to be written into a document.
public enum XMLFragment {
    public static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"

    /// Whether `markup` is well-formed as the children of one element (e.g. the serialized
    /// children of an Atom xhtml `div`). No entity but the five XML ones is defined, no DTD or
    /// network access happens.
    public static func isWellFormed(children markup: String, namespace: String = xhtmlNamespace) -> Bool {
        withDocument(children: markup, namespace: namespace) { _ in true } ?? false
    }

    /// Whether `markup` can be the content of an Atom `xhtml` text construct as RFC 4287's
    /// schema states it: well-formed, and every element in the XHTML namespace (SVG, MathML or
    /// any other vocabulary inside makes the construct invalid).
    public static func isXHTMLOnly(children markup: String) -> Bool {
        withDocument(children: markup, namespace: xhtmlNamespace) { root in
            allXHTML(root)
        } ?? false
    }

    private static func allXHTML(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                guard let ns = c.pointee.ns, let href = ns.pointee.href,
                    String(cString: href) == xhtmlNamespace, allXHTML(c)
                else { return false }
            }
            child = c.pointee.next
        }
        return true
    }

    private static func withDocument<R>(children markup: String, namespace: String, _ body: (xmlNodePtr) -> R) -> R? {
        _ = SAXDriver.initialize
        let document = "<div xmlns=\"\(namespace)\">" + markup + "</div>"
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = document.utf8CString.withUnsafeBufferPointer { buffer in
            xmlReadMemory(buffer.baseAddress, Int32(buffer.count - 1), nil, "UTF-8", options)
        }
        guard let parsed else { return nil }
        defer { xmlFreeDoc(parsed) }
        guard let root = xmlDocGetRootElement(parsed) else { return nil }
        return body(root)
    }
}
