import ArgumentParser
import Foundation
import Logging
import Syndication
import Wire
import WireServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the wire as a service: poll on schedule, serve the feed, the public pages, /healthz and /metrics.",
        discussion: """
            Listens on the configuration's serve: listen (default 127.0.0.1:8080) unless --listen is given. \
            Reloads the configuration and style when their files change, or on SIGHUP; a broken new file is \
            refused (named with its line) and the running one kept. SIGTERM or SIGINT stop it gracefully.
            """
    )

    @Option(help: "The wire configuration.")
    var config: String = "feeds/wire.yaml"

    @Option(help: "HOST:PORT to listen on (overrides serve: listen).")
    var listen: String?

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: "text, or json (one object a line, for log shippers).")
    var logFormat: LogFormat = .text

    func validate() throws {
        if let listen, ServeSettings.listenAddress(listen) == nil { throw ValidationError("--listen must be HOST:PORT") }
    }

    func run() async throws {
        let format = logFormat
        LoggingSystem.bootstrap { label in
            var handler = LineLogHandler(label: label, json: format == .json)
            handler.logLevel = .info
            return handler
        }
        let logger = Logger(label: "mediawire")
        let service = try WireService(configPath: config, listen: listen.flatMap(ServeSettings.listenAddress), logger: logger)
        try await service.run { port in logger.info("listening on port \(port)") }
    }
}

/// One line a log record on standard error: `TIME LEVEL message key=value`, or a JSON object.
struct LineLogHandler: LogHandler {
    let label: String
    let json: Bool
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let time = RFC3339.format(Date().timeIntervalSince1970)
        var fields = metadata
        if let extra = event.metadata { fields.merge(extra) { _, new in new } }
        let line: String
        if json {
            var object: [String: String] = ["time": time, "level": event.level.rawValue, "message": "\(event.message)", "logger": label]
            for (k, v) in fields { object[k] = "\(v)" }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
            line = String(decoding: data, as: UTF8.self)
        } else {
            line = "\(time) \(event.level.rawValue) \(event.message)" + fields.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
