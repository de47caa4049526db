import Foundation

/// A random token: 32 bytes from the system's generator, hex.
func randomToken() -> String {
    var generator = SystemRandomNumberGenerator()
    return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16).leftPadded(to: 16) }.joined()
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Signed-in editors: a session per cookie token, with its CSRF token, ending after `idle`
/// seconds without a request (and at sign-out). Held in memory: a restart signs everyone out.
actor DeskSessions {
    struct Session: Sendable {
        let editor: String
        let csrf: String
        var expires: Double
    }

    private var sessions: [String: Session] = [:]
    let idle: Double

    init(idle: Double = 8 * 3_600) {
        self.idle = idle
    }

    func start(editor: String, now: Double) -> (token: String, session: Session) {
        sessions = sessions.filter { $0.value.expires > now }
        let token = randomToken()
        let session = Session(editor: editor, csrf: randomToken(), expires: now + idle)
        sessions[token] = session
        return (token, session)
    }

    /// The session of `token` when it has not expired (its expiry moves on).
    func session(_ token: String, now: Double) -> Session? {
        guard var session = sessions[token] else { return nil }
        guard session.expires > now else {
            sessions[token] = nil
            return nil
        }
        session.expires = now + idle
        sessions[token] = session
        return session
    }

    func end(_ token: String) { sessions[token] = nil }
}

/// Sign-in attempts: after `limit` failures within `window` seconds for one editor name or one
/// client address, further attempts are refused until the window has passed.
actor SignInLimiter {
    private var failures: [String: [Double]] = [:]
    let limit: Int
    let window: Double

    init(limit: Int = 5, window: Double = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    func allowed(_ keys: [String], now: Double) -> Bool {
        keys.allSatisfy { key in (failures[key] ?? []).filter { $0 > now - window }.count < limit }
    }

    func failed(_ keys: [String], now: Double) {
        for key in keys { failures[key, default: []] = (failures[key] ?? []).filter { $0 > now - window } + [now] }
    }
}
