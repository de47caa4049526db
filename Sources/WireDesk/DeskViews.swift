import Mustache

/// The desk's pages: plain server-rendered HTML (Mustache, every value escaped unless it is our
/// own sanitized HTML), usable with JavaScript off (the desk sends none).
struct DeskViews: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in [
            ("layout", Self.layout), ("signin", Self.signInPage), ("message", Self.messagePage), ("wire", Self.wirePage),
            ("report", Self.reportPage), ("style", Self.stylePage), ("sources", Self.sourcesPage),
        ] {
            try library.register(text, named: name)
        }
        self.library = library
    }

    func render(_ template: String, title: String, editor: String?, csrf: String?, _ object: [String: Any]) -> String {
        let body = library.render(object, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "body": body]
        if let editor { layout["editor"] = editor }
        if let csrf { layout["csrf"] = csrf }
        return library.render(layout, withTemplate: "layout") ?? ""
    }

    func signIn(csrf: String, message: String?) -> String {
        var object: [String: Any] = ["csrf": csrf]
        if let message { object["message"] = message }
        return render("signin", title: "Sign in — the desk", editor: nil, csrf: nil, object)
    }

    func message(title: String, text: String, link: String) -> String {
        render("message", title: title, editor: nil, csrf: nil, ["heading": title, "text": text, "link": link])
    }

    func wire(
        editor: String, csrf: String, rows: [[String: Any]], agencies: [(String, String)], agency: String?, kind: String?,
        search: String?
    ) -> String {
        let kinds = [
            ("", "any headline"), ("style", "changed by style"), ("editor", "by an editor"), ("unchanged", "unchanged"), ("derived", "derived"),
        ]
        return render(
            "wire", title: "The wire — the desk", editor: editor, csrf: csrf,
            [
                "rows": rows, "count": rows.count, "search": search ?? "",
                "agencies": agencies.map { ["id": $0.0, "name": $0.1, "selected": $0.0 == agency] },
                "kinds": kinds.map { ["id": $0.0, "name": $0.1, "selected": $0.0 == (kind ?? "")] },
            ])
    }

    func report(editor: String, csrf: String, row: [String: Any]) -> String {
        render("report", title: "Report — the desk", editor: editor, csrf: csrf, row)
    }

    func style(editor: String, csrf: String, path: String, text: String, preview: [String: Any]?) -> String {
        var object: [String: Any] = ["path": path, "text": text, "csrf": csrf]
        if let preview { object["preview"] = preview }
        return render("style", title: "House style — the desk", editor: editor, csrf: csrf, object)
    }

    func sources(editor: String, csrf: String, rows: [[String: Any]]) -> String {
        render("sources", title: "Sources — the desk", editor: editor, csrf: csrf, ["rows": rows])
    }

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{{title}}</title>
        <link rel="stylesheet" href="/style.css" />
        </head>
        <body class="desk">
        <header><a href="/desk">The desk</a>{{#editor}} · <a href="/desk/style">House style</a> · <a href="/desk/sources">Sources</a> · <a href="/">Public pages</a>
        <form class="inline" method="post" action="/desk/signout"><input type="hidden" name="csrf" value="{{csrf}}" /> {{editor}} <button>Sign out</button></form>{{/editor}}</header>
        <main>
        {{{body}}}
        </main>
        </body>
        </html>

        """

    static let signInPage = """
        <h1>Sign in</h1>
        {{#message}}<p class="error">{{message}}</p>{{/message}}
        <form method="post" action="/desk/signin">
        <input type="hidden" name="csrf" value="{{csrf}}" />
        <p><label>Name <input name="name" autocomplete="username" required="required" /></label></p>
        <p><label>Password <input name="password" type="password" autocomplete="current-password" required="required" /></label></p>
        <p><button>Sign in</button></p>
        </form>
        """

    static let messagePage = """
        <h1>{{heading}}</h1>
        <p>{{text}}</p>
        <p><a href="{{link}}">Go on</a></p>
        """

    static let wirePage = """
        <h1>The wire</h1>
        <form class="filters" method="get" action="/desk">
        <select name="agency"><option value="">every agency</option>{{#agencies}}<option value="{{id}}"{{#selected}} selected="selected"{{/selected}}>{{name}}</option>{{/agencies}}</select>
        <select name="kind">{{#kinds}}<option value="{{id}}"{{#selected}} selected="selected"{{/selected}}>{{name}}</option>{{/kinds}}</select>
        <input name="q" value="{{search}}" placeholder="search the headlines" />
        <button>Show</button>
        </form>
        <p class="meta">{{count}} reports, newest first</p>
        <ol class="desk-wire">
        {{#rows}}
        <li class="report-row" id="r{{id}}">
        <p class="ours"><a href="/desk/reports/{{id}}">{{headline}}</a></p>
        {{#original}}<p class="original">Agency: {{original}}</p>{{/original}}
        {{#derived}}<p class="original">Agency: (no headline: ours is the report's first sentence)</p>{{/derived}}
        <ul class="why">
        {{#editor}}<li>editor {{editor}}, {{editedAt}}{{#agencyUpdated}} — agency updated the report since, {{agencyUpdated}}{{/agencyUpdated}}</li>{{/editor}}
        {{#steps}}<li>{{rule}}: {{before}} → {{after}}{{#undone}} (undone){{/undone}}</li>{{/steps}}
        </ul>
        <p class="meta">{{agency}} · <time datetime="{{when}}">{{ago}}</time>{{#link}} · <a href="{{link}}" rel="noopener noreferrer">original</a>{{/link}}</p>
        <form class="inline" method="post" action="/desk/reports/{{id}}/headline">
        <input type="hidden" name="csrf" value="{{csrf}}" /><input type="hidden" name="back" value="{{back}}" />
        <input name="headline" value="{{headline}}" size="60" aria-label="Headline" /> <button>Save</button>
        </form>
        {{#editor}}<form class="inline" method="post" action="/desk/reports/{{id}}/clear"><input type="hidden" name="csrf" value="{{csrf}}" /><input type="hidden" name="back" value="{{back}}" /><button>Clear</button></form>{{/editor}}
        </li>
        {{/rows}}
        </ol>
        """

    static let reportPage = """
        <h1>{{headline}}</h1>
        <p class="meta">{{agency}} · <time datetime="{{when}}">{{ago}}</time>{{#link}} · <a href="{{link}}" rel="noopener noreferrer">{{link}}</a>{{/link}}</p>
        <h2>Why it reads so</h2>
        <pre class="explain">{{#explanation}}{{.}}
        {{/explanation}}</pre>
        <form method="post" action="/desk/reports/{{id}}/headline">
        <input type="hidden" name="csrf" value="{{csrf}}" /><input type="hidden" name="back" value="/desk/reports/{{id}}" />
        <p><label>Headline <input name="headline" value="{{headline}}" size="70" /></label> <button>Save</button></p>
        </form>
        {{#editor}}<form method="post" action="/desk/reports/{{id}}/clear"><input type="hidden" name="csrf" value="{{csrf}}" /><input type="hidden" name="back" value="/desk/reports/{{id}}" /><p><button>Clear the editor's headline</button></p></form>{{/editor}}
        <h2>History</h2>
        <ol class="history">
        {{#history}}<li>{{at}} {{editor}} {{action}}: “{{headline}}” (before: “{{previous}}”)</li>{{/history}}
        </ol>
        <h2>The report</h2>
        <div class="report">{{{body}}}</div>
        """

    static let stylePage = """
        <h1>House style</h1>
        <p class="meta">{{path}}</p>
        <form method="post" action="/desk/style">
        <input type="hidden" name="csrf" value="{{csrf}}" />
        <p><textarea name="style" rows="24" cols="90" spellcheck="false">{{text}}</textarea></p>
        <p><label>Preview over the latest <input name="count" value="500" size="6" /> reports</label>
        <button name="action" value="preview">Preview</button> <button name="action" value="apply">Apply</button></p>
        </form>
        {{#preview}}
        {{#error}}<p class="error">{{error}}</p>{{/error}}
        {{^error}}<h2>{{count}} of {{checked}} headlines would change</h2>{{/error}}
        <ol class="preview">
        {{#changes}}<li><p>{{agency}}: <del>{{before}}</del> → <ins>{{after}}</ins>{{#editor}} (an editor's headline by {{editor}} stands in the wire){{/editor}}</p>
        <ul class="why">{{#steps}}<li>{{rule}}: {{before}} → {{after}}</li>{{/steps}}</ul></li>{{/changes}}
        </ol>
        {{/preview}}
        """

    static let sourcesPage = """
        <h1>Sources</h1>
        <table class="sources">
        <thead><tr><th>Agency</th><th>Last outcome</th><th>HTTP</th><th>Errors</th><th>Checked</th><th>Next check</th><th>Newest report</th><th></th></tr></thead>
        <tbody>
        {{#rows}}
        <tr id="s-{{id}}"><td>{{name}}{{#quiet}} <span class="badge">quiet</span>{{/quiet}}<br /><small>{{url}}</small></td>
        <td>{{#disabled}}disabled: {{disabled}}{{/disabled}}{{^disabled}}{{outcome}}{{/disabled}}</td><td>{{status}}</td><td>{{errors}}</td><td>{{checked}}</td><td>{{next}}</td><td>{{newest}}</td>
        <td><form class="inline" method="post" action="/desk/sources/{{id}}/poll"><input type="hidden" name="csrf" value="{{csrf}}" /><button>Poll now</button></form>
        {{#disabled}}<form class="inline" method="post" action="/desk/sources/{{id}}/enable"><input type="hidden" name="csrf" value="{{csrf}}" /><button>Re-enable</button></form>{{/disabled}}</td></tr>
        {{/rows}}
        </tbody>
        </table>
        """
}
