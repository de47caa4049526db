import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
public import Logging
import NIOCore
import ServiceLifecycle
public import UnixSignals
import Wire
import WireDesk

/// `mediawire serve`: the scheduler and the HTTP service (the feed, the public pages, health and
/// metrics) over one configuration, until SIGTERM or SIGINT.
public struct WireService: Sendable {
    let configPath: String
    let state: WireState
    let metrics = ServiceMetrics()
    let wakeups = Wakeups()
    let host: String
    let port: Int
    let logger: Logger

    /// Loads the configuration, style and store (throwing their errors, naming file and line);
    /// `listen` overrides the configuration's `serve: listen`.
    public init(configPath: String, listen: (host: String, port: Int)? = nil, logger: Logger) throws {
        self.configPath = configPath
        let running = try Running.load(configPath)
        state = WireState(running)
        host = listen?.host ?? running.config.serve.host
        port = listen?.port ?? running.config.serve.port
        self.logger = logger
    }

    /// Runs until a signal in `shutdownSignals` (or cancellation); `onListening` receives the
    /// port the server listens on (useful with port 0).
    public func run(
        shutdownSignals: [UnixSignal] = [.sigterm, .sigint], onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    )
        async throws
    {
        // The last feed written serves at once, before the first poll is done.
        let path = await state.running.config.output.path
        if let feed = try? FeedFile.read(path) { await state.published(feed) }
        let scheduler = Scheduler(
            configPath: configPath, state: state, metrics: metrics, logger: logger, wakeups: wakeups, hub: HubNotifier(logger: logger))
        let hangups = HangupListener(wakeups: wakeups)
        let output = await state.running.config.output
        let desk = try Desk(host: ServiceDeskHost(state: state, wakeups: wakeups), logger: logger)
        let router = Routes(
            state: state, metrics: metrics, selfURL: output.selfURL, archiveDirectory: output.archiveDirectory, logger: logger, desk: desk
        ).router()
        // A slow or idle client cannot hold a connection: closed after 30 s without a byte; headers
        // are limited to 16 KiB a field, 32 KiB in all, 100 fields (no route reads a body).
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .seconds(30),
            httpDecoderConfiguration: .init(maxHeaderFieldSize: 16 << 10, maxHeaderListSize: 32 << 10, maxHeaderFieldCount: 100))
        let app = Application(
            router: router,
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                await onListening(channel.localAddress?.port ?? 0)
            },
            logger: logger
        )
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: app),
                    .init(service: scheduler),
                    .init(service: hangups),
                ],
                gracefulShutdownSignals: shutdownSignals,
                logger: logger))
        try await group.run()
    }
}

/// SIGHUP: reload the configuration and the style.
struct HangupListener: Service {
    let wakeups: Wakeups

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        await cancelWhenGracefulShutdown {
            for await _ in signals { await wakeups.requestReload() }
        }
    }
}
