import ArgumentParser
import Foundation
import HouseStyle
import Syndication
import Wire

struct HeadlineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "headline",
        abstract: "Editors' headlines: set one for a report, clear it, list them, show why a headline reads as it does.",
        discussion: """
            An editor's headline stands over every house-style rule, every later style change and every \
            re-poll until it is cleared; the wire still carries the agency's headline (dcterms:alternative). \
            ENTRY is the report's atom:id in the wire, or SOURCE:KEY. Set and clear rewrite the wire at once.
            """,
        subcommands: [Set.self, Clear.self, List.self, Show.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "The wire configuration.")
        var config: String = "feeds/wire.yaml"
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give a report the editor's headline.")

        @OptionGroup var options: Options

        @Option(help: "Who sets it (default: $USER).")
        var editor: String?

        @Flag(help: "Do not rewrite the wire now.")
        var noGenerate = false

        @Argument(help: "The report: its atom:id in the wire, or SOURCE:KEY.")
        var entry: String

        @Argument(help: "The headline.")
        var headline: String

        func validate() throws {
            if HouseStyle.isBlank(headline) { throw ValidationError("the headline is empty") }
        }

        func run() throws {
            let context = try WireContext.open(options.config)
            try context.restyleStore(command: "headline set")
            let report = try HeadlineCommand.find(entry, in: context)
            let name = try HeadlineCommand.editorName(editor)
            try context.store.setHeadline(
                Whitespace.collapse(headline), sourceID: report.sourceID, key: report.key,
                editor: name, now: Date().timeIntervalSince1970)
            print("\(report.sourceID) \(report.atomID)")
            print("  - \(report.wireHeadline)")
            print("  + \(Whitespace.collapse(headline))  (editor \(name))")
            if !noGenerate { try GenerateCommand.generate(context, out: nil, limit: nil, archiveDir: nil) }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Return a report to its house-style headline.")

        @OptionGroup var options: Options

        @Option(help: "Who clears it (default: $USER).")
        var editor: String?

        @Flag(help: "Do not rewrite the wire now.")
        var noGenerate = false

        @Argument(help: "The report: its atom:id in the wire, or SOURCE:KEY.")
        var entry: String

        func run() throws {
            let context = try WireContext.open(options.config)
            // The house-style headline it returns to is the style in force.
            try context.restyleStore(command: "headline clear")
            let report = try HeadlineCommand.find(entry, in: context)
            let name = try HeadlineCommand.editorName(editor)
            guard
                let cleared = try context.store.clearHeadline(
                    sourceID: report.sourceID, key: report.key, editor: name,
                    now: Date().timeIntervalSince1970)
            else {
                throw UsageError(description: "\(entry) has no editor's headline", status: .findings)
            }
            print("\(report.sourceID) \(report.atomID)")
            print("  - \(cleared.headline)  (editor \(cleared.editor))")
            print("  + \(report.title)  (house style)")
            if !noGenerate { try GenerateCommand.generate(context, out: nil, limit: nil, archiveDir: nil) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every report under an editor's headline, the latest first.")

        @OptionGroup var options: Options

        func run() throws {
            let context = try WireContext.open(options.config)
            let reports = try context.store.entriesWithEditorHeadlines()
            for report in reports {
                guard let editor = report.editorHeadline else { continue }
                print("\(report.sourceID) \(report.atomID)")
                print("  editor:  \(editor.headline)")
                print("  house:   \(report.title)")
                print("  agency:  \(report.headlineIsDerived ? "(no headline)" : report.originalTitle)")
                var when = "  set by \(editor.editor) at \(RFC3339.format(editor.at))"
                if let updated = editor.agencyUpdatedAt { when += "; agency updated since (\(RFC3339.format(updated)))" }
                print(when)
            }
            print("\(reports.count) report\(reports.count == 1 ? "" : "s") under an editor's headline")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Why a report's headline reads as it does (agency, each rule, editor), and its history."
        )

        @OptionGroup var options: Options

        @Argument(help: "The report: its atom:id in the wire, or SOURCE:KEY.")
        var entry: String

        func run() throws {
            let context = try WireContext.open(options.config)
            let report = try HeadlineCommand.find(entry, in: context)
            HeadlineCommand.explain(report, in: context)
            let history = try context.store.headlineHistory(sourceID: report.sourceID, key: report.key)
            if !history.isEmpty { print("history:") }
            for event in history {
                let what = event.action == .set ? "set \"\(event.headline)\"" : "cleared \"\(event.previous)\""
                print("  \(RFC3339.format(event.at))  \(event.editor)  \(what)")
            }
        }
    }

    /// The stored report `reference` names.
    static func find(_ reference: String, in context: WireContext) throws -> StoredEntry {
        guard let found = try context.store.entry(named: reference) else {
            throw UsageError(description: "\(context.config.store): no report '\(reference)' (give its atom:id in the wire, or SOURCE:KEY)")
        }
        return found
    }

    static func editorName(_ given: String?) throws -> String {
        let name = given ?? ProcessInfo.processInfo.environment["USER"] ?? ""
        guard !HouseStyle.isBlank(name) else { throw UsageError(description: "who is the editor? Give --editor NAME (USER is not set)") }
        return name
    }

    /// Prints why `report`'s headline reads as it does under the context's style.
    static func explain(_ report: StoredEntry, in context: WireContext) {
        print("\(report.sourceID) \(report.atomID)")
        guard let style = context.style else {
            print("house:   \(report.title) (no style file configured)")
            return
        }
        let explanation = HeadlineExplanation(entry: report, style: style, source: context.styleKeys[report.sourceID] ?? nil)
        for line in explanation.lines { print("  \(line)") }
    }
}
