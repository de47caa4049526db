/// The validator's rules for single Atom values, for code that writes Atom and wants what it
/// writes to validate (the wire's generator decides with these whether an agency's id can be
/// republished as it is).
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

    /// Whether `s` is an absolute IRI with nothing in it an IRI may not hold.
    public static func isAbsoluteIRI(_ s: String) -> Bool {
        URIs.scheme(s) != nil && URIs.referenceProblem(s) == nil && URIs.isAbsolute(s)
    }
}
