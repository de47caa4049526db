import Syndication

/// Where an extension element stands.
enum Context { case channel, item, feed, entry, other }

/// The common extensions: Dublin Core, dcterms, syndication, admin, content, slash, wfw,
/// trackback, thread, feedburner, Creative Commons, blogChannel, feed history, iTunes, Atom
/// elements inside RSS, and XHTML bodies; then the checks of every value-holding element.
extension Run {
    private static let dcElements: Set<String> = [
        "title", "creator", "subject", "description", "publisher", "contributor", "date", "type", "format",
        "identifier", "source", "language", "relation", "coverage", "rights",
    ]
    private static let dctermsElements: Set<String> = dcElements.union([
        "alternative", "tableOfContents", "abstract", "created", "valid", "available", "issued", "modified",
        "dateAccepted", "dateCopyrighted", "dateSubmitted", "extent", "medium", "isVersionOf", "hasVersion",
        "isReplacedBy", "replaces", "isRequiredBy", "requires", "isPartOf", "hasPart", "isReferencedBy",
        "references", "isFormatOf", "hasFormat", "conformsTo", "spatial", "temporal", "audience", "mediator",
        "educationLevel", "accessRights", "bibliographicCitation", "license", "rightsHolder", "provenance",
        "instructionalMethod", "accrualMethod", "accrualPeriodicity", "accrualPolicy",
    ])
    private static let dctermsDates: Set<String> = [
        "created", "issued", "modified", "dateAccepted", "dateCopyrighted", "dateSubmitted",
    ]

    func extensionChild(of parent: Node, ns: String, local: String, context: Context) -> ChildDecision {
        if ns.isEmpty { return family == .atom ? .undefined : .open }
        let inRSS = family != .atom
        if Vocabulary.namespaces.contains(ns) {
            if ns == Namespace.itunes && local == "duration" && context != .item && context != .entry { return .undefined }
            return vocabularyChild(of: parent, ns: ns, local: local)
        }
        switch ns {
        case Namespace.dc:
            guard Run.dcElements.contains(local) else { return .undefined }
            switch local {
            case "date": return .known(.leaf(.w3cdtf), once: context == .channel)
            case "language": return .known(.leaf(.language), once: context == .channel)
            case "title": return .known(.leaf(.plainText), once: false)
            case "creator": return .known(family == .rss1 ? .open : .leaf(.text), once: false)
            default: return .known(.open, once: false)
            }
        case Namespace.dcterms:
            guard Run.dctermsElements.contains(local) else { return .undefined }
            if Run.dctermsDates.contains(local) { return .known(.leaf(.w3cdtf), once: context == .channel) }
            return .known(.open, once: false)
        case Namespace.sy:
            switch local {
            case "updatePeriod": return .known(.leaf(.updatePeriod), once: true)
            case "updateFrequency": return .known(.leaf(.updateFrequency), once: true)
            case "updateBase": return .known(.leaf(.w3cdtf), once: true)
            default: return .undefined
            }
        case Namespace.admin:
            switch local {
            case "generatorAgent", "errorReportsTo": return .known(.leaf(.rdfResource), once: true)
            default: return .undefined
            }
        case Namespace.content:
            switch local {
            case "encoded":
                if context == .item && parent.seen("description") == false { parent.facts["contentBeforeDescription"] = "yes" }
                return .known(.leaf(.contentEncoded), once: true)
            case "items", "item", "format", "encoding": return .open
            default: return .undefined
            }
        case Namespace.slash:
            if local == "comments", let channel = stack.first(where: { $0.kind == .channel }) { channel.facts["slash"] = "yes" }
            switch local {
            case "comments": return .known(.leaf(.nonNegativeInteger), once: true)
            case "section", "department", "hit_parade": return .known(.leaf(.text), once: true)
            default: return .undefined
            }
        case Namespace.wfw:
            switch local {
            case "comment", "commentRss": return .known(.leaf(.fullURL), once: true)
            case "commentRSS":
                // The spelling the specification uses is commentRss.
                report("CommentRSS", line: driver.position.line, column: driver.position.column, [("element", "wfw:commentRSS")])
                return .known(.leaf(.fullURL), once: true)
            default: return .undefined
            }
        case Namespace.trackback:
            switch local {
            case "ping", "about":
                if context != .item && context != .entry { return .undefined }
                return .known(.leaf(.trackbackURL), once: local == "ping")
            default: return .undefined
            }
        case Namespace.thr:
            switch local {
            case "in-reply-to": return .known(.leaf(.inReplyTo), once: false)
            case "total": return .known(.leaf(.nonNegativeInteger), once: true)
            default: return .undefined
            }
        case Namespace.feedburner:
            switch local {
            case "origLink", "origEnclosureLink", "awareness", "feedburnerHostname":
                return .known(.leaf(.fullURL), once: true)
            case "emailServiceId": return .known(.leaf(.text), once: true)
            case "browserFriendly": return .known(.leaf(.plainText), once: true)
            case "feedFlare": return .known(.leaf(.feedFlare), once: false)
            case "info": return .known(.open, once: true)
            default: return .undefined
            }
        case Namespace.geo, "http://geourl.org/rss/module/", "http://postneo.com/icbm":
            switch local {
            case "lat", "latitude": return .known(.leaf(.latitude), once: true)
            case "long", "longitude": return .known(.leaf(.longitude), once: true)
            default: return .open
            }
        case Namespace.creativeCommons:
            return local == "license" ? .known(.leaf(.fullURL), once: false) : .undefined
        case Namespace.cc:
            return .known(inRSS && local == "license" ? .leaf(.rdfResource) : .open, once: false)
        case Namespace.blogChannel:
            switch local {
            case "blogRoll", "mySubscriptions", "blink", "changes": return .known(.leaf(.fullURL), once: true)
            default: return .undefined
            }
        case Namespace.fh:
            switch local {
            case "complete":
                complete = true
                return .known(.leaf(.text), once: true)
            case "archive": return .known(.leaf(.text), once: true)
            default: return .undefined
            }
        case Namespace.atom10:
            guard inRSS else { return .undefined }
            usesAtomNamespace = true
            switch local {
            case "link": return .known(.atomLink, once: false)
            case "id": return .known(.atomID, once: true)
            case "updated", "published": return .known(.atomDate, once: true)
            case "author", "contributor": return .known(.atomPerson, once: false)
            case "title", "summary", "rights", "subtitle": return .known(.atomText, once: true)
            case "content": return .known(.atomContent, once: true)
            case "category": return .known(.atomCategory, once: false)
            default: return .open
            }
        case Namespace.xhtml:
            if local == "body" || local == "div" { return .known(.leaf(.xhtmlBody), once: true) }
            if local == "meta" { return .known(.leaf(.xhtmlMeta), once: false) }
            return .open
        default:
            return .open
        }
    }

