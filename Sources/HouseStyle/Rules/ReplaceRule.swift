import Foundation

/// `replace`: whole words, matched case-insensitively, become the given form — upper-cased when
/// the matched word was all capitals. Longer keys win over shorter ones.
public struct ReplaceRule: HeadlineRule {
    public let name = "replace"
    /// Lower-cased key to replacement.
    let table: [String: String]
    let regex: CompiledPattern?
    /// The replacements, as the case rules should keep writing them.
    public let writtenForms: [String]
    /// Lower-cased keys, longest first (longer keys win).
    let keysByLength: [String]

    public init(_ pairs: [(String, String)]) throws {
        var table: [String: String] = [:]
        for (k, v) in pairs { table[k.lowercased()] = v }
        self.table = table
        writtenForms = pairs.map(\.1)
        keysByLength = table.keys.sorted { $0.utf8.count > $1.utf8.count }
        let keys = pairs.map(\.0).sorted { $0.count > $1.count }.map(NSRegularExpression.escapedPattern(for:))
        regex = keys.isEmpty ? nil : try CompiledPattern(compiling: "\\b(?:" + keys.joined(separator: "|") + ")\\b", caseInsensitive: true)
    }

    public func apply(_ headline: String) -> String {
        guard let regex else { return headline }
        // Most headlines contain none of the words: find that out without the regex engine.
        let lowered = headline.lowercased()
        let present = keysByLength.filter { Bytes.contains(lowered, $0) }
        guard !present.isEmpty else { return headline }
        if lowered.utf8.count == headline.utf8.count { return replaceBytes(headline, lowered: lowered, keys: present) }
        let ns = headline as NSString
        let matches = regex.expression.matches(in: headline, range: NSRange(location: 0, length: ns.length))
        guard !matches.isEmpty else { return headline }
        var out = ""
        var last = 0
        for m in matches {
            out += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            let word = ns.substring(with: m.range)
            var replacement = table[word.lowercased()] ?? word
            if word.count > 1, word == word.uppercased(), word != word.lowercased() { replacement = replacement.uppercased() }
            out += replacement
            last = m.range.location + m.range.length
        }
        out += ns.substring(from: last)
        return out
    }
}

extension ReplaceRule {
    /// Whole-word replacement on UTF-8 bytes, for text whose lower-casing keeps byte offsets.
    func replaceBytes(_ headline: String, lowered: String, keys: [String]) -> String {
        let original = Array(headline.utf8)
        let lower = Array(lowered.utf8)
        let keyBytes = keys.map { Array($0.utf8) }
        var out: [UInt8] = []
        out.reserveCapacity(original.count + 16)
        var i = 0
        var changed = false
        outer: while i < original.count {
            if wordBoundary(before: i, in: original) {
                for (k, key) in keyBytes.enumerated() where i + key.count <= lower.count && lower[i] == key[0] {
                    guard lower[i..<(i + key.count)].elementsEqual(key), wordBoundary(after: i + key.count, in: original) else { continue }
                    let word = String(decoding: original[i..<(i + key.count)], as: UTF8.self)
                    var replacement = table[keys[k]] ?? word
                    if word.count > 1, word == word.uppercased(), word != word.lowercased() { replacement = replacement.uppercased() }
                    out.append(contentsOf: replacement.utf8)
                    i += key.count
                    changed = true
                    continue outer
                }
            }
            out.append(original[i])
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : headline
    }

    private func wordBoundary(before i: Int, in bytes: [UInt8]) -> Bool {
        guard i > 0 else { return true }
        guard bytes[i] & 0xC0 != 0x80 else { return false }  // not at the start of a character
        var start = i - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return !isWord(bytes[start..<i])
    }

    private func wordBoundary(after j: Int, in bytes: [UInt8]) -> Bool {
        guard j < bytes.count else { return true }
        var end = j + 1
        while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
        return !isWord(bytes[j..<end])
    }

    private func isWord(_ character: ArraySlice<UInt8>) -> Bool {
        guard let scalar = String(decoding: character, as: UTF8.self).unicodeScalars.first else { return false }
        return Words.isWordScalar(scalar)
    }
}
