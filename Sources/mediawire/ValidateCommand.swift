import ArgumentParser
import FeedValidation
import Foundation
import Syndication
import Wire

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an RSS or Atom feed (file, URL or - for standard input) with W3C-grade diagnostics.",
        discussion: """
            Exit status: 0 when there is no error, 1 when there is one, 2 when the input could not be read.
            Codes are the W3C Feed Validation Service's message classes (MissingElement, InvalidRFC3339Date, …).
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "A file path, an http(s) URL, or - for standard input.")
    var input: String

    @Option(help: "text (FILE:LINE:COL: severity: CODE: message) or json.")
    var format: Format = .text

    @Option(help: "The URL the document stands for (shown in text output instead of the path).")
    var base: String?

    func run() async throws {
        let loaded = try await Document.load(input)
        // Where the document came from: the URL asked for and the one reached, or --base.
        var locations = [input, loaded.http?.href, base].compactMap { $0 }
        locations.removeAll { !($0.hasPrefix("http://") || $0.hasPrefix("https://")) }
        let report = FeedValidator().validate(loaded.bytes, locations: locations)
        switch format {
        case .json:
            StandardOutput.write(report.json())
        case .text:
            let name = base ?? input
            var out = ""
            for d in report.diagnostics {
                out += "\(name):\(d.line):\(d.column): \(d.severity.rawValue): \(d.code): \(d.message)\n"
            }
            let errors = report.count(.error), warnings = report.count(.warning), infos = report.count(.info)
            out +=
                "\(name): \(report.format ?? "unknown format"): \(errors) error\(errors == 1 ? "" : "s"), "
                + "\(warnings) warning\(warnings == 1 ? "" : "s"), \(infos) info\n"
            StandardOutput.write(Array(out.utf8))
        }
        if report.hasErrors { throw ExitCode(ExitStatus.findings.rawValue) }
    }
}
