import Foundation
public import Syndication

/// Why a document named on the command line could not be read: with the file or URL.
public struct DocumentError: Error, CustomStringConvertible, Sendable {
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable { case unreadable, fetch, headers }
        private let kind: Kind
        /// The file (or standard input) cannot be read.
        public static let unreadable = Code(kind: .unreadable)
        /// The URL could not be fetched (``underlying`` is the ``FetchError``).
        public static let fetch = Code(kind: .fetch)
        /// The headers file is not a JSON object.
        public static let headers = Code(kind: .headers)
    }

    public var code: Code
    public var message: String
    public var underlying: (any Error)?

    public var description: String { message }
}

/// A feed document read from a file, standard input or HTTP, with what HTTP said about it.
public struct Document: Sendable {
    public var bytes: [UInt8]
    public var baseURL: String?
    public var http: FeedparserJSON.HTTPContext?

    public func header(_ name: String) -> String? {
        http?.headers.first { $0.key.lowercased() == name }?.value
    }

    /// Reads `input`: an http(s) URL, `-` for standard input, or a file. For a file, `url` says
    /// where it was fetched from (it is then treated as an HTTP response) and `headersFile` is a
    /// JSON object of the headers it came with.
    public static func load(_ input: String, url: String? = nil, headersFile: String? = nil) async throws(DocumentError) -> Document {
        if input.hasPrefix("http://") || input.hasPrefix("https://") {
            do {
                let result = try await HTTPFetcher().get(input)
                let location = result.header("content-location").flatMap { URIResolver.resolveSafely($0, against: result.finalURL) }
                return Document(
                    bytes: result.body, baseURL: location ?? result.finalURL,
                    http: .init(href: result.finalURL, status: result.status, headers: result.headers))
            } catch {
                throw DocumentError(code: .fetch, message: error.description, underlying: error)
            }
        }
        let bytes: [UInt8]
        if input == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            guard let read = FileBytes.read(input) else {
                throw DocumentError(code: .unreadable, message: "\(input): no such file or not readable")
            }
            bytes = read
        }
        guard let url else { return Document(bytes: bytes, baseURL: nil, http: nil) }
        var headers: [String: String] = [:]
        if let headersFile {
            guard let data = FileManager.default.contents(atPath: headersFile),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else {
                throw DocumentError(code: .headers, message: "\(headersFile): not a JSON object of headers")
            }
            for (k, v) in object { headers[k] = "\(v)" }
        }
        let location = headers.first { $0.key.lowercased() == "content-location" }?.value
        return Document(
            bytes: bytes, baseURL: location.flatMap { URIResolver.resolveSafely($0, against: url) } ?? url,
            http: .init(href: url, status: 200, headers: headers))
    }
}

/// Reads a whole file into bytes with POSIX calls: one copy, no `Data` in between.
public enum FileBytes {
    public static func read(_ path: String) -> [UInt8]? {
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
