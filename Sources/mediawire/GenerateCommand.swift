import ArgumentParser
import Foundation
import Wire
import WireServer

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write the combined wire feed (Atom 1.0) from the store, newest first.",
        discussion: """
            The file is written atomically. Whatever had to be changed in an entry to keep the output \
            valid (characters XML cannot carry, broken XHTML) is logged on standard error.
            """
    )

    @Option(help: "The wire configuration.")
    var config: String = "feeds/wire.yaml"

    @Option(help: "Where to write the feed (default: the configuration's output path).")
    var out: String?

    @Option(help: "How many entries (default: the configuration's output limit).")
    var limit: Int?

    @Option(help: "Also write RFC 5005 archive pages of older entries into this folder.")
    var archiveDir: String?

    @Option(help: "Also write the public Media Wire pages into this folder (index.html, reports/ID.html).")
    var html: String?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let context = try WireContext.open(config)
        try context.restyleStore(command: "generate")
        try GenerateCommand.generate(context, out: out, limit: limit, archiveDir: archiveDir)
        if let html {
            let count = try StaticPages.write(config: context.config, store: context.store, directory: html)
            printError("mediawire generate: wrote the Media Wire pages to \(html) (\(count) reports)")
        }
    }

    static func generate(_ context: WireContext, out: String?, limit: Int?, archiveDir: String?) throws {
        let generator = WireGenerator(config: context.config, store: context.store)
        let options = WireGenerator.Options(
            path: out ?? context.config.output.path, limit: limit ?? context.config.output.limit,
            archiveDirectory: archiveDir ?? context.config.output.archiveDirectory)
        let report = try generator.generate(options)
        for repair in report.repairs { printError("mediawire generate: repaired \(repair)") }
        let archives = report.archivePages > 0 ? ", \(report.archivePages) archive pages" : ""
        printError("mediawire generate: wrote \(report.entries) entries to \(report.path)\(archives)")
    }
}
