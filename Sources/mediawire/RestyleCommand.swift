import ArgumentParser
import Foundation
import HouseStyle
import Syndication

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

    @Argument(help: "Headlines to restyle.")
    var headlines: [String] = []

    func validate() throws {
        if feed == nil && headlines.isEmpty { throw ValidationError("give headlines or --feed FILE") }
    }

    func run() throws {
        let houseStyle: HouseStyle
        do {
            houseStyle = try StyleLoader.load(contentsOf: style)
        } catch {
            FileHandle.standardError.write(Data("mediawire restyle: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        if let feed {
            guard let data = FileManager.default.contents(atPath: feed) else {
                FileHandle.standardError.write(Data("mediawire restyle: \(feed): no such file or not readable\n".utf8))
                throw ExitCode(2)
            }
            // The same headline the poller stores: the text a reader of the agency's feed sees.
            var parsed = FeedParser().parse(Array(data))
            ContentSafety.apply(to: &parsed)
            for entry in parsed.entries {
                let result = houseStyle.restyle(entry: entry, source: source)
                let original = Headline.of(entry).text
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
}