    // MARK: Value-holding elements

    func leafStart(_ node: Node, _ leaf: Leaf) {
        switch leaf {
        case .rdfResource:
            let p = [("parent", parent(of: node)?.name ?? "channel"), ("element", node.name)]
            if let resource = node.attribute("resource", namespace: Namespace.rdf) {
                if !URIs.isAbsolute(resource) { report("InvalidFullLink", at: node, p + [("value", resource)]) }
            } else if family != .atom {
                report("MissingAttribute", at: node, p + [("attr", "rdf:resource")])
            }
        case .xhtmlMeta:
            let p = [("parent", node.attributeParentName)]
            for a in ["name", "content"] where node.attribute(a) == nil {
                report("MissingAttribute", at: node, [("element", node.name), ("attr", a)])
            }
            if node.attribute("name")?.lowercased() == "robots", let content = node.attribute("content") {
                let words = content.lowercased().split(separator: ",").map { Values.trimmed(String($0)) }
                let known: Set<String> = ["index", "noindex", "follow", "nofollow", "noarchive", "none", "all", "nosnippet", "noodp"]
                let contradictory =
                    (words.contains("index") && words.contains("noindex"))
                    || (words.contains("follow") && words.contains("nofollow"))
                if contradictory || !words.allSatisfy(known.contains) {
                    report("InvalidMetaContent", at: node, p + [("element", "content"), ("value", content)])
                }
            }
        case .feedFlare:
            for a in ["href", "src"] {
                if let v = node.attribute(a) {
                    checkValue(v, .fullURL, at: node, params: [("parent", node.attributeParentName), ("element", a)])
                }
            }
        case .inReplyTo:
            if let ref = node.attribute("ref") {
                if !URIs.isAbsolute(ref) {
                    report("InvalidFullLink", at: node, [("parent", node.attributeParentName), ("element", "ref"), ("value", ref)])
                }
            } else {
                report("MissingAttribute", at: node, [("element", node.name), ("attr", "ref")])
            }
            if let href = node.attribute("href") {
                checkIRI(href, at: node, params: [("parent", node.attributeParentName), ("element", "href")])
            }
            if let type = node.attribute("type"), !isMIMEType(type) {
                report(
                    "InvalidMIMEType", at: node, [("parent", node.attributeParentName), ("element", node.name), ("attr", "type"), ("value", type)])
            }
            if let source = node.attribute("source") {
                checkIRI(source, at: node, params: [("parent", node.attributeParentName), ("element", "source")])
            }
        case .trackbackURL where family == .rss1:
            let p = [("parent", parent(of: node)?.name ?? "item"), ("element", node.name)]
            if let resource = node.attribute("resource", namespace: Namespace.rdf) {
                if !URIs.isAbsolute(resource) { report("InvalidFullLink", at: node, p + [("value", resource)]) }
            } else {
                report("MissingAttribute", at: node, p + [("attr", "rdf:resource")])
            }
        default:
            break
        }
    }

