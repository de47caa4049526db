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
        var loaded = try await LoadedDocument.load(input, url: url, headersFile: headers, for: "parse")
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
            print(Summary.describe(feed, name: input))
        }
        // The process ends here: skip tearing down the whole model object by object.
        fflush(nil)
        Foundation.exit(0)
    }
}

/// A document read from a file, standard input or HTTP, with what HTTP said about it.
struct LoadedDocument {
    var bytes: [UInt8]
    var baseURL: String?
    var http: FeedparserJSON.HTTPContext?

    func header(_ name: String) -> String? {
        http?.headers.first { $0.key.lowercased() == name }?.value
    }

    /// Loads the input of a subcommand; what cannot be read is said on standard error, with the
    /// exit status of the error (2).
    static func load(_ input: String, url: String?, headersFile: String?, for command: String) async throws -> LoadedDocument {
        do {
            return try await load(input, url: url, headersFile: headersFile)
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("mediawire \(command): \(error.message)\n".utf8))
            throw ExitCode(error.code)
        }
    }

    static func load(_ input: String, url: String?, headersFile: String?) async throws -> LoadedDocument {
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            do {
                let result = try await HTTPFetcher().get(input)
                let location = result.header("content-location").flatMap { URIResolver.resolveSafely($0, against: result.finalURL) }
                return LoadedDocument(bytes: result.body, baseURL: location ?? result.finalURL,
                                      http: .init(href: result.finalURL, status: result.status, headers: result.headers))
            } catch {
                throw CLIError(message: error.description)
            }
        }
        let bytes: [UInt8]
        if input == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let read = FileBytes.read(input) else {
                throw CLIError(message: "\(input): no such file or not readable")
            }
            bytes = read
        }
        guard let url else { return LoadedDocument(bytes: bytes, baseURL: nil, http: nil) }
        var headers: [String: String] = [:]
        if let headersFile {
            guard let data = FileManager.default.contents(atPath: headersFile),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CLIError(message: "\(headersFile): not a JSON object of headers")
            }
            for (k, v) in object { headers[k] = "\(v)" }
        }
        let location = headers.first { $0.key.lowercased() == "content-location" }?.value
        return LoadedDocument(bytes: bytes, baseURL: location.flatMap { URIResolver.resolveSafely($0, against: url) } ?? url,
                              http: .init(href: url, status: 200, headers: headers))
    }
}

/// The short human summary `parse` prints without `--json`.
enum Summary {
    static func describe(_ feed: Feed, name: String) -> String {
        var lines = ["\(name): \(feed.dialect.displayName), encoding \(feed.encoding.isEmpty ? "unknown" : feed.encoding)"]
        lines.append("title: \(feed.title?.value ?? "(none)")")
        if let link = feed.alternateLink?.href { lines.append("link: \(link)") }
        lines.append("entries: \(feed.entries.count)")
        for entry in feed.entries.prefix(5) {
            lines.append("  - \(entry.title?.value ?? "(untitled)")\(entry.alternateLink.map { " <\($0.href)>" } ?? "")")
        }
        if feed.entries.count > 5 { lines.append("  … \(feed.entries.count - 5) more") }
        if feed.problems.isEmpty {
            lines.append("problems: none")
        } else {
            lines.append("problems: \(feed.problems.count)")
            for p in feed.problems { lines.append("  \(p.kind.rawValue): \(p.description)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// Writes bytes to standard output without another copy.
enum StandardOutput {
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(1, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }
}

/// Reads a whole file into bytes with POSIX calls: one copy, no `Data` in between.
enum FileBytes {
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        var ok = true
        // Not zeroed first: read(2) writes every byte that is kept.
        let bytes = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buffer, count in
            var total = 0
            while total < buffer.count {
                let n = Foundation.read(fd, buffer.baseAddress! + total, buffer.count - total)
                if n < 0 { ok = false; break }
                if n == 0 { break }
                total += n
            }
            count = ok ? total : 0
        }
        guard ok else { return nil }
        return bytes
    }
}
