import Foundation
import Syndication

/// What escaped HTML (an RSS `description`, an Atom `type="html"` construct) holds that matters
/// to a validator: the tags, their attributes, and whether it is HTML at all. A small tokenizer,
/// not a parser: it only has to find tags, never to build a tree.
struct HTMLScan {
    struct Tag {
        var name: String
        var closing: Bool
        var attributes: [(name: String, value: String)]
    }

    var tags: [Tag] = []
    /// A processing instruction or `<?import …>`: never harmless in content.
    var processingInstruction = false
    /// A `<` that starts a tag which never ends.
    var unterminated = false

    init(_ text: String) {
        let u = Array(text.utf8)
        var i = 0
        while i < u.count {
            guard u[i] == 60 else { i += 1; continue }
            var j = i + 1
            guard j < u.count else { break }
            if u[j] == 63 { processingInstruction = true; i = j; continue }
            if u[j] == 33 {
                // Comment or declaration: skip to its end.
                if let end = HTMLScan.find(u, from: j, "-->") ?? u[j...].firstIndex(of: 62) { i = end + 1 } else { break }
                continue
            }
            var closing = false
            if u[j] == 47 { closing = true; j += 1 }
            let nameStart = j
            while j < u.count, Values.isAlnum(u[j]) || u[j] == 58 || u[j] == 45 || u[j] == 95 { j += 1 }
            guard j > nameStart, Values.isAlpha(u[nameStart]) else { i += 1; continue }
            let name = HTMLScan.lowercase(u[nameStart..<j])
            var attributes: [(String, String)] = []
            var ended = false
            while j < u.count {
                while j < u.count, Values.isSpace(u[j]) || u[j] == 47 { j += 1 }
                guard j < u.count else { break }
                if u[j] == 62 { ended = true; j += 1; break }
                let aStart = j
                while j < u.count, !Values.isSpace(u[j]), u[j] != 61, u[j] != 62, u[j] != 47 { j += 1 }
                let aName = HTMLScan.lowercase(u[aStart..<j])
                while j < u.count, Values.isSpace(u[j]) { j += 1 }
                var value = ""
                if j < u.count, u[j] == 61 {
                    j += 1
                    while j < u.count, Values.isSpace(u[j]) { j += 1 }
                    if j < u.count, u[j] == 34 || u[j] == 39 {
                        let q = u[j]
                        let vStart = j + 1
                        j = vStart
                        while j < u.count, u[j] != q { j += 1 }
                        value = String(decoding: u[vStart..<min(j, u.count)], as: UTF8.self)
                        j += 1
                    } else {
                        let vStart = j
                        while j < u.count, !Values.isSpace(u[j]), u[j] != 62 { j += 1 }
                        value = String(decoding: u[vStart..<j], as: UTF8.self)
                    }
                }
                if j == aStart { j += 1 }
                if !aName.isEmpty {
                    attributes.append((aName, value.utf8.contains(38) ? HTMLEntities.decodeReferences(value) : value))
                }
            }
            if !ended { unterminated = true; break }
            tags.append(Tag(name: name, closing: closing, attributes: attributes))
            i = j
        }
    }

    /// ASCII lower case, straight from the bytes.
    static func lowercase(_ bytes: ArraySlice<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count) { out in
            var i = 0
            for b in bytes {
                out[i] = b >= 65 && b <= 90 ? b | 0x20 : b
                i += 1
            }
            return i
        }
    }

    private static func find(_ u: [UInt8], from: Int, _ needle: String) -> Int? {
        let n = Array(needle.utf8)
        guard u.count >= n.count, from <= u.count - n.count else { return nil }
        for k in from...(u.count - n.count) where u[k] == n[0] && Array(u[k..<(k + n.count)]) == n { return k + n.count - 1 }
        return nil
    }
}

enum HTMLChecks {
    static let knownElements: Set<String> = HTMLHeuristics.acceptableElements.union([
        "html", "head", "body", "title", "script", "style", "object", "embed", "applet", "iframe", "frame",
        "frameset", "meta", "link", "base", "param", "blink", "marquee", "noembed", "noframes", "layer", "ilayer",
        "bgsound", "xmp", "listing", "plaintext", "wbr", "nobr", "basefont", "comment", "noscript",
    ])

    /// Elements whose presence in content is a security risk: the W3C's documentation of
    /// SecurityRisk names comment, embed, link, listing, meta, noscript, object, plaintext, script
    /// and xmp; the others load or run something too.
    static let unsafeElements: Set<String> = [
        "script", "applet", "embed", "object", "meta", "iframe", "frame", "frameset", "layer", "ilayer",
        "bgsound", "link", "base", "blink", "comment", "listing", "noscript", "plaintext", "xmp",
    ]

    static let uriAttributes: Set<String> = ["href", "src", "action", "background", "dynsrc", "lowsrc", "cite", "longdesc", "usemap"]

    enum Finding {
        case unsafeElement(String)
        case eventHandler(String)
        case dangerousURI(String, String)
        case dangerousStyle(String)
    }

