import CLibXML2

/// Checks on XML text that is about to be written into a document.
public enum XMLFragment {
    /// Whether `markup` is well-formed as the children of one element (e.g. the serialized
    /// children of an Atom xhtml `div`). No entity but the five XML ones is defined, no DTD or
    /// network access happens.
    public static func isWellFormed(children markup: String, namespace: String = "http://www.w3.org/1999/xhtml") -> Bool {
        _ = SAXDriver.initialize
        let document = "<div xmlns=\"\(namespace)\">" + markup + "</div>"
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let parsed: xmlDocPtr? = document.utf8CString.withUnsafeBufferPointer { buffer in
            xmlReadMemory(buffer.baseAddress, Int32(buffer.count - 1), nil, "UTF-8", options)
        }
        guard let parsed else { return false }
        xmlFreeDoc(parsed)
        return true
    }
}
