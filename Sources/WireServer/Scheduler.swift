import Foundation
import HouseStyle
import Logging
import ServiceLifecycle
import Wire

/// Polls each source when it is due, re-headlines on a style change, regenerates the wire after
/// every change, and reloads the configuration and style when their files change or on SIGHUP.
struct Scheduler: Service {
    let configPath: String
    let state: WireState
    let metrics: ServiceMetrics
    let logger: Logger
    let reloads: ReloadRequests

    func run() async throws {
        var first = true
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            await cycle(first: first)
            first = false
            let tick = await state.running.config.serve.tick
            // Sleeps until the next tick, a SIGHUP, or shutdown.
            _ = try? await cancelWhenGracefulShutdown { await reloads.wait(seconds: tick) }
        }
    }

    /// One round: reload if asked or changed, re-headline, poll what is due, regenerate if anything changed.
    func cycle(first: Bool) async {
        var changed = first
        let asked = await reloads.take()
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
        do {
            let report = try await Poller(config: running.config, store: running.store, style: running.style, options: .init()).run()
            metrics.polled(report)
            for outcome in report.outcomes where outcome.status != .notDue {
                var line = "poll \(outcome.source): \(outcome.status.rawValue)"
                if let status = outcome.httpStatus { line += " HTTP \(status)" }
                if outcome.inserted + outcome.updated > 0 { line += " +\(outcome.inserted) new, \(outcome.updated) updated" }
                if let message = outcome.message { line += ": \(message)" }
                if outcome.status == .error { logger.warning("\(line)") } else { logger.info("\(line)") }
            }
            if report.inserted + report.updated > 0 { changed = true }
            metrics.sinceSuccess(try running.store.sourceStates(), now: Date().timeIntervalSince1970)
        } catch {
            logger.error("poll: \(error)")
        }
        // Another process (headline set, generate) may have rewritten the feed.
        if !changed, let feed = await state.feed, FileStamp(running.config.output.path) != feed.stamp {
            if let reread = try? FeedFile.read(running.config.output.path) { await state.published(reread) }
        }
        if changed { await generate(running) }
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
            await state.refuseReload(why)
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
        do {
            let report = try WireGenerator(config: running.config, store: running.store)
                .generate(.init(path: running.config.output.path, limit: running.config.output.limit, archiveDirectory: nil))
            for repair in report.repairs { logger.notice("repaired \(repair)") }
            await state.published(try FeedFile.read(report.path))
            metrics.generated(seconds: Date().timeIntervalSince(started), entries: report.entries, ok: true)
            logger.info("wrote \(report.entries) entries to \(report.path)")
        } catch {
            await state.failed("\(error)")
            metrics.generated(seconds: Date().timeIntervalSince(started), entries: 0, ok: false)
            logger.error("generate: \(error)")
        }
    }
}

/// SIGHUP (or a test) asking for a reload: wakes the scheduler's sleep.
actor ReloadRequests {
    private var pending = false
    private var sleeper: CheckedContinuation<Void, Never>?

    func request() {
        pending = true
        sleeper?.resume()
        sleeper = nil
    }

    func take() -> Bool {
        defer { pending = false }
        return pending
    }

    /// Returns after `seconds`, or at once when a reload is asked for.
    func wait(seconds: Double) async {
        if pending { return }
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
