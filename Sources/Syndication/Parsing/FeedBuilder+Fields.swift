import Foundation

extension FeedBuilder {
    /// Stores a finished field where its context says.
    func finish(_ field: Field, raw: String, frame: Frame) {
        let context = currentContext
        switch field {
        case .title, .subtitle, .summary, .content, .rights, .info:
            var text = makeText(raw, frame: frame)
            text.src = frame.contentSource
            switch (context, field) {
            case (.image, .title): image.title = text
            case (.image, .subtitle): image.description = text
            case (.textInput, .title): textInput.title = text
            case (.textInput, .subtitle): textInput.description = text
            default:
                if owner == .entry {
                    switch field {
                    case .title: entry.title = text
                    case .summary: entry.summary = text
                    case .subtitle: entry.summary = text
                    case .content: entry.content.append(text)
                    case .info: break
                    default: entry.rights = text
                    }
                } else {
                    modifyHeader {
                        switch field {
                        case .title: $0.title = text
                        case .subtitle, .summary: $0.subtitle = text
                        case .content: $0.extensions.append(ExtensionElement(namespace: nil, name: "content", text: text.value))
                        case .info: $0.info = text
                        default: $0.rights = text
                        }
                    }
                }
            }
            return
        default:
            break
        }

        let value = repair(raw.trimmingWhitespace())
        func attr(_ n: String) -> String? { frame.attributes.first { $0.namespace == nil && $0.name.equalsIgnoringASCIICase(n) }?.value }
        func resolved(_ v: String) -> String { resolveLink(v, against: frame.base) }

        switch field {
        case .id, .guid:
            guard !value.isEmpty || owner != .entry else { return }
            if owner == .entry {
                entry.id = value
                if field == .guid { entry.idIsPermalink = (attr("ispermalink") ?? "true").lowercased() == "true" }
            } else {
                modifyHeader { $0.id = value }
            }
        case .link:
            let href = resolved(value.replacingIfPresent("&amp;", with: "&"))
            switch context {
            case .image: image.link = href
            case .textInput: textInput.link = href
            default: addLink(Link(href: href, rel: "alternate"))
            }
        case .published, .updated, .created, .expired:
            guard !value.isEmpty else { return }
            let date = DateValue(parsing: value)
            if owner == .entry {
                switch field {
                case .published: entry.published = date
                case .updated: entry.updated = date
                case .created: entry.created = date
                default: entry.expired = date
                }
            } else {
                modifyHeader {
                    switch field {
                    case .published: $0.published = date
                    case .updated: $0.updated = date
                    case .created: $0.created = date
                    default: $0.extensions.append(ExtensionElement(namespace: nil, name: "expirationdate", text: value))
                    }
                }
            }
        case .category:
            guard !value.isEmpty else { return }
            addCategory(Category(term: value, scheme: attr("domain") ?? attr("scheme"), label: attr("label")))
        case .keywords:
            for term in value.split(separator: ",") {
                let t = String(term).trimmingWhitespace()
                if !t.isEmpty { addCategory(Category(term: t, scheme: attr("scheme"))) }
            }
        case .license:
            if !value.isEmpty { addLink(Link(href: resolved(value), rel: "license")) }
        case .comments:
            if owner == .entry { entry.comments = resolved(value) }
        case .rssSource:
            var header = FeedHeader()
            if !value.isEmpty { header.title = Text(value, kind: .text, language: frame.lang, base: frame.base) }
            if let url = attr("url") { header.links.append(Link(href: url, rel: "self")) }
            entry.source = header
        case .generator:
            let uri = attr("uri") ?? attr("url")
            modifyHeader { $0.generator = Generator(name: value, uri: uri.map(resolved), version: attr("version")) }
        case .icon:
            modifyHeader { $0.icon = resolved(value) }
        case .logo:
            modifyHeader { $0.logo = resolved(value) }
        case .language:
            if owner == .entry { entry.language = value } else { modifyHeader { $0.language = value } }
        case .ttl:
            modifyHeader { $0.ttl = value }
        case .docs:
            modifyHeader { $0.docs = resolved(value) }
        case .skipHour:
            modifyHeader { $0.skipHours.append(value) }
        case .skipDay:
            modifyHeader { $0.skipDays.append(value) }
        case .personName:
            setPerson { $0.name = value }
        case .personEmail:
            setPerson { $0.email = value }
        case .personURI:
            setPerson { $0.uri = resolved(value) }
        case .personText(let role):
            guard !value.isEmpty else { return }
            store(PersonText.parse(value), role: role)
        case .imageURL:
            image.url = resolved(value)
        case .imageWidth:
            image.width = value
        case .imageHeight:
            image.height = value
        case .textInputName:
            textInput.name = value
        case .title, .subtitle, .summary, .content, .rights, .info:
            break
        }
    }

    /// Builds a text construct the way the feed meant it.
    func makeText(_ raw: String, frame: Frame) -> Text {
        var kind = frame.kind
        var value = raw
        if kind == .xhtml && feed.dialect == .atom10 { value = XHTML.unwrapDiv(value) }
        value = value.trimmingWhitespace()
        if frame.base64, let data = Data(base64Encoded: value, options: .ignoreUnknownCharacters),
            let decoded = String(data: data, encoding: .utf8)
        {
            value = decoded
        }
        if !feed.dialect.isAtom && kind == .text && HTMLHeuristics.looksLikeHTML(value) { kind = .html }
        return Text(
            repair(value), kind: kind, language: frame.lang?.replacingIfPresent("_", with: "-"),
            base: frame.base)
    }
}
