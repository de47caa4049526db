import ArgumentParser
import FeedValidation
import Foundation
import HouseStyle
import Wire

@main
struct MediaWire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mediawire",
        abstract: "Run a news wire: poll agency feeds, re-headline them in house style, publish one Atom feed.",
        version: MediaWireVersion.current,
        subcommands: [
            RunCommand.self, PollCommand.self, GenerateCommand.self, ParseCommand.self, ValidateCommand.self,
            RestyleCommand.self, HeadlineCommand.self, SourcesCommand.self, ServeCommand.self, EditorsCommand.self, StoreCommand.self,
        ]
    )

    /// Runs the subcommand the arguments name. A library error is said on standard error as
    /// `mediawire SUBCOMMAND: …` and ends the process with its ``ExitStatus``; the process ends
    /// without tearing down what the command built (a parsed feed is a large object graph).
    static func main() async {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            exit(withError: error)
        }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                var synchronous = command
                try synchronous.run()
            }
        } catch {
            guard let status = ExitStatus.of(error) else { exit(withError: error) }
            printError("mediawire \(subcommandPath()): \(ExitStatus.message(error))")
            fflush(nil)
            Foundation.exit(status.rawValue)
        }
        fflush(nil)
        Foundation.exit(0)
    }

    /// The subcommand named on the command line, e.g. `headline set`.
    static func subcommandPath() -> String {
        var path: [String] = []
        var commands = configuration.subcommands
        for argument in CommandLine.arguments.dropFirst() {
            guard let next = commands.first(where: { $0._commandName == argument }) else { break }
            path.append(argument)
            commands = next.configuration.subcommands
        }
        return path.joined(separator: " ")
    }
}

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}
