import Foundation
import HouseStyle
import Logging
import ServiceLifecycle
import Wire

/// Polls each source when it is due, re-headlines on a style change, regenerates the wire after
/// every change, and reloads the configuration and style when their files change or on SIGHUP.
///
/// Due sources are polled in batches that run on their own: the loop does not wait for them, so a
/// hanging source (bounded by `poll: timeout`) never delays the sources that come due after it,
/// and a source is never in two batches at once.
struct Scheduler: Service {
    let configPath: String
    let state: WireState
    let metrics: ServiceMetrics
    let logger: Logger
    let wakeups: Wakeups
    let hub: HubNotifier

    func run() async throws {
        let inFlight = InFlight()
        await withTaskGroup(of: Void.self) { group in
            var first = true
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                await cycle(first: first, inFlight: inFlight, group: &group)
                first = false
                let tick = await state.running.config.serve.tick
                // Until the next tick, a finished batch, a SIGHUP, or shutdown.
                _ = await cancelWhenGracefulShutdown { await wakeups.wait(seconds: tick) }
            }
            // Stopping: polls under way are abandoned (their store writes are transactions that
            // finish or never start); the loop wrote the last feed itself.
            group.cancelAll()
        }
    }

    /// One round: reload if asked or changed, re-headline, start polls of the due sources,
    /// regenerate if anything changed.
    func cycle(first: Bool, inFlight: InFlight, group: inout TaskGroup<Void>) async {
        var changed = first
        let asked = await wakeups.takeReload()
        let filesChanged = await state.running.filesChanged
        if asked || filesChanged {
            changed = await reload() || changed
        }
        let running = await state.running
        if let style = running.style {
            do {
                let outcome = try running.store.restyle(with: style, styleKeys: running.styleKeys)
                if outcome.checked > 0 {
                    logger.info("house style changed: \(outcome.changes.count) of \(outcome.checked) stored headlines re-headlined")
                    changed = true
                }
            } catch {
                logger.error("restyle: store \(error)")
            }
        }
        let now = Date().timeIntervalSince1970
        do {
            let states = try running.store.sourceStates()
            metrics.sinceSuccess(states, now: now)
            let due = running.config.sources.map(\.id).filter { id in
                guard let state = states[id] else { return true }
                return state.disabled == nil && (state.nextCheck ?? 0) <= now && (state.leaseUntil ?? 0) <= now
            }
            let batch = await inFlight.claim(due)
            if !batch.isEmpty {
                group.addTask { await poll(batch, running, inFlight: inFlight) }
            }
        } catch {
            logger.error("poll: store \(error)")
        }
        if await wakeups.takeDirty() { changed = true }
        // Another process (headline set, generate) may have rewritten the feed.
        if !changed, let feed = await state.feed, FileStamp(running.config.output.path) != feed.stamp {
            if let reread = try? FeedFile.read(running.config.output.path) { await state.published(reread) }
        }
        if changed { await generate(running) }
    }

    /// Polls one batch of due sources, then wakes the loop to regenerate when it changed the store.
    func poll(_ batch: [String], _ running: Running, inFlight: InFlight) async {
        defer { Task { await inFlight.release(batch) } }
        var options = Poller.Options()
        options.only = batch
        do {
            let report = try await Poller(config: running.config, store: running.store, style: running.style, options: options).run()
            metrics.polled(report)
            for outcome in report.outcomes where outcome.status != .notDue {
                var line = "poll \(outcome.source): \(outcome.status.rawValue)"
                if let status = outcome.httpStatus { line += " HTTP \(status)" }
                if outcome.inserted + outcome.updated > 0 { line += " +\(outcome.inserted) new, \(outcome.updated) updated" }
                if let message = outcome.message { line += ": \(message)" }
                if outcome.status == .error { logger.warning("\(line)") } else { logger.info("\(line)") }
            }
            if report.inserted + report.updated > 0 { await wakeups.markDirty() }
        } catch {
            logger.error("poll: \(error)")
        }
    }

    /// Loads the configuration and style again; keeps the running ones when either is broken.
    /// Returns whether a new configuration is in force.
    func reload() async -> Bool {
        do {
            let new = try Running.load(configPath)
            await state.replace(new)
            logger.info("reloaded \(configPath)\(new.config.style.map { " and \($0)" } ?? "")")
            return true
        } catch {
            let why = "reload refused, the running configuration is kept: \(error)"
            logger.error("\(why)")
            // Not tried again until the files change once more.
            var running = await state.running
            running.stamps = Dictionary(uniqueKeysWithValues: running.stamps.keys.map { ($0, FileStamp($0)) })
            await state.replace(running)
            await state.refuseReload(why)
            return false
        }
    }

    func generate(_ running: Running) async {
        let started = Date()
        let before = await state.feed?.etag
        do {
            let report = try WireGenerator(config: running.config, store: running.store)
                .generate(
                    .init(
                        path: running.config.output.path, limit: running.config.output.limit,
                        archiveDirectory: running.config.output.archiveDirectory))
            for repair in report.repairs { logger.notice("repaired \(repair)") }
            let feed = try FeedFile.read(report.path)
            await state.published(feed)
            metrics.generated(seconds: Date().timeIntervalSince(started), entries: report.entries, ok: true)
            logger.info("wrote \(report.entries) entries to \(report.path)")
            if feed.etag != before, let hubURL = running.config.output.hub {
                hub.publish(hub: hubURL, topic: running.config.output.selfURL)
            }
        } catch {
            await state.failed("\(error)")
            metrics.generated(seconds: Date().timeIntervalSince(started), entries: 0, ok: false)
            logger.error("generate: \(error)")
        }
    }
}

/// The sources a batch is polling: none is in two batches at once.
actor InFlight {
    private var ids: Set<String> = []

    /// Takes the ones of `due` not under way already.
    func claim(_ due: [String]) -> [String] {
        let batch = due.filter { !ids.contains($0) }
        ids.formUnion(batch)
        return batch
    }

    func release(_ batch: [String]) { ids.subtract(batch) }
}

/// What wakes the scheduler before its next tick: a reload asked for (SIGHUP), or a batch that
/// changed the store (the wire is regenerated).
actor Wakeups {
    private var reload = false
    private var dirty = false
    private var sleeper: CheckedContinuation<Void, Never>?

    func requestReload() {
        reload = true
        wake()
    }

    func markDirty() {
        dirty = true
        wake()
    }

    /// Wakes the loop without asking for anything (a source made due).
    func nudge() { wake() }

    func takeReload() -> Bool {
        defer { reload = false }
        return reload
    }

    func takeDirty() -> Bool {
        defer { dirty = false }
        return dirty
    }

    /// Returns after `seconds`, or at once when woken.
    func wait(seconds: Double) async {
        if reload || dirty { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(max(0.01, seconds) * 1e9))
            await self?.wake()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { sleeper = $0 }
        } onCancel: {
            Task { await self.wake() }
        }
        timer.cancel()
    }

    private func wake() {
        sleeper?.resume()
        sleeper = nil
    }
}
