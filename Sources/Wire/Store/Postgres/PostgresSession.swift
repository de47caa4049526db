import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// A value bound to a `$n` parameter.
protocol PGBindable: Sendable {
    func bind(into bindings: inout PostgresBindings)
}

extension String: PGBindable {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}
extension Double: PGBindable {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}
extension Int: PGBindable {
    func bind(into bindings: inout PostgresBindings) { bindings.append(Int64(self)) }
}
extension Int64: PGBindable {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}
extension Bool: PGBindable {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}
extension ByteBuffer: PGBindable {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}
extension Array: PGBindable where Element == String {
    func bind(into bindings: inout PostgresBindings) { bindings.append(self) }
}
extension Optional: PGBindable where Wrapped: PGBindable {
    func bind(into bindings: inout PostgresBindings) {
        if let self { self.bind(into: &bindings) } else { bindings.appendNull() }
    }
}

/// A result row, its columns found by name (PostgreSQL folds unquoted names to lower case).
struct PGRow {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) { self.row = PostgresRandomAccessRow(row) }

    subscript<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) -> T {
        get throws { try row[name.lowercased()].decode(T.self) }
    }

}

/// One connection's work: statements, run one after another.
struct PGSession {
    let connection: PostgresConnection
    let logger: Logger

    /// Runs `sql` (`$1`, `$2`… for `arguments`) and returns its rows and how many it changed.
    @discardableResult
    func query(_ sql: String, _ arguments: [any PGBindable] = []) throws -> (rows: [PGRow], changed: Int) {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments { argument.bind(into: &bindings) }
        let result = try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger).wait()
        return (result.rows.map(PGRow.init), result.metadata.rows ?? 0)
    }

    func rows(_ sql: String, _ arguments: [any PGBindable] = []) throws -> [PGRow] {
        try query(sql, arguments).rows
    }
}

/// The store's connections to the server: kept open between uses, a few at a time, each used by
/// one caller at a time. Work runs on its own threads (`run`), so async callers never block
/// Swift's cooperative threads while the server answers.
final class PGConnections: Sendable {
    let address: StoreLocation.PostgresAddress
    private let configuration: PostgresConnection.Configuration
    private let idle = NIOLockedValueBox<[PostgresConnection]>([])
    private let nextID = NIOLockedValueBox(0)
    private let threads: NIOThreadPool
    private let logger: Logger
    static let keep = 16

    init(address: StoreLocation.PostgresAddress, password: String?) throws(StoreError) {
        self.address = address
        var configuration: PostgresConnection.Configuration
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch address.tls {
            case "disable": tls = .disable
            case "require": tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            default: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw StoreError(.cannotOpen, path: address.description, message: "TLS cannot be set up: \(error)")
        }
        if let directory = address.socketDirectory {
            configuration = .init(
                unixSocketPath: (directory as NSString).appendingPathComponent(".s.PGSQL.\(address.port)"),
                username: address.user, password: password, database: address.database)
        } else {
            configuration = .init(
                host: address.host, port: address.port, username: address.user, password: password,
                database: address.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(10)
        // What pollers write (claims, source state, reports) is committed without waiting for the
        // disk, as SQLite's WAL with synchronous=NORMAL does: a machine that stops may lose the last
        // moments of a poll, which the next poll fetches again, and never leaves the store
        // inconsistent. What only an editor can redo (headlines, deletions) is committed durably
        // (`SET LOCAL synchronous_commit = on` in those transactions).
        configuration.options.additionalStartupParameters = [("synchronous_commit", "off")]
        self.configuration = configuration
        logger = Logger(label: "mediawire.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
        threads = NIOThreadPool(numberOfThreads: 8)
        threads.start()
    }

    /// Runs `body` on a connection of its own (opened when none is free).
    func with<T>(_ body: (PGSession) throws -> T) throws(StoreError) -> T {
        let connection: PostgresConnection
        if let kept = idle.withLockedValue({ $0.popLast() }), !kept.isClosed {
            connection = kept
        } else {
            let id = nextID.withLockedValue {
                $0 += 1
                return $0
            }
            do {
                connection = try PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
                ).wait()
            } catch {
                throw PostgresStore.error(error, address: address, connecting: true)
            }
        }
        do {
            let result = try body(PGSession(connection: connection, logger: logger))
            giveBack(connection)
            return result
        } catch {
            giveBack(connection)
            throw PostgresStore.error(error, address: address, connecting: false)
        }
    }

    /// `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: (PGSession) throws -> T) throws(StoreError) -> T {
        try with { session in
            // BEGIN is sent without waiting for its answer: the first statement's answer follows it
            // (a connection runs its statements in order). It can only fail with the connection.
            let begin = session.connection.query("BEGIN", logger: session.logger)
            do {
                let result = try body(session)
                _ = try begin.wait()
                try session.query("COMMIT")
                return result
            } catch {
                _ = try? begin.wait()
                _ = try? session.query("ROLLBACK")
                throw error
            }
        }
    }

    /// Runs blocking store work on the store's own threads, for async callers.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws(StoreError) -> T) async throws(StoreError) -> T {
        do {
            return try await threads.runIfActive { try body() }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.failed, path: address.description, message: String(describing: error), underlying: error)
        }
    }

    private func giveBack(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let kept = idle.withLockedValue { idle -> Bool in
            guard idle.count < Self.keep else { return false }
            idle.append(connection)
            return true
        }
        if !kept { Self.close(connection) }
    }

    /// Closes a connection without waiting; it is kept alive until it is closed.
    static func close(_ connection: PostgresConnection) {
        (connection.close() as EventLoopFuture<Void>).whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    func close() {
        for connection in idle.withLockedValue({ idle in
            defer { idle = [] }; return idle
        }) { Self.close(connection) }
    }

    deinit {
        close()
        threads.shutdownGracefully { _ in }
    }
}
