import ArgumentParser
import Foundation
import Wire

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "The main job: poll the due sources, then write the wire feed.",
        discussion: """
            Source failures are reported and do not stop the run; the feed is written from whatever the \
            store holds. Exit status: 0, or 2 (configuration or style), 3 (store), 4 (writing the feed).
            """
    )

    @Option(help: "The wire configuration.")
    var config: String = "feeds/wire.yaml"

    @Flag(help: "Poll every source now, whether due or not.")
    var force = false

    @Flag(help: "Print the poll summary as JSON.")
    var json = false

    @Option(help: "Also write RFC 5005 archive pages into this folder.")
    var archiveDir: String?

    func run() async throws {
        let context = try WireContext.open(config)
        try context.restyleStore(command: "run")
        let report = try await PollCommand.poll(context, only: [], force: force)
        if json {
            print(PollCommand.json(report))
        } else {
            print(PollCommand.table(report), terminator: "")
        }
        try GenerateCommand.generate(context, out: nil, limit: nil, archiveDir: archiveDir)
    }
}
