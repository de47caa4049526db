import ArgumentParser
import Foundation
import HouseStyle
import Syndication
import Wire

struct RestyleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restyle",
        abstract: "Re-headline text in the house style: headlines given, or every entry of a feed."
    )

    @Option(help: "The house-style file (YAML).")
    var style: String = "feeds/house-style.yaml"

    @Option(help: "Also apply this source's own rules.")
    var source: String?

    @Flag(help: "Show which rule changed what.")
    var explain = false

    @Option(help: "Restyle every entry of this feed and show original and new side by side.")
    var feed: String?

    @Flag(help: "Re-headline the stored wire of --config with its style: per report old → new and which rule, then counts.")
    var store = false

    @Option(help: "The wire configuration (with --store).")
    var config: String = "feeds/wire.yaml"

    @Flag(help: "With --store: show what would change, change nothing.")
    var dryRun = false

    @Option(help: "With --explain: why this stored report's headline reads as it does (its atom:id, or SOURCE:KEY; repeatable).")
    var entry: [String] = []

    @Argument(help: "Headlines to restyle.")
    var headlines: [String] = []

    func validate() throws {
        if feed == nil && headlines.isEmpty && !store && entry.isEmpty {
            throw ValidationError("give headlines, --feed FILE, --store or --entry ENTRY")
        }
    }

    func run() throws {
        if !entry.isEmpty {
            let context = try WireContext.open(config)
            for reference in entry {
                HeadlineCommand.explain(try HeadlineCommand.find(reference, in: context), in: context)
            }
            return
        }
        if store {
            try restyleStore()
            return
        }
        let houseStyle = try StyleLoader.load(contentsOf: style)
        if let feed {
            guard let data = FileBytes.read(feed) else { throw UsageError(description: "\(feed): no such file or not readable") }
            // The same headline the poller stores: the text a reader of the agency's feed sees.
            var parsed = FeedParser().parse(data)
            ContentSafety.apply(to: &parsed)
            for entry in parsed.entries {
                let result = houseStyle.restyle(entry: entry, in: parsed.dialect, source: source)
                let original = Headline.of(entry, in: parsed.dialect).text
                print("\(result.changed ? "*" : " ") \(result.origin == .agency ? original : "(no headline)")")
                print("  → \(result.headline)")
                if explain {
                    if let derivation = result.derivation { print("      \(derivation)") }
                    for change in result.changes { print("      \(change)") }
                }
            }
            return
        }
        for headline in headlines {
            let result = houseStyle.restyle(headline, source: source)
            print(result.headline)
            if explain {
                if result.changes.isEmpty { print("    (no rule changed it)") }
                for change in result.changes { print("    \(change)") }
            }
        }
    }

    /// `--store`: what the configured style does to the stored wire (only reports written under
    /// another style are looked at), applied unless `--dry-run`.
    func restyleStore() throws {
        let context = try WireContext.open(config)
        guard let style = context.style else { throw UsageError(description: "\(config) names no style file") }
        let only = source.map { Set([$0]) }
        if let source, !context.config.sources.contains(where: { $0.id == source }) {
            throw ConfigError(.unknownSource, file: config, message: "no source with id '\(source)' in the configuration")
        }
        let outcome = try context.store.restyle(with: style, styleKeys: context.styleKeys, only: only, dryRun: dryRun)
        for change in outcome.changes {
            print("\(change.sourceID) \(change.atomID)")
            print("  - \(change.before)")
            print("  + \(change.after)")
            for step in change.trace { print("      \(step)") }
        }
        for change in outcome.underEditors {
            print("\(change.sourceID) \(change.atomID)  (an editor's headline stands in the wire)")
            print("  house style - \(change.before)")
            print("  house style + \(change.after)")
        }
        let verb = dryRun ? "would change" : "changed"
        print(
            "\(outcome.checked) stored report\(outcome.checked == 1 ? "" : "s") written under another style; \(verb) \(outcome.changes.count) headline\(outcome.changes.count == 1 ? "" : "s") in the wire\(outcome.underEditors.isEmpty ? "" : "; \(outcome.underEditors.count) under editors' headlines keep them")"
        )
    }
}
