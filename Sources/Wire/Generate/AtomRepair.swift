import FeedValidation
import Foundation
import Syndication

/// What the generator does with an agency value that Atom cannot carry as written: republish it
/// byte for byte when FeedValidation accepts it, repair it when the repair is certain, otherwise
/// drop it. The checks are FeedValidation's (`AtomValues`), the same the validator applies.
enum AtomRepair {
    // MARK: IRIs

    /// An IRI for `href`, `src`, `uri`, `scheme`, `icon`, `logo`, `xml:base`: the agency's value
    /// when it is an absolute URI; else white space trimmed, a relative reference resolved
    /// against `base`, and what a URI cannot hold (spaces, non-ASCII, `<>"{}|\^\``, a `%` that
    /// starts no escape) percent-encoded as RFC 3987 §3.1 maps an IRI to a URI (it names the same
    /// resource); `nil` when even that is no absolute IRI.
    static func iri(_ raw: String, base: String? = nil) -> String? {
        if AtomValues.isAbsoluteURI(raw) { return raw }
        var value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { return nil }
        value = percentEncoded(value)
        if URIResolver.scheme(of: value) == nil {
            guard let base, let absoluteBase = iri(base), !absoluteBase.hasPrefix("file:") else { return nil }
            value = percentEncoded(URIResolver.resolve(value, against: absoluteBase))
        }
        return AtomValues.isAbsoluteURI(value) ? value : nil
    }

    private static let uriCharacters: [Bool] = {
        var t = [Bool](repeating: false, count: 128)
        for b in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789;/?:@&=+$.-_!~*'(),#[]".utf8 {
            t[Int(b)] = true
        }
        return t
    }()

    /// `s` with every byte a URI may not hold written as `%XX` (UTF-8 for non-ASCII).
    static func percentEncoded(_ s: String) -> String {
        let u = Array(s.utf8)
        func isHex(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || ((b | 0x20) >= 97 && (b | 0x20) <= 102) }
        var out: [UInt8] = []
        out.reserveCapacity(u.count + 8)
        let digits = Array("0123456789ABCDEF".utf8)
        for (i, b) in u.enumerated() {
            let keep: Bool
            if b == 37 {
                keep = i + 2 < u.count && isHex(u[i + 1]) && isHex(u[i + 2])
            } else {
                keep = b < 0x80 && uriCharacters[Int(b)]
            }
            if keep {
                out.append(b)
            } else {
                out += [37, digits[Int(b >> 4)], digits[Int(b & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Dates

    /// A date for `updated`/`published`: the agency's text when it is RFC 3339 on a real calendar;
    /// else, when the text names a real instant in a form we read with certainty, that instant
    /// in canonical form (UTC); else `nil`.
    static func date(_ d: StoredDate?) -> (text: String, instant: Double)? {
        guard let d else { return nil }
        if AtomValues.isDateTime(d.text) {
            if let instant = d.instant ?? DateParser.parse(d.text)?.timeIntervalSince1970 { return (d.text, instant) }
        }
        guard let instant = d.instant, AtomValues.isCalendarDate(d.text) else { return nil }
        return (RFC3339.format(instant), instant)
    }

    // MARK: Other values

    static func mediaType(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces)
        return AtomValues.isMediaType(t) ? t : nil
    }

    static func language(_ s: String?) -> String? {
        guard let s else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces)
        return AtomValues.isLanguageTag(t) ? t : nil
    }

    static func email(_ s: String?) -> String? {
        guard let s else { return nil }
        var t = s.trimmingCharacters(in: .whitespaces)
        if t.lowercased().hasPrefix("mailto:") { t = String(t.dropFirst(7)) }
        return AtomValues.isEmail(t) ? t : nil
    }
}
