/// The small structured fields of a stored entry (links, dates, people, categories, text
/// attributes), packed into one BLOB column: length-prefixed fields, a version byte first.
/// Foundation's JSON coders cost more than everything else in a poll; this costs almost nothing.
struct EntryMeta: Equatable {
    var title: StoredText?
    var links: [StoredLink] = []
    var published: StoredDate?
    var updated: StoredDate?
    var authors: [StoredPerson] = []
    var contributors: [StoredPerson] = []
    var categories: [StoredCategory] = []
    var rights: StoredText?
    /// Summary and content attributes; their values live in their own columns.
    var summary: StoredText?
    var content: StoredText?
    var language: String?

    static let version: UInt8 = 1

    func encoded() -> [UInt8] {
        var w = MetaWriter()
        w.bytes.append(Self.version)
        w.text(title)
        w.count(links.count)
        for l in links {
            w.string(l.href); w.string(l.rel); w.string(l.type); w.string(l.title); w.string(l.hreflang); w.string(l.length)
        }
        w.date(published)
        w.date(updated)
        for list in [authors, contributors] {
            w.count(list.count)
            for p in list { w.string(p.name); w.string(p.email); w.string(p.uri) }
        }
        w.count(categories.count)
        for c in categories { w.string(c.term); w.string(c.scheme); w.string(c.label) }
        w.text(rights)
        w.text(summary)
        w.text(content)
        w.string(language)
        return w.bytes
    }

    struct Corrupt: Error, CustomStringConvertible {
        var description: String { "an entry's stored metadata cannot be read (a damaged store, or one written by another MediaWire version)" }
    }

    init() {}

    init(decoding bytes: [UInt8]) throws {
        var r = MetaReader(bytes: bytes)
        guard try r.byte() == Self.version else { throw Corrupt() }
        title = try r.text()
        links = try (0..<r.count()).map { _ in
            var l = StoredLink(href: try r.string() ?? "", rel: try r.string() ?? "alternate")
            l.type = try r.string(); l.title = try r.string(); l.hreflang = try r.string(); l.length = try r.string()
            return l
        }
        published = try r.date()
        updated = try r.date()
        authors = try (0..<r.count()).map { _ in StoredPerson(name: try r.string(), email: try r.string(), uri: try r.string()) }
        contributors = try (0..<r.count()).map { _ in StoredPerson(name: try r.string(), email: try r.string(), uri: try r.string()) }
        categories = try (0..<r.count()).map { _ in StoredCategory(term: try r.string() ?? "", scheme: try r.string(), label: try r.string()) }
        rights = try r.text()
        summary = try r.text()
        content = try r.text()
        language = try r.string()
    }
}

private struct MetaWriter {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(512) }

    mutating func count(_ n: Int) {
        var v = UInt64(n)
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// `nil` is a 0; a string is its length + 1, then its UTF-8.
    mutating func string(_ s: String?) {
        guard var s else { count(0); return }
        count(s.utf8.count + 1)
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func text(_ t: StoredText?) {
        guard let t else { bytes.append(0); return }
        bytes.append(1)
        string(t.type); string(t.value); string(t.language); string(t.base); string(t.src)
    }

    mutating func date(_ d: StoredDate?) {
        guard let d else { bytes.append(0); return }
        if let instant = d.instant {
            bytes.append(2)
            withUnsafeBytes(of: instant.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        } else {
            bytes.append(1)
        }
        string(d.text)
    }
}

private struct MetaReader {
    let bytes: [UInt8]
    var i = 0

    mutating func byte() throws -> UInt8 {
        guard i < bytes.count else { throw EntryMeta.Corrupt() }
        defer { i += 1 }
        return bytes[i]
    }

    mutating func count() throws -> Int {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { break }
            shift += 7
            guard shift < 64 else { throw EntryMeta.Corrupt() }
        }
        guard v <= UInt64(bytes.count) + 1 else { throw EntryMeta.Corrupt() }
        return Int(v)
    }

    mutating func string() throws -> String? {
        let n = try count()
        guard n > 0 else { return nil }
        let length = n - 1
        guard i + length <= bytes.count else { throw EntryMeta.Corrupt() }
        defer { i += length }
        return String(decoding: bytes[i..<(i + length)], as: UTF8.self)
    }

    mutating func text() throws -> StoredText? {
        guard try byte() == 1 else { return nil }
        var t = StoredText(type: try string() ?? "text", value: try string() ?? "")
        t.language = try string(); t.base = try string(); t.src = try string()
        return t
    }

    mutating func date() throws -> StoredDate? {
        let kind = try byte()
        guard kind != 0 else { return nil }
        var instant: Double?
        if kind == 2 {
            guard i + 8 <= bytes.count else { throw EntryMeta.Corrupt() }
            var raw: UInt64 = 0
            for k in 0..<8 { raw |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            i += 8
            instant = Double(bitPattern: raw)
        }
        return StoredDate(text: try string() ?? "", instant: instant)
    }
}
