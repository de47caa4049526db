import Foundation

/// Decides which character encodings to try for a document, in order, following RFC 3023 and the
/// XML specification's appendix F the way feedparser does, so the same bytes decode the same way.
struct EncodingPlan: Sendable, Equatable {
    /// Encodings to try, first first (lower-case names).
    var candidates: [String]
    /// The encoding the document should be in by the rules: using another one is an override.
    var declared: String
    /// Bytes of byte-order mark to skip.
    var bomLength: Int
    /// HTTP said this is not an XML media type.
    var nonXMLContentType: String?
    /// The document is JSON (by media type or by its first byte).
    var isJSON: Bool

    /// - Parameters:
    ///   - head: the first bytes of the document (a kilobyte is plenty).
    ///   - contentType: the HTTP `Content-Type` header, or `nil` for a file.
    ///   - charset: a charset the caller knows better than the document (overrides `contentType`'s).
    static func make(head: ArraySlice<UInt8>, contentType: String?, charset: String?, fromHTTP: Bool) -> EncodingPlan {
        let b = Array(head.prefix(4))
        var bom = ""
        var bomLength = 0
        func starts(_ sig: [UInt8]) -> Bool { b.count >= sig.count && Array(b.prefix(sig.count)) == sig }
        if starts([0x00, 0x00, 0xFE, 0xFF]) {
            bom = "utf-32be"; bomLength = 4
        } else if starts([0xFF, 0xFE, 0x00, 0x00]) {
            bom = "utf-32le"; bomLength = 4
        } else if starts([0xFE, 0xFF]) && !(b.count >= 4 && b[2] == 0 && b[3] == 0) {
            bom = "utf-16be"; bomLength = 2
        } else if starts([0xFF, 0xFE]) && !(b.count >= 4 && b[2] == 0 && b[3] == 0) {
            bom = "utf-16le"; bomLength = 2
        } else if starts([0xEF, 0xBB, 0xBF]) {
            bom = "utf-8"; bomLength = 3
        } else if starts([0x4C, 0x6F, 0xA7, 0x94]) {
            bom = "cp037"
        } else if starts([0x00, 0x3C, 0x00, 0x3F]) {
            bom = "utf-16be"
        } else if starts([0x3C, 0x00, 0x3F, 0x00]) {
            bom = "utf-16le"
        } else if starts([0x00, 0x00, 0x00, 0x3C]) {
            bom = "utf-32be"
        } else if starts([0x3C, 0x00, 0x00, 0x00]) {
            bom = "utf-32le"
        }

        var xmlEncoding = ""
        let body = head.dropFirst(bomLength)
        let asText: [UInt8]
        if bom.isEmpty || bom == "utf-8" {
            asText = Array(body.prefix(512))
        } else {
            asText = Transcoder.decodeHead(Array(body.prefix(2048)), from: bom)
        }
        if let declared = xmlDeclarationEncoding(asText) {
            xmlEncoding = declared.lowercased()
            let unicodeNames: Set<String> = [
                "u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32",
                "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4",
            ]
            if !bom.isEmpty, unicodeNames.contains(xmlEncoding) { xmlEncoding = bom }
        }

        let (mediaType, httpCharset) = parseContentType(contentType ?? "")
        let httpEncoding = (charset ?? httpCharset)?.lowercased() ?? ""
        let applicationTypes: Set<String> = ["application/xml", "application/xml-dtd", "application/xml-external-parsed-entity"]
        let textTypes: Set<String> = ["text/xml", "text/xml-external-parsed-entity"]
        var acceptable = false
        var isJSON = false
        let rfc3023: String
        if applicationTypes.contains(mediaType) || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+xml")) {
            acceptable = true
            rfc3023 = nonEmpty(httpEncoding) ?? nonEmpty(xmlEncoding) ?? "utf-8"
        } else if textTypes.contains(mediaType) || (mediaType.hasPrefix("text/") && mediaType.hasSuffix("+xml")) {
            acceptable = true
            rfc3023 = nonEmpty(httpEncoding) ?? "us-ascii"
        } else if mediaType == "application/feed+json" || mediaType == "application/json"
            || (mediaType.isEmpty && firstNonSpace(body) == UInt8(ascii: "{"))
        {
            acceptable = true
            isJSON = true
            rfc3023 = nonEmpty(httpEncoding) ?? "utf-8"
        } else if mediaType.hasPrefix("text/") {
            rfc3023 = nonEmpty(httpEncoding) ?? "us-ascii"
        } else if fromHTTP && contentType == nil {
            rfc3023 = nonEmpty(xmlEncoding) ?? "iso-8859-1"
        } else {
            rfc3023 = nonEmpty(httpEncoding) ?? nonEmpty(xmlEncoding) ?? "utf-8"
        }
        var declared = rfc3023 == "gb2312" ? "gb18030" : rfc3023
        if xmlEncoding == "gb2312" { xmlEncoding = "gb18030" }
        var nonXML: String?
        if fromHTTP && !acceptable {
            nonXML = contentType.map { "\($0) is not an XML media type" } ?? "no Content-type specified"
        }
        var candidates: [String] = []
        for c in [declared, xmlEncoding, bom, "utf-8", "windows-1252", "iso-8859-2"] where !c.isEmpty && !candidates.contains(c) {
            candidates.append(c)
        }
        if declared.isEmpty { declared = "utf-8" }
        return EncodingPlan(
            candidates: candidates, declared: declared, bomLength: bomLength,
            nonXMLContentType: nonXML, isJSON: isJSON)
    }

    private static func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    private static func firstNonSpace(_ bytes: ArraySlice<UInt8>) -> UInt8? {
        bytes.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
    }

    /// `<?xml ... encoding="NAME" ... ?>` at the very start.
    static func xmlDeclarationEncoding(_ text: [UInt8]) -> String? {
        guard text.starts(with: Array("<?".utf8)), let end = text.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let decl = String(decoding: text[..<end], as: UTF8.self)
        guard let range = decl.range(of: "encoding=") else { return nil }
        let rest = decl[range.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != quote }
        return String(value)
    }

    /// Splits `text/xml; charset="utf-8"` into the lower-case media type and the charset.
    static func parseContentType(_ header: String) -> (String, String?) {
        let parts = header.split(separator: ";", omittingEmptySubsequences: false)
        let media = parts.first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        var charset: String?
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            charset = kv[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return (media, charset)
    }
}
