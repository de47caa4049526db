import Foundation
import HouseStyle
import Mustache
import Syndication
import Wire

/// The public "Media Wire" pages (HTML5 that is also well-formed XML, so any XML parser can check it): the latest reports, and one report with its agency and original
/// URL at the bottom. Rendered from Mustache templates; every agency text is escaped, and report
/// bodies are always the sanitized HTML (even for a `content: preserve` source).
struct Pages: Sendable {
    let library: MustacheLibrary
    let title: String
    let disclaimer: String
    let names: [String: String]

    init(config: WireConfig) throws {
        var library = MustacheLibrary()
        try library.register(Self.layout, named: "layout")
        try library.register(Self.index, named: "index")
        try library.register(Self.report, named: "report")
        self.library = library
        title = config.output.title
        disclaimer = config.serve.disclaimer
        names = Dictionary(config.sources.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    func agency(_ entry: StoredEntry) -> String { names[entry.sourceID] ?? entry.sourceID }

    /// Where a page's links point: the service's paths, or files beside each other on disk.
    struct Links: Sendable {
        /// From the page to the site's root (`/` on the service; `` or `../` for files).
        var root: String
        /// Added to a report's id (`.html` for files).
        var suffix: String
        var feed: String

        static let service = Links(root: "/", suffix: "", feed: "/wire.atom")
        static func files(depth: Int, feed: String) -> Links {
            Links(root: String(repeating: "../", count: depth), suffix: ".html", feed: feed)
        }

        var fields: [String: Any] { ["home": suffix.isEmpty ? root : root + "index.html", "root": root, "suffix": suffix, "feed": feed] }
    }

    /// `/`: the latest reports, newest first.
    func index(_ entries: [StoredEntry], now: Date, links: Links = .service) -> String {
        let items: [[String: Any]] = entries.map { entry in
            [
                "id": String(entry.sequence), "headline": entry.wireHeadline, "agency": agency(entry),
                "ago": Self.ago(entry.sortTime, now: now.timeIntervalSince1970), "when": RFC3339.format(entry.sortTime),
                "excerpt": Self.excerpt(entry),
            ]
        }
        let body =
            library.render(["title": title, "reports": items, "empty": items.isEmpty].merging(links.fields) { a, _ in a }, withTemplate: "index")
            ?? ""
        return library.render(["title": title, "pageTitle": title, "body": body].merging(links.fields) { a, _ in a }, withTemplate: "layout") ?? ""
    }

    /// `/reports/ID`: one report, unchanged in its words, its agency and original URL at the bottom.
    func report(_ entry: StoredEntry, now: Date, links: Links = .service) -> String {
        var object: [String: Any] = [
            "headline": entry.wireHeadline, "agency": agency(entry), "disclaimer": disclaimer,
            "ago": Self.ago(entry.sortTime, now: now.timeIntervalSince1970), "when": RFC3339.format(entry.sortTime),
            "body": Self.body(entry),
        ]
        if let link = entry.link, StoredEntry.isAbsoluteIRI(link) { object["link"] = link }
        if !entry.headlineIsDerived && entry.originalTitle != entry.wireHeadline { object["original"] = entry.originalTitle }
        let body = library.render(object, withTemplate: "report") ?? ""
        let page: [String: Any] = ["title": title, "pageTitle": "\(entry.wireHeadline) — \(title)", "body": body]
        return library.render(page.merging(links.fields) { a, _ in a }, withTemplate: "layout") ?? ""
    }

    /// The report's words as safe HTML: its content, else its summary; sanitized whatever the
    /// source's content mode, relative links resolved against the report's base.
    static func body(_ entry: StoredEntry) -> String {
        guard let text = [entry.content, entry.summary].compactMap({ $0 }).first(where: { $0.src == nil && !HouseStyle.isBlank($0.value) })
        else { return "" }
        switch text.type {
        case "html", "xhtml", "text/html":
            return HTMLCleaner.clean(text.value, options: .init(sanitize: true, base: text.base ?? entry.link))
        default:
            return text.value.split(separator: "\n", omittingEmptySubsequences: true)
                .map { "<p>" + escape(String($0)) + "</p>" }.joined(separator: "\n")
        }
    }

    /// The first words of the report's visible text (about 40), for the list.
    static func excerpt(_ entry: StoredEntry, words limit: Int = 40) -> String {
        guard let text = [entry.summary, entry.content].compactMap({ $0 }).first(where: { $0.src == nil && !HouseStyle.isBlank($0.value) })
        else { return "" }
        let visible = text.type == "text" ? text.value : HTMLCleaner.visibleText(text.value)
        let words = visible.split(whereSeparator: \.isWhitespace)
        return words.prefix(limit).joined(separator: " ") + (words.count > limit ? " …" : "")
    }

    /// How long ago, as `RelativeTime` says it, for a month; the date after that.
    static func ago(_ instant: Double, now: Double) -> String {
        now - instant < 86_400 * 30 ? RelativeTime.ago(instant, now: now) : String(RFC3339.format(instant).prefix(10))
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{{pageTitle}}</title>
        <link rel="stylesheet" href="{{root}}style.css" />
        <link rel="alternate" type="application/atom+xml" title="{{title}}" href="{{feed}}" />
        </head>
        <body>
        <header><a href="{{home}}">{{title}}</a></header>
        <main>
        {{{body}}}
        </main>
        </body>
        </html>

        """

    static let index = """
        <h1>{{title}}</h1>
        {{#empty}}<p>No reports yet.</p>{{/empty}}
        <ol class="reports">
        {{#reports}}
        <li><article>
        <h2><a href="{{root}}reports/{{id}}{{suffix}}">{{headline}}</a></h2>
        <p class="meta"><span class="agency">{{agency}}</span> · <time datetime="{{when}}">{{ago}}</time></p>
        <p>{{excerpt}}</p>
        </article></li>
        {{/reports}}
        </ol>
        """

    static let report = """
        <article>
        <h1>{{headline}}</h1>
        <p class="meta"><span class="agency">{{agency}}</span> · <time datetime="{{when}}">{{ago}}</time></p>
        <div class="report">
        {{{body}}}
        </div>
        <footer>
        <p class="disclaimer">{{disclaimer}}</p>
        <p class="source">Source: <span class="agency">{{agency}}</span>{{#original}} — “{{original}}”{{/original}}</p>
        {{#link}}<p class="original">Original URL: <a href="{{link}}" rel="noopener noreferrer">{{link}}</a></p>{{/link}}
        </footer>
        </article>
        """

    static let stylesheet = """
        body { font: 17px/1.5 Georgia, serif; margin: 0 auto; max-width: 44rem; padding: 0 1rem; color: #111; }
        header { border-bottom: 3px solid #111; padding: .6rem 0; font: bold 1.1rem sans-serif; }
        header a, h2 a { color: inherit; text-decoration: none; }
        h1 { font-size: 1.8rem; line-height: 1.2; }
        h2 { font-size: 1.25rem; margin: 0 0 .2rem; }
        ol.reports { list-style: none; padding: 0; }
        ol.reports li { border-bottom: 1px solid #ddd; padding: .8rem 0; }
        .meta { color: #555; font: .85rem sans-serif; margin: 0 0 .4rem; }
        .report img { max-width: 100%; height: auto; }
        footer { border-top: 1px solid #ccc; margin-top: 2rem; font-size: .9rem; color: #333; }
        footer a { word-break: break-all; }
        body.desk { max-width: 70rem; font: 15px/1.4 sans-serif; }
        .desk header form.inline { float: right; }
        form.inline { display: inline; }
        .desk-wire { list-style: none; padding: 0; }
        .report-row { border-bottom: 1px solid #ddd; padding: .6rem 0; }
        .ours { font-weight: bold; margin: 0; }
        .original { color: #555; margin: .1rem 0; }
        .why { color: #335; font-size: .85rem; margin: .2rem 0; }
        .error { color: #a00; font-weight: bold; }
        .badge { background: #fc3; border-radius: .3rem; padding: 0 .3rem; font-size: .8rem; }
        table.sources { border-collapse: collapse; width: 100%; font-size: .85rem; }
        table.sources td, table.sources th { border-bottom: 1px solid #ddd; padding: .3rem; text-align: left; vertical-align: top; }
        textarea { width: 100%; font: 13px/1.4 monospace; }
        pre.explain { white-space: pre-wrap; font-size: .85rem; }

        """
}