    func leafEnd(_ node: Node, _ leaf: Leaf) {
        checkValue(node.value, leaf, at: node, params: self.names(node))
    }

    /// Applies a value rule to an element's text or an attribute's value. The parameters are
    /// worked out only when there is something to report.
    func checkValue(_ value: String, _ leaf: Leaf, at node: Node, params makeParams: @autoclosure () -> [(String, String)]) {
        let trimmed = Values.trimmed(value)
        /// The finding most checks make: `code`, naming the trimmed value.
        func invalid(_ code: String) { report(code, at: node, makeParams() + [("value", trimmed)]) }
        switch leaf {
        case .text, .rdfResource:
            break
        case .plainText:
            if node.localName == "title" && trimmed.isEmpty {
                report("NotBlank", at: node, makeParams())
            } else {
                checkNoHTML(node, value, params: makeParams())
            }
            // What an image repeats of its channel is compared when the image ends.
            if let parent = parent(of: node), parent.kind == .channel || parent.kind == .image, node.localName == "title" {
                parent.facts["title"] = trimmed
            }
        case .html:
            if family == .rss2, let parent = parent(of: node), parent.kind == .channel || parent.kind == .image {
                checkNoHTML(node, value)
            } else {
                checkSafeHTML(node, value, params: makeParams())
            }
            if let parent = parent(of: node), parent.facts["contentBeforeDescription"] != nil {
                parent.facts["descriptionAfterContent"] = "yes"
            }
        case .contentEncoded:
            checkSafeHTML(node, value, params: makeParams())
        case .nonBlankText:
            if trimmed.isEmpty {
                report("NotBlank", at: node, makeParams())
            } else if node.localName == "name", let parent = parent(of: node), parent.kind == .textInput || parent.kind == .rdfTextInput {
                let u = Array(trimmed.utf8)
                if !Values.isAlpha(u[0]) || !u.allSatisfy({ Values.isAlnum($0) || $0 == 95 || $0 == 46 || $0 == 45 || $0 == 58 }) {
                    invalid("InvalidFormComponentName")
                }
            }
        case .latitude, .longitude:
            let limit = leaf == .latitude ? 90.0 : 180.0
            if let v = Double(trimmed), abs(v) <= limit {
            } else {
                invalid(leaf == .latitude ? "InvalidLatitude" : "InvalidLongitude")
            }
        case .fullURL:
            if family == .rss1 && trimmed.isEmpty { break }
            if let problem = URIs.referenceProblem(trimmed), problem != .badEscape, !trimmed.isEmpty {
                invalid("InvalidUriChar")
            } else if !URIs.isAbsolute(trimmed) {
                invalid("InvalidFullLink")
            } else if trimmed.utf8.contains(where: { $0 >= 0x80 }) {
                // An IRI where RSS asks for a URI: readers may not cope.
                invalid(family == .rss2 && coreNamespace == node.namespace ? "UriNotIri" : "InvalidFullLink")
            }
        case .nss:
            if trimmed.isEmpty {
                report("NotBlank", at: node, makeParams())
            } else if HTMLChecks.entityReference(value) != nil || HTMLChecks.knownTag(value) != nil {
                report("ContainsHTML", at: node, makeParams() + [("value", value)])
            } else if URIs.urnProblem("urn:x:" + value) != nil {
                report("InvalidNSS", at: node, makeParams() + [("value", value)])
            }
        case .trueFalse:
            if value != "true" && value != "false" { report("InvalidTrueFalse", at: node, makeParams() + [("value", value)]) }
        case .float:
            if !Values.isFloat(trimmed) { invalid("InvalidFloat") }
        case .mime:
            if !isMIMEType(trimmed) { invalid("InvalidMIMEAttribute") }
        case .nptTime:
            if !Values.isNPTTime(trimmed) { invalid("InvalidNPTTime") }
        case .email:
            if !Values.isAddrSpec(trimmed) { invalid("InvalidContact") }
        case .iso8601:
            if !Values.isW3CDTF(trimmed) { invalid("InvalidISO8601DateTime") }
        case .urlAttribute:
            if !URIs.isAbsolute(trimmed) { invalid("InvalidURLAttribute") }
        case .oneOf(let code, let allowed):
            if !allowed.contains(trimmed) { invalid(code) }
            if node.localName == "link", let parent = parent(of: node), parent.kind == .channel || parent.kind == .image {
                parent.facts["link"] = trimmed
            }
        case .trackbackURL:
            if family != .rss1 && !URIs.isAbsolute(trimmed) {
                invalid("InvalidFullLink")
            }
        case .rfc822Date:
            switch Values.rfc822(trimmed) {
            case .valid: break
            case .problematical: invalid("ProblematicalRFC822Date")
            case .invalid: invalid("InvalidRFC2822Date")
            }
        case .w3cdtf:
            if !Values.isW3CDTF(trimmed) { invalid("InvalidW3CDTFDate") }
        case .rfc3339:
            if !Values.isRFC3339(trimmed) { invalid("InvalidRFC3339Date") }
        case .rssContact:
            switch Values.rssContact(value) {
            case .valid: checkNoHTML(node, value)
            case .missingRealName: invalid("MissingRealName")
            case .emailFormat: invalid("EmailFormat")
            case .invalid: invalid("InvalidContact")
            }
        case .language:
            if !Values.isLanguageTag(trimmed) { invalid("InvalidLanguage") }
        case .nonNegativeInteger:
            if !Values.isNonNegativeInteger(trimmed) { invalid("InvalidNonNegativeInteger") }
        case .positiveInteger:
            if !Values.isPositiveInteger(trimmed) { invalid("InvalidPositiveInteger") }
        case .ttl:
            if trimmed.isEmpty {
                report("NotBlank", at: node, makeParams())
            } else if !Values.isNonNegativeInteger(trimmed) {
                invalid("InvalidInteger")
            }
        case .updateFrequency:
            if trimmed.isEmpty {
                report("NotBlank", at: node, makeParams())
            } else if !Values.isPositiveInteger(trimmed) {
                invalid("InvalidPositiveInteger")
            }
        case .imageWidth, .imageHeight:
            let limit = leaf == .imageWidth ? 144 : 400
            let code = leaf == .imageWidth ? "InvalidWidth" : "InvalidHeight"
            if !Values.isPositiveInteger(trimmed) || (Int(trimmed) ?? Int.max) > limit {
                invalid(code)
            }
        case .hour:
            checkSkip(
                node, trimmed, params: makeParams(),
                valid: { v in
                    guard let h = Int(v), Values.isNonNegativeInteger(v) else { return false }
                    return h <= 24
                }, invalidCode: "InvalidHour")
            if trimmed == "24" { invalid("UseZeroForMidnight") }
        case .day:
            checkSkip(
                node, trimmed, params: makeParams(),
                valid: {
                    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].contains($0)
                }, invalidCode: "InvalidDay")
        case .updatePeriod:
            if !["hourly", "daily", "weekly", "monthly", "yearly"].contains(trimmed) {
                invalid("InvalidUpdatePeriod")
            }
        case .xhtmlBody, .xhtmlMeta, .inReplyTo:
            break
        case .feedFlare:
            checkNoHTML(node, value)
        case .itunesExplicit:
            // Apple reads the words in any case; white space around them is an error.
            if !["yes", "no", "clean", "true", "false", "explicit"].contains(value.lowercased()) {
                report("InvalidTrueFalse", at: node, makeParams() + [("value", value)])
            }
        case .yesNo:
            if !["yes", "no", "Yes", "No"].contains(trimmed) { invalid("InvalidYesNo") }
        case .itunesDuration:
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            let fieldsInRange = parts.count < 2 || parts.dropFirst().allSatisfy { (Int($0) ?? 60) < 60 }
            if parts.isEmpty || parts.count > 3 || !parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) || !fieldsInRange {
                invalid("InvalidDuration")
            }
        }
    }

    private func checkSkip(
        _ node: Node, _ value: String, params: [(String, String)], valid: (String) -> Bool,
        invalidCode: String
    ) {
        guard let parent = parent(of: node) else { return }
        if node.localName == "day" && parent.count("day") == 8 {
            report("EightDaysAWeek", at: node, params)
        }
        guard valid(value) else {
            report(invalidCode, at: node, params + [("value", value)])
            return
        }
        let key = "value:" + (value == "24" ? "0" : value)
        if parent.facts[key] != nil {
            report("DuplicateValue", at: node, params + [("value", value)])
        }
        parent.facts[key] = "yes"
    }

    /// HTML that may be HTML, but must be safe.
    func checkSafeHTML(_ node: Node, _ value: String, params: [(String, String)]) {
        guard value.utf8.contains(60) else { return }
        let scan = HTMLScan(value)
        if scan.processingInstruction { report("SecurityRisk", at: node, params + [("tag", "?import")]) }
        var findings: [HTMLChecks.Finding] = []
        for tag in scan.tags where !tag.closing {
            HTMLChecks.inspect(element: tag.name, attributes: tag.attributes, into: &findings)
        }
        reportFindings(findings, at: node, params: params)
    }
}
