import ArgumentParser
import Foundation
import Syndication
import Wire

struct PollCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "poll",
        abstract: "Fetch the due agency feeds and store their new and changed reports.",
        discussion: """
            Conditional GET, per-host limits, Retry-After and backoff are applied; every source's outcome \
            is reported. The exit status is 0 even when sources fail (their errors are in the report), 2 \
            when the configuration or style is invalid, 3 when the store cannot be opened.
            """
    )

    @Option(help: "The wire configuration.")
    var config: String = "feeds/wire.yaml"

    @Option(name: .customLong("source"), help: "Poll only this source (repeatable).")
    var sources: [String] = []

    @Flag(help: "Poll every source now, whether due or not (except those a server asked us to leave alone).")
    var force = false

    @Flag(help: "Print a machine-readable summary.")
    var json = false

    func run() async throws {
        let context = try WireContext.open(config)
        try context.restyleStore(command: "poll")
        let report = try await PollCommand.poll(context, only: sources, force: force)
        if json {
            print(PollCommand.json(report))
        } else {
            print(PollCommand.table(report), terminator: "")
        }
    }

    /// Runs a poll with a progress line on a terminal.
    static func poll(_ context: WireContext, only: [String], force: Bool) async throws -> PollReport {
        var options = Poller.Options()
        options.only = only
        options.force = force
        let poller = Poller(config: context.config, store: context.store, style: context.style, options: options)
        let terminal = isatty(STDERR_FILENO) == 1
        var progress: (@Sendable (Int, Int, Int, Int) -> Void)?
        if terminal {
            progress = { (done: Int, total: Int, new: Int, errors: Int) in
                let line = "\r\u{1B}[Kpolling: \(done)/\(total) sources, \(new) new, \(errors) errors"
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        defer { if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
        return try await poller.run(progress: progress)
    }

    static func table(_ report: PollReport) -> String {
        var out = ""
        let width = report.outcomes.map(\.source.count).max() ?? 6
        for o in report.outcomes {
            var line = o.source.padding(toLength: max(width, 6), withPad: " ", startingAt: 0) + "  "
            line += o.status.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
            if let status = o.httpStatus { line += " HTTP \(status)" }
            if o.status == .fetched { line += " +\(o.inserted) new, \(o.updated) updated" }
            if let message = o.message { line += "  \(message)" }
            if let next = o.nextCheck, o.status != .disabled { line += "  next \(RFC3339.format(next))" }
            out += line + "\n"
        }
        out +=
            "\(report.outcomes.count) sources, \(report.inserted) new, \(report.updated) updated, \(report.errors) errors in \(String(format: "%.2f", report.seconds)) s\n"
        return out
    }

    static func json(_ report: PollReport) -> String {
        struct Summary: Encodable {
            struct Source: Encodable {
                var id: String
                var status: String
                var http: Int?
                var inserted: Int
                var updated: Int
                var problems: Int
                var message: String?
                var url: String?
                var nextCheck: String?
                var seconds: Double
            }
            var sources: [Source]
            var total: Int
            var inserted: Int
            var updated: Int
            var errors: Int
            var seconds: Double
        }
        let summary = Summary(
            sources: report.outcomes.map {
                .init(
                    id: $0.source, status: $0.status.rawValue, http: $0.httpStatus, inserted: $0.inserted, updated: $0.updated,
                    problems: $0.problems, message: $0.message, url: $0.url, nextCheck: $0.nextCheck.map(RFC3339.format),
                    seconds: ($0.seconds * 1000).rounded() / 1000)
            },
            total: report.outcomes.count, inserted: report.inserted, updated: report.updated, errors: report.errors,
            seconds: (report.seconds * 1000).rounded() / 1000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(summary)) ?? Data(), as: UTF8.self)
    }
}
