import Crypto
import Foundation
public import HouseStyle
public import Syndication

/// What happened to one source in a poll.
public struct SourceOutcome: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable {
        /// The feed was read and stored (new or changed entries, or none).
        case fetched
        /// 304, or the same bytes as last time: nothing to store.
        case notModified = "not-modified"
        /// Not due yet (and no `--force`).
        case notDue = "not-due"
        /// A server asked us to wait (`Retry-After`) and that time has not come.
        case held
        /// Disabled: the server said the feed is gone (410).
        case disabled
        /// Another poll process is fetching it right now.
        case busy
        /// The fetch or the parse failed; what was stored is kept.
        case error
    }

    public var source: String
    public var status: Status
    public var httpStatus: Int?
    public var inserted = 0
    public var updated = 0
    /// Problems the parser forgave (the feed was salvaged).
    public var problems = 0
    public var message: String?
    /// When the source is next due (seconds since 1970).
    public var nextCheck: Double?
    public var url: String?
    /// Seconds the source took.
    public var seconds: Double = 0
}

/// The outcome of a poll run.
public struct PollReport: Sendable, Codable {
    public var outcomes: [SourceOutcome]
    public var seconds: Double

    public var inserted: Int { outcomes.reduce(0) { $0 + $1.inserted } }
    public var updated: Int { outcomes.reduce(0) { $0 + $1.updated } }
    public var errors: Int { outcomes.filter { $0.status == .error }.count }
}

/// Polls a wire's sources: politely (conditional GET, per-host limits, `Retry-After`, backoff),
/// concurrently, and into the store, restyling new headlines on the way.
public final class Poller: Sendable {
    public struct Options: Sendable {
        /// Poll only these sources (all when empty).
        public var only: [String] = []
        /// Poll every source now, except those a server asked us to leave alone.
        public var force = false
        /// The clock (seconds since 1970); tests move it.
        public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }
        public var parseLimits: ParseLimits = .default
        /// With a shared store, start at a random place in the source list (so pollers on other
        /// machines do not all queue for the same sources); `false` keeps the configured order.
        public var spread = true