    /// The security findings for one element of content (escaped or inline).
    static func inspect(element name: String, attributes: [(name: String, value: String)], into findings: inout [Finding]) {
        if unsafeElements.contains(name) { findings.append(.unsafeElement(name)) }
        for (attr, value) in attributes {
            if attr.hasPrefix("on") && attr.count > 2 {
                findings.append(.eventHandler(attr))
            } else if attr == "style" {
                if !CSSCleaner.isSafe(value) { findings.append(.dangerousStyle(value)) }
            } else if uriAttributes.contains(attr), isScriptURL(value) {
                findings.append(.dangerousURI(attr, value))
            }
        }
    }

    private static let scriptSchemes: [[UInt8]] = ["javascript:", "vbscript:", "data:text/html"].map { Array($0.utf8) }

    /// `javascript:`, `vbscript:` or `data:text/html`, however it is spaced or cased.
    static func isScriptURL(_ value: String) -> Bool {
        var head: [UInt8] = []
        head.reserveCapacity(16)
        for b in value.utf8 {
            if b <= 0x20 { continue }
            head.append(b >= 65 && b <= 90 ? b | 0x20 : b)
            if head.count == 14 { break }
        }
        guard head.count >= 9 else { return false }
        return scriptSchemes.contains { head.starts(with: $0) }
    }

    /// An HTML end tag of a known element (`</b>`): the mark of HTML in text that says it is not.
    static func knownEndTag(_ s: String) -> String? {
        let u = Array(s.utf8)
        var i = 0
        while i + 3 < u.count {
            if u[i] == 60 && u[i + 1] == 47 {
                var j = i + 2
                while j < u.count, Values.isAlnum(u[j]) { j += 1 }
                if j < u.count, u[j] == 62, j > i + 2 {
                    let name = String(decoding: u[(i + 2)..<j], as: UTF8.self).lowercased()
                    if knownElements.contains(name) { return name }
                }
            }
            i += 1
        }
        return nil
    }

    /// A start or end tag of a known element (`<b>`, `<a href=…>`, `<br/>`).
    static func knownTag(_ s: String) -> String? {
        guard s.utf8.contains(60) else { return nil }
        let scan = HTMLScan(s)
        return scan.tags.first { knownElements.contains($0.name) }?.name
    }

    /// The first numeric character reference in HTML text to a code point HTML forbids: C0 and C1
    /// controls (but tab, line feed, form feed and carriage return), surrogates, or beyond Unicode.
    static func invalidCharacterReference(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { invalidCharacterReference($0) }
    }

    static func invalidCharacterReference(_ u: UnsafeBufferPointer<UInt8>) -> String? {
        guard let base = u.baseAddress else { return nil }
        var from = 0
        // memchr finds each "&" (most HTML has few); only "&#" starts a numeric reference.
        while from + 2 < u.count, let hit = memchr(base + from, 38, u.count - from) {
            let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            from = i + 1
            guard i + 2 < u.count, u[i + 1] == 35 else { continue }
            let hex = u[i + 2] == 120 || u[i + 2] == 88
            var j = i + (hex ? 3 : 2)
            let digitsStart = j
            var code: UInt32 = 0
            while j < u.count, j - digitsStart < 8 {
                let c = u[j]
                let digit: UInt32
                if c >= 48 && c <= 57 {
                    digit = UInt32(c - 48)
                } else if hex, (c | 0x20) >= 97, (c | 0x20) <= 102 {
                    digit = UInt32((c | 0x20) - 87)
                } else {
                    break
                }
                code = code * (hex ? 16 : 10) + digit
                j += 1
            }
            guard j > digitsStart else { continue }
            let allowedControl = code == 9 || code == 10 || code == 12 || code == 13
            if (code < 0x20 && !allowedControl) || (0x7F...0x9F).contains(code) || (0xD800...0xDFFF).contains(code) || code > 0x10FFFF {
                let end = j < u.count && u[j] == 59 ? j + 1 : j
                return String(decoding: UnsafeBufferPointer(rebasing: u[i..<end]), as: UTF8.self)
            }
            from = j
        }
        return nil
    }

    /// An entity reference (`&amp`, `&#38`, `&eacute`) in decoded text: text that was escaped twice.
    static func entityReference(_ s: String) -> String? {
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            if u[i] == 38 {
                var j = i + 1
                if j < u.count, u[j] == 35 { j += 1 }
                let start = j
                while j < u.count, Values.isAlnum(u[j]) || u[j] == 95 { j += 1 }
                if j > start {
                    let word = String(decoding: u[(i + 1)..<j], as: UTF8.self)
                    let isNumeric = u[i + 1] == 35
                    if isNumeric || word == "apos" || HTMLEntities.scalar(named: word) != nil || !word.utf8.allSatisfy(Values.isAlpha) {
                        return word
                    }
                }
            }
            i += 1
        }
        return nil
    }
}
