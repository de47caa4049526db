import ArgumentParser
import Foundation
import Wire

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources",
        abstract: "Move the wire's sources to and from OPML 2.0 subscription lists.",
        subcommands: [Export.self, Import.self]
    )

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the configuration's sources as OPML 2.0.")

        @Option(help: "The wire configuration.")
        var config: String = "feeds/wire.yaml"

        func run() throws {
            let wire = try ConfigLoader.load(contentsOf: config)
            print(OPML.export(wire), terminator: "")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read an OPML file and print `sources:` entries to add to the configuration (new feeds only)."
        )

        @Argument(help: "The OPML file.")
        var file: String

        @Option(help: "The wire configuration whose sources are already there.")
        var config: String?

        func run() throws {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw UsageError(description: "\(file): no such file or not readable")
            }
            let existing = try config.map { path throws(ConfigError) in try ConfigLoader.load(contentsOf: path).sources } ?? []
            let subscriptions = try OPML.parse(data, file: file)
            print(OPML.sourcesYAML(subscriptions, existing: existing), terminator: "")
        }
    }
}
