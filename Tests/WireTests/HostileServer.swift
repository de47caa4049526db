import Foundation

/// A loopback server that misbehaves below HTTP: it writes raw bytes (a prefix, then a chunk for
/// ever, until the client leaves), or accepts and says nothing at all (a TLS handshake that
/// never finishes).
final class HostileServer: @unchecked Sendable {
    // Shared unchecked: every property is set in init and never changes; each connection is
    // served by a thread of its own that touches only its socket.
    enum Behaviour: Sendable {
        case bytes([UInt8])
        case forever(prefix: [UInt8], chunk: [UInt8])
        case silent
    }

    let port: Int
    private let listener: Int32

    init(_ behaviour: Behaviour) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        listener = fd
        port = Int(UInt16(bigEndian: actual.sin_port))
        Thread {
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { return }
                Thread { Self.serve(client, behaviour) }.start()
            }
        }.start()
    }

    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private static func serve(_ client: Int32, _ behaviour: Behaviour) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        func write(_ bytes: [UInt8]) -> Bool {
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n <= 0 { return false }
                sent += n
            }
            return true
        }
        // As a real server does, the request is read before anything is answered.
        if case .silent = behaviour {
        } else {
            var request: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !(request.count >= 4 && Array(request.suffix(4)) == Array("\r\n\r\n".utf8)) {
                let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                if n <= 0 { return }
                request += buffer[..<n]
            }
        }
        switch behaviour {
        case .silent:
            // Reads whatever comes (a ClientHello) and never answers, until the client gives up.
            var buffer = [UInt8](repeating: 0, count: 4096)
            while buffer.withUnsafeMutableBytes({ recv(client, $0.baseAddress, $0.count, 0) }) > 0 {}
        case .bytes(let bytes):
            _ = write(bytes)
            shutdown(client, Int32(SHUT_WR))
            var buffer = [UInt8](repeating: 0, count: 4096)
            while buffer.withUnsafeMutableBytes({ recv(client, $0.baseAddress, $0.count, 0) }) > 0 {}
        case .forever(let prefix, let chunk):
            guard write(prefix) else { return }
            while write(chunk) {}
        }
    }
}
