/// Limits how many requests go to one host at a time, and remembers hosts that asked us to wait
/// (`Retry-After` on a 429 or 503): every source on such a host waits, not only the one that asked.
actor HostGate {
    private let perHost: Int
    private var active: [String: Int] = [:]
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    private var holds: [String: Double]
    /// Reads the holds other pollers recorded (a shared store), at most every `refreshEvery` seconds.
    private let refresh: (@Sendable (Double) -> [String: Double]?)?
    private var refreshed: Double = -.infinity
    static let refreshEvery = 2.0

    init(perHost: Int, holds: [String: Double], refresh: (@Sendable (Double) -> [String: Double]?)? = nil) {
        self.perHost = max(1, perHost)
        self.holds = holds
        self.refresh = refresh
    }

    func acquire(_ host: String) async {
        if active[host, default: 0] < perHost {
            active[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiters[host, default: []].append($0) }
    }

    func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue
            next.resume()
        } else {
            active[host, default: 1] -= 1
        }
    }

    func hold(_ host: String, until: Double) {
        holds[host] = max(holds[host] ?? 0, until)
    }

    /// How many requests to `host` are under way, and how many wait (for tests).
    func active(_ host: String) -> Int { active[host, default: 0] }
    func waiting(_ host: String) -> Int { waiters[host]?.count ?? 0 }

    /// Until when `host` asked us to wait, if that time is still ahead.
    func heldUntil(_ host: String, now: Double) -> Double? {
        if let refresh, abs(now - refreshed) >= Self.refreshEvery {
            refreshed = now
            for (host, until) in refresh(now) ?? [:] { hold(host, until: until) }
        }
        guard let until = holds[host], until > now else { return nil }
        return until
    }
}
