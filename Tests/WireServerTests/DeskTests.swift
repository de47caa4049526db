import Foundation
import HummingbirdBcrypt
import NIOCore
import NIOHTTP1
import Testing
import Wire

/// The editors' desk over plain HTTP on loopback: closed to strangers, every action behind the
/// session's CSRF token, sign-in attempts limited, and what editors do reaching the wire.
@Suite(.serialized) struct DeskTests {
    static let password = "correct horse battery"

    /// The demo with an editor, and an agency whose Atom headline is markup (text, to Atom).
    static func demo() throws -> ServiceTests.Demo {
        let demo = try ServiceTests.Demo()
        try """
        <?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Marked</title><id>urn:marked</id>
        <updated>2026-11-25T10:00:00Z</updated>
        <entry><id>urn:marked:1</id><updated>2026-11-25T10:00:00Z</updated>
        <title type="text">&lt;img src=x onerror=alert(1)&gt; Floods in the north</title>
        <link href="https://marked.example/1"/><summary>Water rose.</summary></entry></feed>
        """.write(toFile: demo.root + "/feeds/demo/marked.atom", atomically: true, encoding: .utf8)
        var yaml = try String(contentsOfFile: demo.config, encoding: .utf8)
        yaml += "  - id: marked\n    name: Marked\n    url: demo/marked.atom\n"
        yaml += "editors:\n  - {name: alice, password: \"\(Bcrypt.hash(password, cost: 4))\"}\n"
        try yaml.write(toFile: demo.config, atomically: true, encoding: .utf8)
        return demo
    }

    struct Browser {
        let base: String
        var cookies: [String: String] = [:]

        mutating func send(
            _ path: String, method: HTTPMethod = .GET, form: [(String, String)]? = nil, headers: [(String, String)] = []
        )
            async throws -> ServiceTests.Reply
        {
            var requestHeaders: [(name: String, value: String)] = []
            if !cookies.isEmpty { requestHeaders.append(("Cookie", cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))) }
            for (name, value) in headers { requestHeaders.append((name, value)) }
            var body: [UInt8] = []
            if let form {
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._~")
                let text = form.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&")
                requestHeaders.append(("Content-Type", "application/x-www-form-urlencoded"))
                body = Array(text.utf8)
            }
            let request = HTTP1Request(method: method.rawValue, url: base + path, headers: requestHeaders, body: body)
            let response = try await ServiceTests.client.execute(request, deadline: .now() + .seconds(20), maxBodyBytes: 10 << 20)
            var out: [String: String] = [:]
            for header in response.headers {
                if header.name.lowercased() == "set-cookie" {
                    let pair = header.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
                    if pair.count == 2 { cookies[String(pair[0])] = pair[1].isEmpty ? nil : String(pair[1]) }
                    out["set-cookie", default: ""] += header.value + "\n"
                } else {
                    out[header.name.lowercased()] = header.value
                }
            }
            return ServiceTests.Reply(status: response.status, headers: out, body: response.body)
        }

        static func csrf(_ html: String) -> String? {
            html.components(separatedBy: "name=\"csrf\" value=\"").dropFirst().first?.split(separator: "\"").first.map(String.init)
        }

