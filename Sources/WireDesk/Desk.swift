import Foundation
import HTTPTypes
public import HouseStyle
public import Hummingbird
import HummingbirdBcrypt
public import Logging
import NIOCore
public import Wire

/// What the desk needs from the service it runs in.
public protocol DeskHost: Sendable {
    /// The configuration, store and style in force.
    func current() async -> DeskContext
    /// The store changed (an editor's headline): regenerate the wire now.
    func storeChanged() async
    /// The style file was replaced: reload it, re-headline the store, regenerate.
    func styleChanged() async
    /// A source was made due: poll now.
    func pollSoon() async
}

public struct DeskContext: Sendable {
    public var config: WireConfig
    public var store: any WireStore
    public var style: HouseStyle?

    public init(config: WireConfig, store: any WireStore, style: HouseStyle?) {
        self.config = config
        self.store = store
        self.style = style
    }

    var styleKeys: [String: String?] { Dictionary(config.sources.map { ($0.id, $0.style) }, uniquingKeysWith: { a, _ in a }) }
    var names: [String: String] { Dictionary(config.sources.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }
}

/// The editors' desk under `/desk`: sign-in, the wire as an editor reads it (why each headline
/// reads as it does), overrides in place, a style tried before it is applied, the sources.
/// Every page and action needs a session; every action needs the session's CSRF token.
public struct Desk: Sendable {
    let host: any DeskHost
    let logger: Logger
    let sessions = DeskSessions()
    let limiter = SignInLimiter()
    let views: DeskViews
    /// A hash no password matches, checked when the name is unknown, so a wrong name costs the
    /// same time as a wrong password.
    let decoy: String

    public init(host: any DeskHost, logger: Logger) throws {
        self.host = host
        self.logger = logger
        views = try DeskViews()
        decoy = Bcrypt.hash(randomToken(), cost: 12)
    }

    /// The desk's pages allow no script, nothing framed, forms only to the desk itself.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    static let cookie = "mw_desk"
    static let signInCookie = "mw_signin"

    public func register(on router: Router<BasicRequestContext>) {
        let desk = router.group("desk")
        desk.get("signin") { request, _ in try await signInForm(request, message: nil) }
        desk.post("signin") { request, context in try await signIn(request, context: context) }
        desk.post("signout") { request, context in
            try await acting(request, context) { _, token, _ in
                await sessions.end(token)
                var response = redirect("/desk/signin")
                response.headers[values: .setCookie] = ["\(Self.cookie)=; Path=/desk; Max-Age=0; HttpOnly; SameSite=Strict"]
                return response
            }
        }
        desk.get("") { request, _ in try await reading(request) { session in try await wire(request, session) } }
        desk.get("reports/:id") { request, context in
            try await reading(request) { session in try await report(request, id: context.parameters.get("id", as: Int64.self), session) }
        }
        desk.post("reports/:id/headline") { request, context in
            try await acting(request, context) { session, _, form in
                try await setHeadline(id: context.parameters.get("id", as: Int64.self), form: form, session)
            }
        }
        desk.post("reports/:id/clear") { request, context in
            try await acting(request, context) { session, _, form in
                try await clearHeadline(id: context.parameters.get("id", as: Int64.self), session, back: form["back"])
            }
        }
        desk.get("style") { request, _ in try await reading(request) { session in try await styleEditor(session, text: nil, preview: nil) } }
        desk.post("style") { request, context in
            try await acting(request, context) { session, _, form in try await style(form, session) }
        }
        desk.get("sources") { request, _ in try await reading(request) { session in try await sources(session) } }
        desk.post("sources/:id/poll") { request, context in
            try await acting(request, context) { _, _, _ in
                try await sourceAction(context.parameters.get("id") ?? "", enable: false)
            }
        }
        desk.post("sources/:id/enable") { request, context in
            try await acting(request, context) { _, _, _ in
                try await sourceAction(context.parameters.get("id") ?? "", enable: true)
            }
        }
    }

    // MARK: Sessions, CSRF

