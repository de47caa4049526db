import Foundation
import Syndication

/// Validates RSS 0.9x/1.0/2.0 and Atom 1.0 documents the way the W3C Feed Validation Service
/// does — same message classes, same parameters — in one streaming pass over libxml2's SAX
/// events. It shares the parser's reader, not its leniency: what the parser forgives is
/// reported here.
public struct FeedValidator: Sendable {
    public init() {}

    /// Validates a whole document. `locations` are the URLs it was fetched from (asked for, and
    /// reached after redirects), when it was: its `rel="self"` link should name one of them.
    public func validate(_ bytes: [UInt8], locations: [String] = []) -> ValidationReport {
        let decoded = DocumentText(bytes)
        let run = Run(source: decoded.utf8)
        run.locations = locations.compactMap(Run.comparable)
        checkDeclaration(bytes, decoded, run)
        if let position = FeedValidator.undecodable(bytes, decoded) {
            // Bytes that are not in the document's encoding: every reader decodes them its own
            // way, so nothing after them is checked (the W3C validator stops here too).
            run.report(
                .unicodeError, line: position.line, column: position.column, [("line", String(position.line)), ("column", String(position.column))])
            run.fatal = true
        }
        let driver = SAXDriver(receiver: run, keepCDATA: true)
        run.driver = driver
        decoded.utf8.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count && !run.fatal {
                let end = min(offset + 256 * 1024, buffer.count)
                driver.push(UnsafeBufferPointer(rebasing: buffer[offset..<end]))
                offset = end
            }
        }
        if !run.fatal { driver.finish() }
        if run.family == .unknown && run.diagnostics.isEmpty {
            run.report(.undefinedElement, line: 1, column: 1, [("parent", "root"), ("element", "")])
        }
        // Rules that look back (a missing author seen only when the feed ends) report late:
        // put everything back in document order, and each finding once.
        var seen = Set<String>()
        let ordered = run.diagnostics.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element).filter { d in
            let key = "\(d.line):\(d.column):\(d.code):" + d.parameters.map { $0.name + "=" + $0.value }.joined(separator: ",")
            return seen.insert(key).inserted
        }
        return ValidationReport(diagnostics: ordered, format: run.format)
    }

    private static let standardEncodings: Set<String> = ["utf-8", "utf-16", "utf-16le", "utf-16be", "utf8"]
    private static let commonEncodings: Set<String> = [
        "iso-8859-1", "us-ascii", "ascii", "windows-1252", "iso-8859-2", "iso-8859-15", "windows-1251", "koi8-r",
        "shift_jis", "euc-jp", "iso-2022-jp", "gb2312", "gbk", "gb18030", "big5", "euc-kr", "iso-8859-5",
        "iso-8859-7", "iso-8859-9", "windows-1250", "windows-1253", "windows-1254", "windows-1255", "windows-1256",
        "windows-1257", "iso-8859-6", "iso-8859-8", "tis-620", "utf-32",
    ]

    /// Where the bytes stop being the encoding the document declares: the first byte that does
    /// not decode as declared. Nil when they decode. (A byte order mark that contradicts the
    /// declaration is found with the declaration, in `checkDeclaration`.)
    static func undecodable(_ bytes: [UInt8], _ decoded: DocumentText) -> (line: Int, column: Int)? {
        guard decoded.overridden, !decoded.declaredIsUnknown else { return nil }
        let offset: Int
        switch decoded.declared {
        case "utf-8", "utf8": offset = firstInvalidUTF8(bytes) ?? 0
        case "us-ascii", "ascii": offset = bytes.firstIndex { $0 >= 0x80 } ?? 0
        default: offset = 0
        }
        let before = bytes[..<offset]
        let line = 1 + before.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        let column = offset - (before.lastIndex(of: 10).map { $0 + 1 } ?? 0) + 1
        return (line, column)
    }

    /// The offset of the first byte that does not begin or continue a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0..<0x80: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if length == 3 && ((b == 0xE0 && bytes[i + 1] < 0xA0) || (b == 0xED && bytes[i + 1] >= 0xA0)) { return i }
            if length == 4 && ((b == 0xF0 && bytes[i + 1] < 0x90) || (b == 0xF4 && bytes[i + 1] >= 0x90)) { return i }
            i += length
        }
        return nil
    }

    /// The XML declaration: version 1.0, an encoding that exists, and one every reader knows.
    private func checkDeclaration(_ bytes: [UInt8], _ decoded: DocumentText, _ run: Run) {
        let text = decoded.utf8
        guard text.starts(with: Array("<?xml".utf8)), let end = text.firstIndex(of: UInt8(ascii: ">")) else {
            if !(bytes.starts(with: [0xEF, 0xBB, 0xBF]) || bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE])) {
                run.report(.missingEncoding, line: 1, column: 1, [("element", "xml")])
            }
            return
        }
        let declaration = String(decoding: text[..<end], as: UTF8.self)
        /// The value, and where it starts as the W3C validator counts it: its line, and its
        /// column on that line with tabs reaching the next multiple of 8.
        func pseudoAttribute(_ name: String) -> (value: String, line: Int, column: Int)? {
            guard let r = declaration.range(of: name + "=") else { return nil }
            let rest = declaration[r.upperBound...]
            guard let q = rest.first, q == "\"" || q == "'" else { return nil }
            let value = rest.dropFirst().prefix { $0 != q }
            let before = declaration[..<value.startIndex]
            let line = 1 + before.reduce(0) { $0 + ($1 == "\n" ? 1 : 0) }
            var column = 0
            for c in before.reversed().prefix(while: { $0 != "\n" }).reversed() { column = c == "\t" ? (column / 8 + 1) * 8 : column + 1 }
            return (String(value), line, column + 1)
        }
        if let version = pseudoAttribute("version"), version.value != "1.0" {
            run.report(.badXmlVersion, line: version.line, column: version.column, [("element", "xml"), ("value", version.value)])
        }
        guard let encoding = pseudoAttribute("encoding") else {
            if !bytes.starts(with: [0xEF, 0xBB, 0xBF]) { run.report(.missingEncoding, line: 1, column: 1, [("element", "xml")]) }
            return
        }
        let name = encoding.value.lowercased()
        run.declaredEncoding = name
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) && name != "utf-8" && name != "utf8" {
            // A UTF-8 byte order mark under another declared encoding: which one holds?
            let at = [("line", String(encoding.line)), ("column", String(encoding.column))]
            run.report(.unicodeError, line: encoding.line, column: encoding.column, at)
            run.fatal = true
        }
        let line = encoding.line
        // Where the declared name starts, as the W3C validator reports it.
        let position = [("line", String(line)), ("column", String(encoding.column))]
        if decoded.declaredIsUnknown {
            run.report(.unknownEncoding, line: line, column: encoding.column, position + [("element", "xml"), ("value", encoding.value)])
        } else if !FeedValidator.standardEncodings.contains(name) {
            if FeedValidator.commonEncodings.contains(name) {
                run.report(.nonstdEncoding, line: line, column: encoding.column, position + [("element", "xml"), ("value", encoding.value)])
            } else {
                run.report(.obscureEncoding, line: line, column: encoding.column, position + [("element", "xml"), ("value", encoding.value)])
            }
        }
    }
}
