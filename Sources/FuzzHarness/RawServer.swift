import Foundation
import Wire

/// A loopback server that answers every request with the bytes it is given, as they are, then
/// closes: any status line, any headers, any body, lies included.
final class RawServer: @unchecked Sendable {
    // Shared unchecked: `answer` is set by the fuzzer's thread before each request and read by the
    // accept thread only while that request is served (the fuzzer waits for it), under `lock`.
    static let shared = RawServer()
    /// One client for every run: its limits are the poller's (5 s, 1 MiB in the fuzzer).
    static let client = PollClient(userAgent: "mediawire-fuzz", timeout: 5, maxBytes: 1 << 20)

    let port: Int
    private let socketFD: Int32
    private let lock = NSLock()
    private var _answer: [UInt8] = []

    var answer: [UInt8] {
        get { lock.withLock { _answer } }
        set { lock.withLock { _answer = newValue } }
    }

    private init() {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        socketFD = fd
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        listen(fd, 64)
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: bound.sin_port))
        let thread = Thread { [unowned self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 { continue }
                self.serve(client)
            }
        }
        thread.start()
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var request: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !(request.count >= 4 && Array(request.suffix(4)) == [13, 10, 13, 10]) && request.count < 65_536 {
            let n = chunk.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            if n <= 0 { return }
            request += chunk[..<n]
        }
        let bytes = answer
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
        shutdown(client, Int32(SHUT_WR))
    }
}