        mutating func signIn(name: String = "alice", password: String = DeskTests.password) async throws -> ServiceTests.Reply {
            let form = try await send("/desk/signin")
            return try await send(
                "/desk/signin", method: .POST, form: [("csrf", Self.csrf(form.text) ?? ""), ("name", name), ("password", password)])
        }
    }

    @Test func nothingUnderTheDeskWithoutSigningIn() async throws {
        let demo = try Self.demo()
        let style = try String(contentsOfFile: demo.root + "/feeds/house-style.yaml", encoding: .utf8)
        try await ServiceTests.serving(demo) { base in
            var stranger = Browser(base: base)
            for path in ["/desk", "/desk/reports/1", "/desk/style", "/desk/sources", "/desk?q=quake"] {
                let reply = try await stranger.send(path)
                #expect(reply.status == 303, "\(path)")
                #expect(reply.headers["location"] == "/desk/signin", "\(path)")
            }
            let actions: [(String, [(String, String)])] = [
                ("/desk/reports/1/headline", [("headline", "Stolen"), ("csrf", "x")]), ("/desk/reports/1/clear", [("csrf", "x")]),
                ("/desk/style", [("style", "version: 1\nrules: []\n"), ("action", "apply"), ("csrf", "x")]),
                ("/desk/sources/rt/poll", [("csrf", "x")]), ("/desk/sources/rt/enable", [("csrf", "x")]), ("/desk/signout", []),
            ]
            for (path, form) in actions {
                #expect(try await stranger.send(path, method: .POST, form: form).status == 401, "\(path)")
            }
            // Nothing changed.
            #expect(!(try await ServiceTests.get(base + "/wire.atom").text.contains("Stolen")))
            #expect(try String(contentsOfFile: demo.root + "/feeds/house-style.yaml", encoding: .utf8) == style)
            // The public pages and the feed stay public.
            #expect(try await ServiceTests.get(base + "/").status == 200)
            #expect(try await ServiceTests.get(base + "/wire.atom").status == 200)
        }
    }

    @Test func everyActionNeedsTheSessionsCSRFToken() async throws {
        let demo = try Self.demo()
        try await ServiceTests.serving(demo) { base in
            var alice = Browser(base: base)
            let signedIn = try await alice.signIn()
            #expect(signedIn.status == 303 && signedIn.headers["location"] == "/desk")
            let cookie = try #require(signedIn.headers["set-cookie"]?.split(separator: "\n").first { $0.hasPrefix("mw_desk=") })
            #expect(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Strict") && cookie.contains("; Path=/desk"))
            #expect(!cookie.contains("Secure"))
            let wire = try await alice.send("/desk")
            #expect(wire.status == 200)
            #expect(wire.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true)
            let csrf = try #require(Browser.csrf(wire.text))
            let id = try #require(wire.text.components(separatedBy: "href=\"/desk/reports/").dropFirst().first?.split(separator: "\"").first)

            // The last character changed (to one it is not: a token ending in 0 gets a 1).
            let altered = String(csrf.dropLast()) + (csrf.hasSuffix("0") ? "1" : "0")
            for token in [nil, "wrong", altered] as [String?] {
                var form = [("headline", "Forged headline")]
                if let token { form.append(("csrf", token)) }
                #expect(try await alice.send("/desk/reports/\(id)/headline", method: .POST, form: form).status == 403)
            }
            #expect(!(try await ServiceTests.get(base + "/wire.atom").text.contains("Forged headline")))

            // With the token: saved, and the feed and the public page show it at once.
            let saved = try await alice.send(
                "/desk/reports/\(id)/headline", method: .POST, form: [("csrf", csrf), ("headline", "  An   editor's headline ")])
            #expect(saved.status == 303)
            let feed = try await ServiceTests.get(base + "/wire.atom").text
            #expect(
                feed.contains("<title type=\"text\">An editor&apos;s headline</title>")
                    || feed.contains("<title type=\"text\">An editor's headline</title>"))
            #expect(try await ServiceTests.get(base + "/reports/\(id)").text.contains("<h1>An editor&#39;s headline</h1>"))
            let report = try await alice.send("/desk/reports/\(id)")
            #expect(report.text.contains("editor:  An editor&#39;s headline"))
            #expect(report.text.contains("alice set: “An editor&#39;s headline”"))
            let byEditor = try await alice.send("/desk?kind=editor")
            #expect(byEditor.text.contains("<p class=\"meta\">1 reports, newest first</p>"))

            // Cleared: the house headline returns.
            #expect(try await alice.send("/desk/reports/\(id)/clear", method: .POST, form: [("csrf", csrf)]).status == 303)
            #expect(!(try await ServiceTests.get(base + "/wire.atom").text.contains("editor's headline")))

            // Signed out: the session is over.
            #expect(try await alice.send("/desk/signout", method: .POST, form: [("csrf", csrf)]).status == 303)
            #expect(try await alice.send("/desk").status == 303)
        }
    }

    @Test func wrongPasswordsLockTheNameForAWhile() async throws {
        let demo = try Self.demo()
        try await ServiceTests.serving(demo) { base in
            var mallory = Browser(base: base)
            for _ in 0..<10 {
                let reply = try await mallory.signIn(password: "guess")
                #expect(reply.status == 401 || reply.status == 429)
                #expect(reply.cookiesSet.allSatisfy { !$0.hasPrefix("mw_desk=") || $0.hasPrefix("mw_desk=;") })
            }
            // Now even the right password is refused for the name.
            var alice = Browser(base: base)
            let refused = try await alice.signIn()
            #expect(refused.status == 429)
            #expect(refused.text.contains("Too many failed attempts"))
            #expect(try await alice.send("/desk").status == 303)
            // An unknown name is refused like a wrong password.
            var nobody = Browser(base: base)
            #expect(try await nobody.signIn(name: "nobody").status == 401)
            // Behind a TLS proxy the session cookie is Secure.
            var proxied = Browser(base: base)
            let form = try await proxied.send("/desk/signin", headers: [("X-Forwarded-Proto", "https")])
            #expect(form.headers["set-cookie"]?.contains("; Secure") == true)
        }
    }

    @Test func aStyleIsPreviewedThenApplied() async throws {
        let demo = try Self.demo()
        let path = demo.root + "/feeds/house-style.yaml"
        let before = try String(contentsOfFile: path, encoding: .utf8)
        try await ServiceTests.serving(demo) { base in
            var alice = Browser(base: base)
            _ = try await alice.signIn()
            let page = try await alice.send("/desk/style")
            let csrf = try #require(Browser.csrf(page.text))
            #expect(page.text.contains("- case: sentence"))
            let titleCase = before.replacingOccurrences(of: "  - case: sentence", with: "  - case: title")
            let preview = try await alice.send("/desk/style", method: .POST, form: [("csrf", csrf), ("style", titleCase), ("action", "preview")])
            #expect(preview.status == 200)
            #expect(preview.text.contains("Russian Exports to Europe Fall 12 Per Cent, Says Ministry</ins>"))
            let listed = preview.text.components(separatedBy: "<ins>").count - 1
            #expect(preview.text.contains("<h2>\(listed) of 14 headlines would change</h2>"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == before)  // a preview changes nothing
            let wire = try await ServiceTests.get(base + "/wire.atom")
            #expect(!wire.text.contains("Fall 12 Per Cent"))

            // A broken style: its line, and nothing changes, even when applied.
            let broken = before.replacingOccurrences(of: "  - case: sentence", with: "  - case: shouting")
            let refused = try await alice.send("/desk/style", method: .POST, form: [("csrf", csrf), ("style", broken), ("action", "apply")])
            #expect(refused.status == 422)
            let line = try #require(broken.split(separator: "\n", omittingEmptySubsequences: false).firstIndex(of: "  - case: shouting")) + 1
            #expect(refused.text.contains("<p class=\"error\">\(path):\(line): rule &#39;case&#39;:"))
            #expect(try String(contentsOfFile: path, encoding: .utf8) == before)

            // Applied: the file replaced (the old one kept), the wire re-headlined at once.
            let applied = try await alice.send("/desk/style", method: .POST, form: [("csrf", csrf), ("style", titleCase), ("action", "apply")])
            #expect(applied.status == 303)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == titleCase)
            #expect(try String(contentsOfFile: path + ".bak", encoding: .utf8) == before)
            #expect(try await ServiceTests.get(base + "/wire.atom").text.contains("Russian Exports to Europe Fall 12 Per Cent, Says Ministry"))
        }
    }

    @Test func agencyMarkupIsTextOnTheDesk() async throws {
        let demo = try Self.demo()
        try await ServiceTests.serving(demo) { base in
            var alice = Browser(base: base)
            _ = try await alice.signIn()
            let wire = try await alice.send("/desk?agency=marked")
            #expect(wire.text.contains("&lt;img src=x onerror=alert(1)&gt; Floods in the north"))
            #expect(!wire.text.contains("<img"))
            #expect(!wire.text.contains("<script"))
            let search = try await alice.send("/desk?q=" + "floods")
            #expect(search.text.contains("<p class=\"meta\">1 reports, newest first</p>"))
            let sources = try await alice.send("/desk/sources")
            #expect(sources.text.contains("<tr id=\"s-marked\">"))
            let csrf = try #require(Browser.csrf(sources.text))
            #expect(try await alice.send("/desk/sources/marked/poll", method: .POST, form: [("csrf", csrf)]).status == 303)
            #expect(try await alice.send("/desk/sources/nope/poll", method: .POST, form: [("csrf", csrf)]).status == 404)
        }
    }
}

extension ServiceTests.Reply {
    var cookiesSet: [String] { (headers["set-cookie"] ?? "").split(separator: "\n").map(String.init) }
}
