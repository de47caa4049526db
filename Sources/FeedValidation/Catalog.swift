import Foundation

/// The words of each message class (`MessageClass` holds its name and severity).
enum Catalog {
    /// Our words for the common codes; any other code is described from its name.
    private static let templates: [MessageClass: String] = [
        .saxError: "the document is not well-formed XML: {value}",
        .missingAtomSelfLink: "{parent} should name its own URL with an atom:link rel=\"self\"",
        .incorrectDOW: "{element}: the day of the week is not the date's: \"{value}\"",
        .duplicateEnclosure: "{parent} holds more than one {element}; many readers take only the first",
        .duplicateUpdated: "two entries have the same {element} time: {value}",
        .invalidPermalink: "{element} is a permalink (isPermaLink is not \"false\") but names no place to go: \"{value}\"",
        .misplacedMetadata: "{element} must come before the first entry of the {parent}",
        .notEnoughHoursInTheDay: "{parent} holds more than 24 {element} elements",
        .undefinedNamedEntity: "the entity &{value}; is not defined",
        .noBlink: "there is no {element} element in RSS",
        .invalidDoctype: "the Netscape RSS 0.91 DOCTYPE does not go with {element} version \"{value}\"",
        .containsSystemEntity: "the DOCTYPE declares the external entity {value}, which is never read",
        .missingItunesElement: "{parent} should have {element}, which iTunes asks of a podcast",
        .missingItunesEmail: "{parent} has no itunes:owner with an itunes:email for iTunes to write to",
        .notUTF8: "iTunes reads podcasts in UTF-8; this one is \"{value}\"",
        .unsupportedItunesFormat: "iTunes does not play .{value} files",
        .missingCurrentInArchive: "an archive {parent} should link its subscription feed (rel=\"current\")",
        .archiveIncomplete: "an archive {parent} links no other archive (rel=\"prev-archive\" or \"next-archive\")",
        .missingDCLanguage: "{parent} does not say its language (language or dc:language)",
        .unicodeError: "the bytes here are not in the document's encoding; readers will decode them differently",
        .wpBlankLine: "there is white space before the XML declaration, which must come first (often a WordPress theme or plugin)",
        .mediaRssNamespace: "Media RSS's namespace is http://search.yahoo.com/mrss/ (with the slash)",
        .obsoleteWikiNamespace: "the usemod wiki namespace is obsolete; use http://purl.org/rss/1.0/modules/wiki/",
        .notInANamespace: "{element} inside {parent} is in no namespace, so it belongs to no vocabulary",
        .undeterminableVocabulary: "{element} in {parent} is in no namespace, so no reader can tell its vocabulary",
        .missingGuid: "{parent} should have a {element}, by which readers tell items apart",
        .invalidYesNo: "{element} must be \"yes\" or \"no\": \"{value}\"",
        .badCharacters: "{element} holds characters mangled on the way (windows-1252 read as ISO-8859-1, or UTF-8 encoded twice)",
        .selfDoesntMatchLocation: "the {element} rel=\"self\" names {value}, not the URL this document was read from",
        .containsRelRef: "{element} holds a relative URL (\"{value}\") that readers resolve against the wrong place",
        .missingElement: "{parent} must contain a {element} element",
        .missingTitle: "{parent} must contain a title",
        .missingLink: "{parent} must contain a link",
        .missingDescription: "{parent} must contain a description",
        .duplicateElement: "{parent} may contain only one {element}",
        .undefinedElement: "{element} is not defined inside {parent}",
        .missingAttribute: "{element} must have a {attr} attribute",
        .invalidRFC3339Date: "{element} is not an RFC 3339 date-time: \"{value}\"",
        .invalidRFC2822Date: "{element} is not an RFC 822 date: \"{value}\"",
        .problematicalRFC822Date: "{element} is an RFC 822 date many readers will misread: \"{value}\"",
        .invalidW3CDTFDate: "{element} is not a W3C-DTF date: \"{value}\"",
        .invalidFullLink: "{element} must be an absolute URL: \"{value}\"",
        .invalidIRI: "{element} is not a valid IRI: \"{value}\"",
        .invalidUriChar: "{element} holds characters a URI may not: \"{value}\"",
        .invalidTAG: "{element} is not a valid tag: URI (RFC 4151): \"{value}\"",
        .invalidURN: "{element} is not a valid URN: \"{value}\"",
        .nonCanonicalURI: "{element} is not in canonical form: \"{value}\"",
        .unexpectedWhitespace: "{element} must not begin or end with white space",
        .containsHTML: "{element} should not contain HTML ({value})",
        .containsUndeclaredHTML: "{element} holds HTML but its type says text",
        .notHtml: "{element} claims to be HTML but is not",
        .notInline: "{element} claims to be inline XHTML but holds escaped markup",
        .missingXhtmlDiv: "xhtml {element} must be wrapped in one xhtml:div",
        .securityRisk: "{element} contains {tag}, a security risk",
        .securityRiskAttr: "{element} contains a {attr} attribute, a security risk",
        .dangerousStyleAttr: "{element} contains a style that readers will strip: \"{value}\"",
        .notBlank: "{element} should not be blank",
        .attrNotBlank: "the {attr} attribute of {element} should not be blank",
        .invalidContact: "{element} must be an e-mail address: \"{value}\"",
        .invalidLanguage: "{element} is not a language tag: \"{value}\"",
        .invalidMIMEType: "{attr} is not a MIME type: \"{value}\"",
        .unregisteredAtomLinkRel: "\"{value}\" is not a registered link relation",
        .duplicateAtomLink: "{parent} has two alternate links with the same type and hreflang",
        .missingSelf: "the feed has no link to itself (rel=\"self\")",
        .unknownNamespace: "elements of the unknown namespace {namespace}",
        .invalidNamespace: "{element} is in the wrong namespace",
        .missingNamespace: "{element} is in no namespace",
        .missingEncoding: "the document does not declare its encoding",
        .unknownEncoding: "the declared encoding \"{value}\" does not exist",
        .nonstdEncoding: "\"{value}\" is not an encoding every XML reader must know",
        .obscureEncoding: "\"{value}\" is an obscure encoding",
        .duplicateValue: "{element} repeats the value \"{value}\"",
        .duplicateSemantics: "the channel has both {core} and {ext}, which mean the same",
        .characterData: "{element} writes < as &lt; before a letter; &#x3C; reads the same everywhere",
        .duplicateDescriptionSemantics: "the item has both {core} and {ext}: readers differ on which they show",
        .duplicateItemSemantics: "the item has both {core} and {ext}, which mean the same",
        .missingContentOrAlternate: "an entry without content must have an alternate link",
    ]

    static func message(_ code: MessageClass, _ parameters: [Diagnostic.Parameter]) -> String {
        let template = templates[code] ?? describe(code.name)
        // `{name}` becomes the parameter's value ("it" when the finding has none).
        // Works on the UTF-8 bytes: a message is made for every finding, and a feed may have thousands.
        let bytes = template.utf8
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 64)
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "{"), let close = bytes[i...].firstIndex(of: UInt8(ascii: "}")) {
                let name = Substring(template[bytes.index(after: i)..<close])
                out.append(contentsOf: (parameters.first { $0.name == name }?.value ?? "it").utf8)
                i = bytes.index(after: close)
            } else {
                out.append(b)
                i = bytes.index(after: i)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `InvalidPositiveInteger` → "invalid positive integer", with the element when there is one.
    private static func describe(_ code: String) -> String {
        var words = ""
        for c in code {
            if c.isUppercase && !words.isEmpty { words.append(" ") }
            words.append(Character(c.lowercased()))
        }
        return "{element}: " + words
    }
}
