import ArgumentParser
import Foundation
import Syndication
import Wire

struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a feed (file, URL or - for standard input) and summarize it, or print it as feedparser-shaped JSON."
    )

    @Argument(help: "A file path, an http(s) URL, or - for standard input.")
    var input: String

    @Flag(help: "Print one JSON object in feedparser's normalized shape.")
    var json = false

    @Option(help: "The character encoding to assume, overriding the document's own declaration.")
    var charset: String?

    @Option(help: "The base URL for relative links (default: the document's URL).")
    var base: String?

    @Option(help: "For a file: the URL it was fetched from (treated as an HTTP response).")
    var url: String?

    @Option(help: "For a file: a JSON object of HTTP response headers it came with.")
    var headers: String?

    @Flag(help: "Keep HTML content as received (scripts, event handlers and all), as feedparser's sanitize_html=False.")
    var noSanitize = false

    @Flag(help: "Leave relative URIs inside HTML content as they are.")
    var noResolve = false

    func run() async throws {
        var loaded = try await Document.load(input, url: url, headersFile: headers)
        var options = FeedParser.Options()
        options.fromHTTP = loaded.http != nil
        options.contentType = loaded.header("content-type")
        options.charset = charset
        options.contentLanguage = loaded.header("content-language")
        options.baseURL = base ?? loaded.baseURL
        // Entries are cleaned on the other core while the parser reads on.
        let pipeline = noSanitize && noResolve ? nil : ContentPipeline(sanitize: !noSanitize, resolve: !noResolve)
        options.entryObserver = pipeline?.observer
        var feed = FeedParser(options: options).parse(loaded.bytes)
        // The document is read: its bytes need not stay for the cleaning and the JSON.
        let inputSize = loaded.bytes.count
        loaded.bytes = []
        pipeline?.finish(&feed)
        if json {
            FeedparserJSON.serialize(feed, http: loaded.http, capacity: inputSize + inputSize / 2) {
                StandardOutput.write($0)
            }
            StandardOutput.write([0x0A])
        } else {
            print(feed.summary(name: input))
        }
    }
}
