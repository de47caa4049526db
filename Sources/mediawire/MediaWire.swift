import ArgumentParser

@main
struct MediaWire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mediawire",
        abstract: "Run a news wire: poll agency feeds, re-headline them in house style, publish one Atom feed.",
        subcommands: [RunCommand.self, PollCommand.self, GenerateCommand.self, ParseCommand.self, ValidateCommand.self, RestyleCommand.self, HeadlineCommand.self, SourcesCommand.self]
    )
}

/// An error the CLI reports on standard error, exiting with `code`.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: Int32 = 2
    var description: String { message }
}
