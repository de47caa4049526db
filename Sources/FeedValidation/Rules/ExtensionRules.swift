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
                report(.commentRSS, line: driver.position.line, column: driver.position.column, [("element", "wfw:commentRSS")])
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
        case Namespace.georss, "http://www.georss.org/georss/10":
            // GeoRSS Simple: one shape, its elevation, floor and radius, and what it names.
            switch local {
            case "point": return .known(.leaf(.geoPoint), once: true)
            case "line": return .known(.leaf(.geoLine), once: true)
            case "polygon": return .known(.leaf(.geoPolygon), once: true)
            case "box": return .known(.leaf(.geoBox), once: true)
            case "elev", "radius": return .known(.leaf(.float), once: true)
            case "floor": return .known(.leaf(.integer), once: true)
            default: return .open
            }
        case "http://purl.org/rss/1.0/modules/event/":
            // The RSS 1.0 Event module: when an event starts and ends (W3C-DTF), where, by whom, what.
            switch local {
            case "startdate", "enddate": return .known(.leaf(.w3cdtf), once: true)
            case "location", "organizer", "type": return .known(.leaf(.text), once: true)
            default: return .undefined
            }
        case "http://purl.org/rss/1.0/modules/aggregation/", "http://purl.org/rss/modules/aggregation/":
            // The RSS 1.0 Aggregation module: the source an item was taken from, and when.
            switch local {
            case "source": return .known(.leaf(.text), once: true)
            case "sourceURL": return .known(.leaf(.fullURL), once: true)
            case "timestamp": return .known(.leaf(.w3cdtf), once: true)
            default: return .undefined
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
            case "archive":
                archive = true
                return .known(.leaf(.text), once: true)
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
            if inRSS && (local == "body" || local == "div") { return .known(.leaf(.xhtmlBody), once: true) }
            if local == "meta" { return .known(.leaf(.xhtmlMeta), once: false) }
            if context != .other {
                // Allowed as an extension, but readers look for text in the elements made for it
                // (Atom's text constructs and content; RSS's description or an xhtml:body).
                let (line, column) = driver.position
                report(
                    .misplacedXHTMLContent, line: line, column: column,
                    [("parent", parent.name), ("element", "xhtml:" + local)])
            }
            return .open
        default:
            return .open
        }
    }

    /// GeoRSS Simple (georss.org): latitude-longitude pairs separated by white space — one for a
    /// point, two or more for a line, two (lower and upper corner) for a box, and four or more
    /// for a polygon, whose last pair closes it on its first. A comma inside a pair is read by
    /// some but is not the serialization GeoRSS defines.
    func checkGeoShape(_ value: String, _ leaf: Leaf, at node: Node, params: [(String, String)]) {
        if value.contains(",") { report(.coordComma, at: node, params + [("value", value)]) }
        let numbers = value.split { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "," }.map { Double($0) }
        var pairs: [(Double, Double)] = []
        var valid = numbers.count % 2 == 0 && numbers.allSatisfy { $0 != nil }
        if valid {
            for i in stride(from: 0, to: numbers.count, by: 2) { pairs.append((numbers[i]!, numbers[i + 1]!)) }
            valid = pairs.allSatisfy { abs($0.0) <= 90 && abs($0.1) <= 180 }
        }
        switch leaf {
        case .geoPoint:
            if !valid || pairs.count != 1 { report(.invalidCoord, at: node, params + [("value", value)]) }
        case .geoLine:
            if !valid || pairs.count < 2 { report(.invalidCoordList, at: node, params + [("value", value)]) }
        case .geoBox:
            if !valid || pairs.count != 2 { report(.invalidCoordList, at: node, params + [("value", value)]) }
        default:
            let closed = pairs.first.map { $0 == pairs[pairs.count - 1] } ?? false
            if !valid || pairs.count < 4 || !closed { report(.invalidCoordList, at: node, params + [("value", value)]) }
        }
    }

    // MARK: Value-holding elements

    func leafStart(_ node: Node, _ leaf: Leaf) {
        switch leaf {
        case .rdfResource:
            let p = [("parent", parent(of: node)?.name ?? "channel"), ("element", node.name)]
            if let resource = node.attribute("resource", namespace: Namespace.rdf) {
                if !URIs.isAbsolute(resource) { report(.invalidFullLink, at: node, p + [("value", resource)]) }
            } else if family != .atom {
                report(.missingAttribute, at: node, p + [("attr", "rdf:resource")])
            }
        case .xhtmlMeta:
            let p = [("parent", node.attributeParentName)]
            for a in ["name", "content"] where node.attribute(a) == nil {
                report(.missingAttribute, at: node, [("element", node.name), ("attr", a)])
            }
            if node.attribute("name")?.lowercased() == "robots", let content = node.attribute("content") {
                let words = content.lowercased().split(separator: ",").map { Values.trimmed(String($0)) }
                let known: Set<String> = ["index", "noindex", "follow", "nofollow", "noarchive", "none", "all", "nosnippet", "noodp"]
                let contradictory =
                    (words.contains("index") && words.contains("noindex"))
                    || (words.contains("follow") && words.contains("nofollow"))
                if contradictory || !words.allSatisfy(known.contains) {
                    report(.invalidMetaContent, at: node, p + [("element", "content"), ("value", content)])
                }
            }
        case .feedFlare:
            // IRI references: resolved against xml:base in Atom; RSS has none to resolve them by.
            for a in ["href", "src"] {
                guard let v = node.attribute(a) else { continue }
                let params = [("parent", node.attributeParentName), ("element", a)]
                if URIs.referenceProblem(v) == nil && URIs.scheme(v) == nil && !v.isEmpty {
                    if family != .atom { report(.containsRelRef, at: node, params + [("value", v)]) }
                } else {
                    checkValue(v, .fullURL, at: node, params: params)
                }
            }
        case .inReplyTo:
            if let ref = node.attribute("ref") {
                if !URIs.isAbsolute(ref) {
                    report(.invalidFullLink, at: node, [("parent", node.attributeParentName), ("element", "ref"), ("value", ref)])
                }
            } else {
                report(.missingAttribute, at: node, [("element", node.name), ("attr", "ref")])
            }
            if let href = node.attribute("href") {
                checkIRI(href, at: node, params: [("parent", node.attributeParentName), ("element", "href")])
            }
            if let type = node.attribute("type"), !isMIMEType(type) {
                report(
                    .invalidMIMEType, at: node, [("parent", node.attributeParentName), ("element", node.name), ("attr", "type"), ("value", type)])
            }
            if let source = node.attribute("source") {
                checkIRI(source, at: node, params: [("parent", node.attributeParentName), ("element", "source")])
            }
        case .trackbackURL where family == .rss1:
            let p = [("parent", parent(of: node)?.name ?? "item"), ("element", node.name)]
            if let resource = node.attribute("resource", namespace: Namespace.rdf) {
                if !URIs.isAbsolute(resource) { report(.invalidFullLink, at: node, p + [("value", resource)]) }
            } else {
                report(.missingAttribute, at: node, p + [("attr", "rdf:resource")])
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
        func invalid(_ code: MessageClass) { report(code, at: node, makeParams() + [("value", trimmed)]) }
        switch leaf {
        case .text, .rdfResource:
            break
        case .plainText:
            if node.localName == "title" && trimmed.isEmpty {
                report(.notBlank, at: node, makeParams())
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
                report(.notBlank, at: node, makeParams())
            } else if node.localName == "name", let parent = parent(of: node), parent.kind == .textInput || parent.kind == .rdfTextInput {
                let u = Array(trimmed.utf8)
                if !Values.isAlpha(u[0]) || !u.allSatisfy({ Values.isAlnum($0) || $0 == 95 || $0 == 46 || $0 == 45 || $0 == 58 }) {
                    invalid(.invalidFormComponentName)
                }
            }
        case .geoPoint, .geoLine, .geoPolygon, .geoBox:
            checkGeoShape(trimmed, leaf, at: node, params: makeParams())
        case .integer:
            if Int(trimmed) == nil { invalid(.invalidInteger) }
        case .latitude, .longitude:
            let limit = leaf == .latitude ? 90.0 : 180.0
            if let v = Double(trimmed), abs(v) <= limit {
            } else {
                invalid(leaf == .latitude ? .invalidLatitude : .invalidLongitude)
            }
        case .fullURL:
            if node.localName == "link", let parent = parent(of: node), parent.kind == .channel || parent.kind == .image {
                parent.facts["link"] = trimmed
            }
            if node.localName == "url", parent(of: node)?.kind == .image, let ext = Values.fileExtension(trimmed),
                !["gif", "jpg", "jpeg", "png"].contains(ext)
            {
                // RSS 2.0: the channel's image is "a GIF, JPEG or PNG image".
                report(.imageUrlFormat, at: node, makeParams() + [("value", trimmed)])
            }
            if family == .rss1 && trimmed.isEmpty { break }
            if let problem = URIs.referenceProblem(trimmed), problem != .badEscape, !trimmed.isEmpty {
                invalid(.invalidUriChar)
            } else if !URIs.isAbsolute(trimmed) {
                invalid(.invalidFullLink)
            } else if trimmed.utf8.contains(where: { $0 >= 0x80 }) {
                // An IRI where RSS asks for a URI: readers may not cope.
                invalid(family == .rss2 && coreNamespace == node.namespace ? .uriNotIri : .invalidFullLink)
            }
        case .nss:
            if trimmed.isEmpty {
                report(.notBlank, at: node, makeParams())
            } else if HTMLChecks.entityReference(value) != nil || HTMLChecks.knownTag(value) != nil {
                report(.containsHTML, at: node, makeParams() + [("value", value)])
            } else if URIs.urnProblem("urn:x:" + value) != nil {
                report(.invalidNSS, at: node, makeParams() + [("value", value)])
            }
        case .trueFalse:
            if value != "true" && value != "false" { report(.invalidTrueFalse, at: node, makeParams() + [("value", value)]) }
        case .float:
            if !Values.isFloat(trimmed) { invalid(.invalidFloat) }
        case .mime:
            if !isMIMEType(trimmed) { invalid(.invalidMIMEAttribute) }
        case .nptTime:
            if !Values.isNPTTime(trimmed) { invalid(.invalidNPTTime) }
        case .email:
            if !Values.isAddrSpec(trimmed) { invalid(.invalidContact) }
        case .iso8601:
            if !Values.isW3CDTF(trimmed) { invalid(.invalidISO8601DateTime) }
        case .urlAttribute:
            if !URIs.isAbsolute(trimmed) { invalid(.invalidURLAttribute) }
        case .oneOf(let code, let allowed):
            if !allowed.contains(trimmed) { invalid(code) }
        case .trackbackURL:
            if family != .rss1 && !URIs.isAbsolute(trimmed) {
                invalid(.invalidFullLink)
            }
        case .rfc822Date:
            switch Values.rfc822(trimmed) {
            case .valid: break
            case .problematical: invalid(.problematicalRFC822Date)
            case .invalid: invalid(.invalidRFC2822Date)
            case .wrongWeekday: invalid(.incorrectDOW)
            }
            if let year = Values.rfc822Year(trimmed), !Values.plausibleYears.contains(year) { invalid(.implausibleDate) }
        case .w3cdtf:
            if !Values.isW3CDTF(trimmed) { invalid(.invalidW3CDTFDate) }
        case .rfc3339:
            if !Values.isRFC3339(trimmed) { invalid(.invalidRFC3339Date) }
        case .rssContact:
            switch Values.rssContact(value) {
            case .valid: checkNoHTML(node, value)
            case .missingRealName: invalid(.missingRealName)
            case .emailFormat: invalid(.emailFormat)
            case .invalid: invalid(.invalidContact)
            }
        case .language:
            if !Values.isLanguageTag(trimmed) { invalid(.invalidLanguage) }
        case .nonNegativeInteger:
            if !Values.isNonNegativeInteger(trimmed) { invalid(.invalidNonNegativeInteger) }
        case .positiveInteger:
            if !Values.isPositiveInteger(trimmed) { invalid(.invalidPositiveInteger) }
        case .ttl:
            if trimmed.isEmpty {
                report(.notBlank, at: node, makeParams())
            } else if !Values.isNonNegativeInteger(trimmed) {
                invalid(.invalidInteger)
            }
        case .updateFrequency:
            if trimmed.isEmpty {
                report(.notBlank, at: node, makeParams())
            } else if !Values.isPositiveInteger(trimmed) {
                invalid(.invalidPositiveInteger)
            }
        case .imageWidth, .imageHeight:
            let limit = leaf == .imageWidth ? 144 : 400
            let code: MessageClass = leaf == .imageWidth ? .invalidWidth : .invalidHeight
            if !Values.isPositiveInteger(trimmed) || (Int(trimmed) ?? Int.max) > limit {
                invalid(code)
            }
        case .hour:
            checkSkip(
                node, trimmed, params: makeParams(),
                valid: { v in
                    guard let h = Int(v), Values.isNonNegativeInteger(v) else { return false }
                    return h <= 24
                }, invalidCode: .invalidHour)
            if trimmed == "24" { invalid(.useZeroForMidnight) }
        case .day:
            checkSkip(
                node, trimmed, params: makeParams(),
                valid: {
                    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].contains($0)
                }, invalidCode: .invalidDay)
        case .updatePeriod:
            if !["hourly", "daily", "weekly", "monthly", "yearly"].contains(trimmed) {
                invalid(.invalidUpdatePeriod)
            }
        case .xhtmlBody, .xhtmlMeta, .inReplyTo:
            break
        case .feedFlare:
            checkNoHTML(node, value)
        case .itunesExplicit:
            // Apple reads the words in any case; white space around them is an error.
            if !["yes", "no", "clean", "true", "false", "explicit"].contains(value.lowercased()) {
                report(.invalidTrueFalse, at: node, makeParams() + [("value", value)])
            }
        case .yesNo:
            if !["yes", "no", "Yes", "No"].contains(trimmed) { invalid(.invalidYesNo) }
        case .itunesDuration:
            let parts = trimmed.split(separator: ":", omittingEmptySubsequences: false)
            let fieldsInRange = parts.count < 2 || parts.dropFirst().allSatisfy { (Int($0) ?? 60) < 60 }
            if parts.isEmpty || parts.count > 3 || !parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) || !fieldsInRange {
                invalid(.invalidDuration)
            }
        }
    }

    private func checkSkip(
        _ node: Node, _ value: String, params: [(String, String)], valid: (String) -> Bool,
        invalidCode: MessageClass
    ) {
        guard let parent = parent(of: node) else { return }
        if node.localName == "day" && parent.count("day") == 8 {
            report(.eightDaysAWeek, at: node, params)
        }
        guard valid(value) else {
            report(invalidCode, at: node, params + [("value", value)])
            return
        }
        let key = "value:" + (value == "24" ? "0" : value)
        if parent.facts[key] != nil {
            report(.duplicateValue, at: node, params + [("value", value)])
        }
        parent.facts[key] = "yes"
    }

    /// HTML that may be HTML, but must be safe.
    func checkSafeHTML(_ node: Node, _ value: String, params: [(String, String)]) {
        checkCharacterReferences(node, value, params: params)
        guard value.utf8.contains(60) else { return }
        let scan = HTMLScan(value)
        if scan.processingInstruction { report(.securityRisk, at: node, params + [("tag", "?import")]) }
        var findings: [HTMLChecks.Finding] = []
        for tag in scan.tags where !tag.closing {
            HTMLChecks.inspect(element: tag.name, attributes: tag.attributes, into: &findings)
        }
        reportFindings(findings, at: node, params: params)
        // RSS has no xml:base of its own: a relative link in its HTML resolves against wherever
        // the reader happens to be (the RSS Best Practices Profile asks for absolute URLs).
        if family != .atom, !stack.contains(where: { $0.attribute("base", namespace: Namespace.xml) != nil }),
            let relative = scan.tags.lazy.flatMap({ $0.closing ? [] : $0.attributes }).first(where: { a in
                (a.name == "href" || a.name == "src") && Values.isRelativeReference(a.value)
            })
        {
            report(.containsRelRef, at: node, params + [("value", relative.value)])
        }
    }

    /// HTML may not refer to a control character or a surrogate (`&#x92;`, the Windows-1252
    /// "smart quote" escaped twice, is the usual case): such HTML is not HTML.
    func checkCharacterReferences(_ node: Node, _ value: String, params: [(String, String)]) {
        guard let reference = HTMLChecks.invalidCharacterReference(value) else { return }
        report(.notHtml, at: node, params + [("value", reference)])
    }
}