    func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == name { return String(pair[1]) }
            }
        }
        return nil
    }

    func session(_ request: Request) async -> (token: String, session: DeskSessions.Session)? {
        guard let token = cookie(Self.cookie, in: request),
            let session = await sessions.session(token, now: Date().timeIntervalSince1970)
        else { return nil }
        return (token, session)
    }

    /// A page: signed in, or sent to the sign-in form.
    func reading(_ request: Request, _ page: (DeskSessions.Session) async throws -> Response) async throws -> Response {
        guard let (_, session) = await session(request) else { return redirect("/desk/signin") }
        return try await page(session)
    }

    /// An action: signed in (else 401) and carrying the session's CSRF token (else 403); nothing
    /// is read from the form or changed before both hold.
    func acting(
        _ request: Request, _ context: BasicRequestContext,
        _ action: (DeskSessions.Session, String, [String: String]) async throws -> Response
    ) async throws -> Response {
        guard let (token, session) = await session(request) else {
            return page(status: .unauthorized, views.message(title: "Sign in first", text: "Sign in to use the desk.", link: "/desk/signin"))
        }
        let form = try await Self.form(request, context: context)
        guard let csrf = form["csrf"], Self.constantTimeEqual(csrf, session.csrf) else {
            logger.notice("desk: \(session.editor): \(request.method) \(request.uri.path) without a valid CSRF token")
            return page(status: .forbidden, views.message(title: "Refused", text: "The form was stale or not from the desk.", link: "/desk"))
        }
        return try await action(session, token, form)
    }

    static func form(_ request: Request, context: BasicRequestContext) async throws -> [String: String] {
        var request = request
        let body = try await request.collectBody(upTo: 1 << 20)
        return formFields(String(buffer: body))
    }

    /// `application/x-www-form-urlencoded` fields (a form body, or a query sent by a GET form).
    static func formFields(_ text: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            if let key = parts.first { out[key] = parts.count > 1 ? parts[1] : "" }
        }
        return out
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    // MARK: Sign-in

    func signInForm(_ request: Request, message: String?, status: HTTPResponse.Status = .ok) async throws -> Response {
        let token = randomToken()
        var response = page(status: status, views.signIn(csrf: token, message: message))
        response.headers[values: .setCookie] = [
            "\(Self.signInCookie)=\(token); Path=/desk; Max-Age=900; HttpOnly; SameSite=Strict\(secure(request))"
        ]
        return response
    }

    func secure(_ request: Request) -> String {
        // Behind a TLS proxy the cookie is Secure (the service itself speaks plain HTTP on loopback).
        request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https" ? "; Secure" : ""
    }

    func signIn(_ request: Request, context: BasicRequestContext) async throws -> Response {
        let form = try await Self.form(request, context: context)
        guard let token = cookie(Self.signInCookie, in: request), let csrf = form["csrf"], Self.constantTimeEqual(csrf, token) else {
            return page(status: .forbidden, views.message(title: "Refused", text: "The sign-in form was stale; try again.", link: "/desk/signin"))
        }
        let name = form["name"] ?? "", password = form["password"] ?? ""
        let now = Date().timeIntervalSince1970
        // Per name, and per client where a proxy says who it is.
        var keys = ["editor:" + name]
        if let client = request.headers[HTTPField.Name("X-Forwarded-For")!]?.split(separator: ",").first {
            keys.append("address:" + client.trimmingCharacters(in: .whitespaces))
        }
        guard await limiter.allowed(keys, now: now) else {
            logger.warning("desk: sign-in for '\(name)' refused: too many failed attempts")
            return try await signInForm(request, message: "Too many failed attempts. Try again in a quarter of an hour.", status: .tooManyRequests)
        }
        let editors = await host.current().config.editors
        let account = editors.first { $0.name == name }
        // The same work whether or not the name exists, so timing does not tell.
        let hash = account?.passwordHash ?? decoy
        let verified = await Self.verify(password, hash: hash) && account != nil
        guard verified, let account else {
            await limiter.failed(keys, now: now)
            logger.notice("desk: failed sign-in for '\(name)'")
            return try await signInForm(request, message: "Wrong name or password.", status: .unauthorized)
        }
        let (sessionToken, _) = await sessions.start(editor: account.name, now: now)
        logger.info("desk: \(account.name) signed in")
        var response = redirect("/desk")
        response.headers[values: .setCookie] = [
            "\(Self.cookie)=\(sessionToken); Path=/desk; Max-Age=\(Int(sessions.idle)); HttpOnly; SameSite=Strict\(secure(request))",
            "\(Self.signInCookie)=; Path=/desk; Max-Age=0; HttpOnly; SameSite=Strict",
        ]
        return response
    }

    /// bcrypt takes a quarter of a second on purpose: off the cooperative threads.
    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    // MARK: Responses

    func page(status: HTTPResponse.Status = .ok, _ html: String) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .cacheControl: "no-store",
                HTTPField.Name("Content-Security-Policy")!: Self.contentSecurityPolicy,
                HTTPField.Name("X-Content-Type-Options")!: "nosniff", HTTPField.Name("Referrer-Policy")!: "same-origin",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }
}