        public init() {}
    }

    public let config: WireConfig
    public let store: any WireStore
    public let style: HouseStyle?
    public let options: Options
    let mintAuthority: String

    public init(config: WireConfig, store: any WireStore, style: HouseStyle?, options: Options = Options()) {
        self.config = config
        self.store = store
        self.style = style
        self.options = options
        mintAuthority = Self.authority(outputID: config.output.id, site: config.output.site)
    }

    /// The `tag:` authority for minted ids: the one in the wire's own `tag:` id, else the site's host.
    static func authority(outputID: String, site: String) -> String {
        if outputID.hasPrefix("tag:"), let colon = outputID.dropFirst(4).firstIndex(of: ":") {
            return String(outputID[outputID.index(outputID.startIndex, offsetBy: 4)..<colon])
        }
        return (URL(string: site)?.host ?? "mediawire.invalid") + ",2026"
    }

    /// A poll that worked (new content, 304, or the same bytes): errors reset, the next check
    /// the longest of the source's interval and what the server and feed asked for.
    func succeeded(_ state: inout SourceState, now: Double, interval: Double, hints: [Double?]) {
        state.errorCount = 0
        state.lastError = nil
        state.lastSuccess = now
        state.nextCheck =
            now
            + Schedule.delay(
                interval: interval, hints: hints + [state.feed?.ttl],
                minimum: config.poll.minInterval, maximum: config.poll.maxInterval)
    }

    /// Polls the due sources; `progress` is called after each with (done, total, new entries, errors).
    /// Throws ``ConfigError`` for a source id the configuration does not have, ``StoreError``
    /// when the store fails as a whole (a source's own failure is in its outcome).
    public func run(progress: (@Sendable (Int, Int, Int, Int) -> Void)? = nil) async throws -> PollReport {
        let started = options.now()
        let unknown = options.only.filter { id in !config.sources.contains { $0.id == id } }
        if let first = unknown.first {
            throw ConfigError(.unknownSource, file: config.file, message: "no source with id '\(first)' in the configuration")
        }
        let sources = options.only.isEmpty ? config.sources : config.sources.filter { options.only.contains($0.id) }
        let states = try store.sourceStates()
        // Holds are read again every few seconds: another poller sharing the store may be told to wait.
        let store = self.store
        var refresh: (@Sendable (Double) -> [String: Double]?)?
        if store.isShared {
            refresh = { now in
                do { return try store.hostHolds(now: now) } catch { return nil }
            }
        }
        let gate = HostGate(perHost: config.poll.perHost, holds: try store.hostHolds(now: started), refresh: refresh)
        let client = PollClient(
            userAgent: config.poll.userAgent, timeout: config.poll.timeout,
            maxBytes: config.poll.maxBytes, perHost: config.poll.perHost)
        let total = sources.count
        var outcomes: [SourceOutcome?] = Array(repeating: nil, count: total)
        var done = 0, inserted = 0, errors = 0
        // Pollers sharing a server each start at their own place in the list, so they do not all
        // queue for the same sources (each source is still taken by one).
        let start = options.spread && store.isShared && total > 0 ? Int.random(in: 0..<total) : 0
        await withTaskGroup(of: (Int, SourceOutcome).self) { group in
            var next = 0
            func launch() {
                guard next < total else { return }
                let index = (start + next) % total
                let source = sources[index]
                let state = states[source.id]
                next += 1
                group.addTask { (index, await self.poll(source, state: state, client: client, gate: gate)) }
            }
            for _ in 0..<max(1, config.poll.concurrency) { launch() }
            while let (index, outcome) = await group.next() {
                outcomes[index] = outcome
                done += 1
                inserted += outcome.inserted
                if outcome.status == .error { errors += 1 }
                progress?(done, total, inserted, errors)
                launch()
            }
        }
        await client.shutdown()
        return PollReport(outcomes: outcomes.compactMap { $0 }, seconds: options.now() - started)
    }

    // MARK: One source

    func poll(_ source: SourceConfig, state known: SourceState?, client: PollClient, gate: HostGate) async -> SourceOutcome {
        let started = options.now()
        var outcome = await pollTimed(source, state: known, client: client, gate: gate)
        outcome.seconds = max(0, options.now() - started)
        return outcome
    }

    private func pollTimed(_ source: SourceConfig, state known: SourceState?, client: PollClient, gate: HostGate) async -> SourceOutcome {
        let now = options.now()
        let configuredURL: String
        switch source.location {
        case .http(let url): configuredURL = url
        case .file(let path): configuredURL = "file://" + path
        }
        var outcome = SourceOutcome(source: source.id, status: .notDue, url: configuredURL)
        let sameURL = known?.configuredURL == configuredURL
        if let known, sameURL {
            outcome.url = known.fetchURL
            outcome.nextCheck = known.nextCheck
            if let disabled = known.disabled {
                outcome.status = .disabled
                outcome.message = disabled
                return outcome
            }
            if let hold = known.holdUntil, hold > now {
                outcome.status = .held
                outcome.nextCheck = hold
                outcome.message = "the server asked us to wait until \(RFC3339.format(hold))"
                return outcome
            }
            if !options.force, let next = known.nextCheck, next > now { return outcome }
        }
        let host = Self.host(of: sameURL ? known?.fetchURL ?? configuredURL : configuredURL)
        if let host, let hold = await gate.heldUntil(host, now: now) {
            outcome.status = .held
            outcome.nextCheck = hold
            outcome.message = "\(host) asked us to wait until \(RFC3339.format(hold))"
            return outcome
        }
        let lease = now + config.poll.lease
        var state: SourceState
        do {
            switch try await store.claimAsync(source.id, url: configuredURL, now: now, until: lease, force: options.force, known: known) {
            case .claimed(let claimed):
                state = claimed
            case .busy:
                outcome.status = .busy
                outcome.message = "another poll is fetching this source"
                return outcome
            case .notDue(let current):
                outcome.nextCheck = current.nextCheck
                return outcome
            }
        } catch {
            outcome.status = .error
            outcome.message = error.description
            return outcome
        }
        state.lastCheck = now
        state.leaseUntil = nil
        let interval = source.interval ?? config.poll.defaultInterval

        switch source.location {
        case .file(let path):
            return await readFile(path, source: source, state: state, interval: interval, now: now, outcome: outcome)
        case .http:
            guard let host else {
                return await fail(&state, outcome, message: "\(state.fetchURL): not a valid http(s) URL", status: nil, interval: interval, now: now)
            }
            await gate.acquire(host)
            let slot = await takeSharedSlot(host)
            // Another source on this host may have been told to wait while this one queued.
            if let hold = await gate.heldUntil(host, now: options.now()) {
                await releaseSharedSlot(host, slot)
                await gate.release(host)
                state.nextCheck = hold
                await saveQuietly(state)
                outcome.status = .held
                outcome.nextCheck = hold
                outcome.message = "\(host) asked us to wait until \(RFC3339.format(hold))"
                return outcome
            }
            let request = PollRequest(url: state.fetchURL, etag: state.etag, lastModified: state.lastModified, headers: source.headers)
            let response: PollResponse
            do {
                response = try await client.get(request)
            } catch {
                await releaseSharedSlot(host, slot)
                await gate.release(host)
                return await fail(&state, outcome, message: error.description, status: nil, interval: interval, now: options.now())
            }
            await releaseSharedSlot(host, slot)
            await gate.release(host)
            return await handle(
                response, source: source, state: state, host: host, gate: gate, interval: interval,
                outcome: outcome)
        }
    }

    /// With a store shared by pollers on other machines, one of the host's `per-host` slots across
    /// all of them: waits until one is free. A slot is held for the fetch only (its lease is the
    /// timeout), so a killed poller's slot returns by itself. `nil`: no shared limit (a file store,
    /// or a store that failed, which must not stop polling).
    private func takeSharedSlot(_ host: String) async -> Int? {
        guard store.isShared else { return nil }
        while !Task.isCancelled {
            let now = options.now()
            do {
                if let slot = try await store.takeHostSlot(
                    host, limit: config.poll.perHost, now: now, until: now + config.poll.timeout + 5)
                {
                    return slot
                }
            } catch {
                return nil
            }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return nil
    }

    private func releaseSharedSlot(_ host: String, _ slot: Int?) async {
        guard let slot else { return }
        await store.releaseHostSlot(host, slot: slot)
    }

    private func handle(
        _ response: PollResponse, source: SourceConfig, state: SourceState, host: String, gate: HostGate,
        interval: Double, outcome: SourceOutcome
    ) async -> SourceOutcome {
        var state = state
        var outcome = outcome
        let now = options.now()
        outcome.httpStatus = response.status
        state.lastStatus = response.status
        if let permanent = response.permanentURL, response.status < 400 {
            state.fetchURL = permanent
            // Validators were for the old URL.
            if response.status != 200 { state.etag = nil; state.lastModified = nil }
        }
        outcome.url = state.fetchURL
        let hints: [Double?] = [Schedule.maxAge(response.header("cache-control")), Schedule.expires(response.header("expires"), now: now)]
        switch response.status {
        case 200:
            return await store(
                body: response.body, contentType: response.header("content-type"),
                contentLanguage: response.header("content-language"), baseURL: response.finalURL,
                validators: (response.header("etag"), response.header("last-modified")),
                hints: hints, source: source, state: state, interval: interval, now: now, outcome: outcome)
        case 304:
            succeeded(&state, now: now, interval: interval, hints: hints)
            if let etag = response.header("etag") { state.etag = etag }
            outcome.status = .notModified
            outcome.nextCheck = state.nextCheck
            return await save(state, outcome)
        case 410:
            state.disabled = "410 Gone on \(RFC3339.format(now)): the server says this feed no longer exists; fix or remove the source"
            state.lastError = state.disabled
            state.nextCheck = nil
            outcome.status = .disabled
            outcome.message = state.disabled
            return await save(state, outcome)
        case 429, 503:
            let retry = Schedule.retryAfter(response.header("retry-after"), now: now)
            let wait =
                retry
                ?? Schedule.backoff(
                    errors: state.errorCount + 1, interval: interval,
                    minimum: config.poll.minInterval, ceiling: config.poll.maxInterval)
            let until = now + wait
            await gate.hold(host, until: until)
            try? store.holdHost(host, until: until)
            if retry != nil { state.holdUntil = until }
            var failed = await fail(
                &state, outcome, message: "HTTP \(response.status) from \(response.finalURL); retrying after \(RFC3339.format(until))",
                status: response.status, interval: interval, now: now)
            if state.nextCheck ?? 0 < until {
                state.nextCheck = until
                failed.nextCheck = until
                await saveQuietly(state)
            }
            return failed
        default:
            let reason = HTTPStatusText.text(response.status)
            return await fail(
                &state, outcome, message: "HTTP \(response.status)\(reason.isEmpty ? "" : " " + reason) from \(response.finalURL)",
                status: response.status, interval: interval, now: now)
        }
    }

    private func readFile(
        _ path: String, source: SourceConfig, state: SourceState, interval: Double, now: Double,
        outcome: SourceOutcome
    ) async -> SourceOutcome {
        var state = state
        var outcome = outcome
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            return await fail(&state, outcome, message: "\(path): cannot read the file", status: nil, interval: interval, now: now)
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        guard size <= config.poll.maxBytes else {
            return await fail(
                &state, outcome, message: "\(path): the file is larger than \(config.poll.maxBytes) bytes",
                status: nil, interval: interval, now: now)
        }
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        // The file's size and time play the part of an ETag.
        let signature = "file:\(size):\(modified)"
        if signature == state.etag, state.bodyHash != nil {
            succeeded(&state, now: now, interval: interval, hints: [])
            outcome.status = .notModified
            outcome.nextCheck = state.nextCheck
            return await save(state, outcome)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return await fail(&state, outcome, message: "\(path): cannot read the file", status: nil, interval: interval, now: now)
        }
        // A local path is no base for the agency's relative links: only the feed's own xml:base is.
        return await store(
            body: [UInt8](data), contentType: nil, contentLanguage: nil, baseURL: nil,
            validators: (signature, nil), hints: [], source: source, state: state, interval: interval, now: now,
            outcome: outcome, fromHTTP: false)
    }

    /// Parses a body and stores its entries with the source's new state, in one transaction.
    private func store(
        body: [UInt8], contentType: String?, contentLanguage: String?, baseURL: String?,
        validators: (String?, String?), hints: [Double?], source: SourceConfig, state: SourceState,
        interval: Double, now: Double, outcome: SourceOutcome, fromHTTP: Bool = true
    ) async -> SourceOutcome {
        var state = state
        var outcome = outcome
        let bodyHash = Hex.encode(SHA256.hash(data: body))
        state.etag = validators.0
        state.lastModified = validators.1
        if bodyHash == state.bodyHash {
            succeeded(&state, now: now, interval: interval, hints: hints)
            outcome.status = .notModified
            outcome.nextCheck = state.nextCheck
            return await save(state, outcome)
        }
        let parser = FeedParser(
            options: .init(
                limits: options.parseLimits, contentType: contentType, baseURL: baseURL,
                contentLanguage: contentLanguage, fromHTTP: fromHTTP))
        var feed = parser.parse(body)
        outcome.problems = feed.problems.count
        // Agency HTML is made safe and its links absolute, unless the source is kept byte for byte.
        if source.content == .sanitize { ContentSafety.apply(to: &feed) }
        if feed.entries.isEmpty
            && (feed.dialect == .unknown
                || feed.problems.contains { [.notAFeed, .notWellFormed, .entityRefused, .encodingUnknown].contains($0.kind) })
        {
            let why = feed.problems.first.map { "\($0)" } ?? "no RSS, Atom or JSON Feed document found"
            // Validators are not kept: the next poll must fetch the body again.
            state.etag = nil
            state.lastModified = nil
            return await fail(
                &state, outcome, message: "\(baseURL ?? outcome.url ?? source.id): not a readable feed: \(why)", status: outcome.httpStatus,
                interval: interval, now: now)
        }
        let headlines = feed.entries.map { Headline.of($0, in: feed.dialect).text }
        let restyled = style?.restyle(batch: headlines, source: source.style).map(\.headline) ?? headlines
        let fingerprint = style?.fingerprint(source: source.style) ?? ""
        let entries = zip(feed.entries, restyled).map { entry, headline in
            var stored = StoredEntry(entry: entry, in: feed.dialect, sourceID: source.id, headline: headline, mintAuthority: mintAuthority, now: now)
            stored.styleFingerprint = fingerprint
            return stored
        }
        state.bodyHash = bodyHash
        state.feed = SourceFeedInfo(feed)
        succeeded(&state, now: now, interval: interval, hints: hints)
        do {
            let counts = try await self.store.applyAsync(entries, state: state, now: now)
            outcome.status = .fetched
            outcome.inserted = counts.inserted
            outcome.updated = counts.updated
            outcome.nextCheck = state.nextCheck
            if let first = feed.problems.first {
                outcome.message = "salvaged: \(feed.problems.count) problem\(feed.problems.count == 1 ? "" : "s"), first: \(first)"
            }
            return outcome
        } catch {
            outcome.status = .error
            outcome.message = error.description
            return outcome
        }
    }

    private func fail(
        _ state: inout SourceState, _ outcome: SourceOutcome, message: String, status: Int?, interval: Double,
        now: Double
    ) async -> SourceOutcome {
        var outcome = outcome
        state.errorCount += 1
        state.lastError = message
        state.nextCheck =
            now
            + Schedule.backoff(
                errors: state.errorCount, interval: interval,
                minimum: config.poll.minInterval, ceiling: config.poll.maxInterval)
        outcome.status = .error
        outcome.httpStatus = status
        outcome.message = message + (state.errorCount > 1 ? " (\(state.errorCount) failures in a row)" : "")
        outcome.nextCheck = state.nextCheck
        return await save(state, outcome)
    }

    private func save(_ state: SourceState, _ outcome: SourceOutcome) async -> SourceOutcome {
        do {
            // Only a parsed body changes the feed's metadata, and that is saved with its entries.
            try await store.saveAsync(state, feedChanged: false)
            return outcome
        } catch {
            var outcome = outcome
            outcome.status = .error
            outcome.message = error.description
            return outcome
        }
    }

    private func saveQuietly(_ state: SourceState) async {
        try? await store.saveAsync(state, feedChanged: false)
    }

    static func host(of url: String) -> String? {
        guard let parsed = URL(string: url), let host = parsed.host?.lowercased(), !host.isEmpty else { return nil }
        return parsed.port.map { "\(host):\($0)" } ?? host
    }
}
