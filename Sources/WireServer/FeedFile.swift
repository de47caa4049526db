import CompressNIO
import Crypto
import Foundation
import NIOCore

/// The wire feed as served: read once after each generation and held in memory with its gzip
/// form, so no request reads the disk and no client ever receives half a feed.
struct FeedFile: Sendable {
    var body: ByteBuffer
    var gzipped: ByteBuffer
    /// A strong validator: a hash of the bytes (the gzip form has its own).
    var etag: String
    var gzipETag: String
    var lastModified: Date
    /// The file's size and modification time when read, to notice a write by another process
    /// (`mediawire headline set`, `generate`).
    var stamp: FileStamp

    static func read(_ path: String) throws -> FeedFile {
        guard let stamp = FileStamp(path), let data = FileManager.default.contents(atPath: path) else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: path])
        }
        var body = ByteBuffer(bytes: data)
        var copy = body
        let gzipped = try copy.compress(with: .gzip())
        let digest = SHA256.hash(data: data).prefix(12).map { String(format: "%02x", $0) }.joined()
        body.moveReaderIndex(to: 0)
        return FeedFile(
            body: body, gzipped: gzipped, etag: "\"\(digest)\"", gzipETag: "\"\(digest)-gz\"",
            lastModified: Date(timeIntervalSince1970: stamp.modified.rounded(.down)), stamp: stamp)
    }
}

/// What identifies a version of a file without reading it.
struct FileStamp: Equatable, Sendable {
    var size: Int
    var modified: Double

    init?(_ path: String) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let size = attributes[.size] as? NSNumber, let date = attributes[.modificationDate] as? Date
        else { return nil }
        self.size = size.intValue
        modified = date.timeIntervalSince1970
    }
}
