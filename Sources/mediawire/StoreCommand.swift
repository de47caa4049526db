import ArgumentParser
import Foundation
import Wire

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "The wire's store: bring its schema up to date, or move a wire to another store.",
        subcommands: [Migrate.self, Copy.self]
    )

    struct Migrate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring the store's schema to this MediaWire's version (a SQLite file or a postgres:// URL).",
            discussion: "Every command migrates the store it opens; this one does only that, and says what it did."
        )

        @Option(help: "The wire configuration, whose store: is migrated.")
        var config: String = "feeds/wire.yaml"

        @Option(help: "The store to migrate instead of the configuration's: a file, or postgres://user@host:port/database.")
        var store: String?

        func run() throws {
            let location = try store ?? ConfigLoader.load(contentsOf: config).store
            let opened = try openStore(location)
            defer { opened.close() }
            let (found, current) = opened.schemaVersions
            if found == current {
                print("\(opened.location): schema version \(current), up to date")
            } else {
                print("\(opened.location): schema version \(found) → \(current)")
            }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a wire from one store to another, empty one: every report, editor's headline and source state.",
            discussion: """
                Each of --from and --to is a SQLite file or a postgres://user@host:port/database URL (the password from \
                MEDIAWIRE_PG_PASSWORD or the password file). Reports keep their sequence numbers, so the wire's pages and \
                archives keep their addresses. The counts of both stores are compared at the end.
                """
        )

        @Option(help: "The store to copy from.")
        var from: String

        @Option(help: "The store to copy into (it must be empty).")
        var to: String

        func validate() throws {
            if from == to { throw ValidationError("--from and --to name the same store") }
        }

        func run() throws {
            let source = try openStore(Self.location(from))
            defer { source.close() }
            let target = try openStore(Self.location(to))
            defer { target.close() }
            let counts = try source.copy(into: target) { copied in
                printError("mediawire store copy: \(copied) rows copied")
            }
            print("\(source.location) → \(target.location): \(counts); the counts match")
        }

        /// A file path made absolute; a URL as given.
        static func location(_ value: String) -> String {
            if StoreLocation.isURL(value) || value.hasPrefix("/") { return value }
            return FileManager.default.currentDirectoryPath + "/" + value
        }
    }
}
