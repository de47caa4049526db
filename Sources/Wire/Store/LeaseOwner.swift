import Foundation

/// Who holds a source's lease: `HOST:PID`. A lease held by a process of this machine that no
/// longer exists (killed, crashed) is over, whatever its time says; one held on another machine
/// is waited out.
enum LeaseOwner {
    static let host: String = {
        var name = [CChar](repeating: 0, count: 256)
        return gethostname(&name, name.count) == 0
            ? String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "localhost"
    }()

    static let current = "\(host):\(getpid())"

    /// Whether `owner` was a process of this machine that is gone.
    static func isGone(_ owner: String?) -> Bool {
        guard let owner, let colon = owner.lastIndex(of: ":"), owner[..<colon] == host,
            let pid = pid_t(owner[owner.index(after: colon)...]), pid > 0, pid != getpid()
        else { return false }
        return kill(pid, 0) == -1 && errno == ESRCH
    }
}
