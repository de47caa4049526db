/// Applies ``HTMLCleaner`` to every HTML and XHTML text construct of a feed: titles, subtitles,
/// summaries, contents, rights.
public enum ContentSafety {
    public static func apply(to feed: inout Feed, sanitize: Bool = true, resolve: Bool = true) {
        guard sanitize || resolve else { return }
        func clean(_ text: inout Text?) {
            guard var t = text else { return }
            clean(&t)
            text = t
        }
        func clean(_ t: inout Text) {
            switch t.kind {
            case .html, .xhtml:
                t.value = HTMLCleaner.clean(t.value, options: .init(sanitize: sanitize, base: resolve ? t.base : nil))
            default:
                break
            }
        }
        clean(&feed.header.title)
        clean(&feed.header.subtitle)
        clean(&feed.header.rights)
        clean(&feed.header.info)
        for i in feed.entries.indices {
            clean(&feed.entries[i].title)
            clean(&feed.entries[i].summary)
            clean(&feed.entries[i].rights)
            for c in feed.entries[i].content.indices { clean(&feed.entries[i].content[c]) }
        }
    }
}
