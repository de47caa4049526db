import Foundation

/// The validator's rules for single Atom values, for code that writes Atom and wants what it
/// writes to validate. The wire's generator checks every value it writes with these: one
/// implementation of each rule, shared by the validator and the writer.
public enum AtomValues {
    /// Whether `id` is an `atom:id` the validator accepts without a word: an absolute IRI with no
    /// stray characters, a valid `tag:` or `urn:` when it is one, and in canonical form.
    public static func isCleanIdentifier(_ id: String) -> Bool {
        guard !Values.hasOuterWhitespace(id), !id.isEmpty else { return false }
        switch URIs.scheme(id) {
        case "tag"?: return URIs.isValidTag(id)
        case "urn"?: return URIs.urnProblem(id) == nil
        case nil: return false
        default: return URIs.referenceProblem(id) == nil && URIs.isAbsolute(id) && URIs.isCanonical(id)
        }
    }

    /// Whether `s` is an absolute IRI with nothing in it an IRI may not hold (the check for
    /// `href`, `src`, `uri`, `scheme`, `icon`, `logo`: `InvalidFullLink`, `InvalidIRI`,
    /// `InvalidUriChar`).
    public static func isAbsoluteIRI(_ s: String) -> Bool {
        URIs.scheme(s) != nil && URIs.referenceProblem(s) == nil && URIs.isAbsolute(s)
    }

    /// Whether `s` is an absolute URI: an absolute IRI of ASCII characters only.
    public static func isAbsoluteURI(_ s: String) -> Bool {
        s.utf8.allSatisfy { $0 < 0x80 } && isAbsoluteIRI(s)
    }

    /// RFC 3339 `date-time` on a real calendar, as Atom requires: upper-case `T` and `Z`, a day
    /// that exists in its month, seconds up to 60, a zone (`InvalidRFC3339Date`).
    public static func isDateTime(_ s: String) -> Bool {
        Values.isRFC3339(s)
    }

    /// Whether `s` names one instant on a real calendar in a form feeds use: RFC 3339 (also with
    /// lower-case `t`/`z`), an RFC 822 date whose day exists and whose weekday (if any) matches,
    /// or a W3C-DTF date or date-time with a zone. A date read from such a text can be re-written
    /// in RFC 3339 with certainty; from anything else (`2026-02-30`, `10:00:99`) it cannot.
    public static func isCalendarDate(_ s: String) -> Bool {
        let t = Values.trimmed(s)
        if Values.isRFC3339(t) { return true }
        let upper = String(decoding: t.utf8.map { $0 == 116 || $0 == 122 ? $0 - 32 : $0 }, as: UTF8.self)
        if Values.isRFC3339(upper) || Values.isW3CDTF(upper, zoneRequired: true) { return true }
        if upper.utf8.count == 10, Values.isW3CDTF(upper) { return true }
        return Values.rfc822(t) != .invalid
    }

    /// A language tag (RFC 3066 / BCP 47): `xml:lang`, `hreflang` (`InvalidLanguage`).
    public static func isLanguageTag(_ s: String) -> Bool {
        Values.isLanguageTag(s)
    }

    /// A media type, `type/subtype` with optional parameters (`InvalidMIMEType`).
    public static func isMediaType(_ s: String) -> Bool {
        Values.isMIMEType(s)
    }

    /// An RFC 2822 `addr-spec`, as `atom:email` requires (`InvalidEmail`).
    public static func isEmail(_ s: String) -> Bool {
        Values.isAddrSpec(s)
    }

    /// Whether a person's name holds an e-mail address (`ContainsEmail`: the address has an
    /// element of its own).
    public static func containsEmail(_ s: String) -> Bool {
        nameWords(s).contains { Values.isAddrSpec(String($0)) }
    }

    /// A person's name without the e-mail addresses in it (`joe@example.com (Joe Bloggs)` →
    /// `Joe Bloggs`), white space collapsed; empty when nothing else is left.
    public static func nameWithoutEmail(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace })
            .filter { word in !nameWords(String(word)).contains { Values.isAddrSpec(String($0)) } }
            .joined(separator: " ")
            .trimmingCharacters(in: .init(charactersIn: "()<>,; "))
    }

    private static func nameWords(_ s: String) -> [Substring] {
        s.split(whereSeparator: { $0 == " " || $0 == "<" || $0 == ">" || $0 == "(" || $0 == ")" || $0.isWhitespace })
    }

    /// A non-negative integer, as a link's `length` (`InvalidNonNegativeInteger`).
    public static func isNonNegativeInteger(_ s: String) -> Bool {
        Values.isNonNegativeInteger(s)
    }
}
