import Foundation

/// Buffered XML output to a file descriptor, with escaping that always yields well-formed XML:
/// characters XML 1.0 forbids are dropped (and counted, so the caller can log them).
final class XMLSink {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private(set) var failure: String?
    /// Characters dropped because XML cannot carry them, since the last `takeDropped()`.
    private var dropped = 0

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    func raw(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !buffer.isEmpty, failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func takeDropped() -> Int {
        defer { dropped = 0 }
        return dropped
    }

    /// Escapes `s` as element text (`attribute: false`) or a double-quoted attribute value.
    func escaped(_ s: String, attribute: Bool = false) {
        var s = s
        s.withUTF8 { bytes in
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                switch b {
                case UInt8(ascii: "&"): buffer.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])  // &amp;
                case UInt8(ascii: "<"): buffer.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])  // &lt;
                case UInt8(ascii: ">"): buffer.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])  // &gt; (so "]]>" never appears)
                case UInt8(ascii: "\"") where attribute: buffer.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])
                case 0x09, 0x0A, 0x0D:
                    if attribute {
                        // Kept as references, so attribute-value normalization does not change them.
                        buffer.append(contentsOf: Array("&#\(b);".utf8))
                    } else {
                        buffer.append(b)
                    }
                case 0x00..<0x20:
                    dropped += 1
                case 0xEF where i + 2 < n && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    // U+FFFE and U+FFFF are not XML characters.
                    dropped += 1
                    i += 3
                    continue
                default:
                    buffer.append(b)
                }
                i += 1
            }
        }
        if buffer.count >= 1 << 16 { flush() }
    }

    /// `<name attrs>text</name>` with escaping.
    func element(_ name: String, _ text: String, attributes: [(String, String)] = []) {
        raw("<" + name)
        for (k, v) in attributes {
            raw(" " + k + "=\"")
            escaped(v, attribute: true)
            raw("\"")
        }
        raw(">")
        escaped(text)
        raw("</" + name + ">")
    }

    func empty(_ name: String, attributes: [(String, String)]) {
        raw("<" + name)
        for (k, v) in attributes {
            raw(" " + k + "=\"")
            escaped(v, attribute: true)
            raw("\"")
        }
        raw("/>")
    }
}

/// Writes a file atomically: into a temporary file beside it, fsync, then rename over it. A reader
/// sees the old file or the new one, never half of one.
enum AtomicFile {
    static func write(to path: String, _ body: (XMLSink) throws -> Void) throws(GenerateError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw GenerateError(.write, path: path, message: "cannot create \(temporary): \(String(cString: strerror(errno)))") }
        let sink = XMLSink(fd: fd)
        do {
            try body(sink)
        } catch let error as StoreError {
            close(fd)
            unlink(temporary)
            throw GenerateError(.store, path: error.path, message: error.message, underlying: error)
        } catch {
            close(fd)
            unlink(temporary)
            throw GenerateError(.write, path: path, message: String(describing: error), underlying: error)
        }
        sink.flush()
        if let failure = sink.failure {
            close(fd)
            unlink(temporary)
            throw GenerateError(.write, path: path, message: "cannot write: \(failure)")
        }
        guard fsync(fd) == 0 else {
            let message = String(cString: strerror(errno))
            close(fd)
            unlink(temporary)
            throw GenerateError(.write, path: path, message: "fsync failed: \(message)")
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw GenerateError(.write, path: path, message: "cannot rename into place: \(message)")
        }
        // The rename itself is made durable by syncing the directory.
        let dirfd = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if dirfd >= 0 {
            fsync(dirfd)
            close(dirfd)
        }
    }
}

/// Why a feed could not be generated, with the file.
public struct GenerateError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure: reading the store, or writing the file.
    public struct Code: Hashable, Sendable {
        private enum Kind: Hashable, Sendable { case store, write }
        private let kind: Kind
        /// The store could not be read (``underlying`` is the ``StoreError``).
        public static let store = Code(kind: .store)
        /// The feed (or an archive page) could not be written; what was there before is intact.
        public static let write = Code(kind: .write)
    }

    public var code: Code
    public var path: String
    public var message: String
    public var underlying: (any Error)?

    public init(_ code: Code, path: String, message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.underlying = underlying
    }

    public var description: String { "\(path): \(message)" }
}
