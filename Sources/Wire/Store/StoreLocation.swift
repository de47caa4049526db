import Foundation

/// Where the store is, from `store:` in the configuration: a file (SQLite, the default) or a
/// `postgres://user@host:port/database` URL (PostgreSQL). The password is never in the
/// configuration: it comes from `MEDIAWIRE_PG_PASSWORD`, or from the password file PostgreSQL's
/// own tools read (`PGPASSFILE`, else `~/.pgpass`).
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// A PostgreSQL server and database, without a password.
    public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
        public var user: String
        public var host: String
        public var port: Int
        public var database: String
        /// A folder holding the server's Unix socket (`?host=/run/postgresql`), instead of TCP.
        public var socketDirectory: String?
        /// `disable`, `prefer` (the default, as libpq's) or `require`.
        public var tls: String

        /// The URL, which is safe to print (it holds no password).
        public var description: String {
            var url = "postgres://\(user)@\(host):\(port)/\(database)"
            var query: [String] = []
            if let socketDirectory { query.append("host=\(socketDirectory)") }
            if tls != "prefer" { query.append("sslmode=\(tls)") }
            if !query.isEmpty { url += "?" + query.joined(separator: "&") }
            return url
        }
    }

    /// Whether `store:` names a server rather than a file.
    public static func isURL(_ value: String) -> Bool {
        value.hasPrefix("postgres://") || value.hasPrefix("postgresql://")
    }

    /// `value` as the configuration gives it (a URL, or a file path already made absolute).
    public static func parse(_ value: String) throws(StoreError) -> StoreLocation {
        isURL(value) ? .postgres(try postgres(value)) : .sqlite(path: value)
    }

    /// Reads a `postgres://` URL; a password in it is refused (it belongs in the environment or
    /// the password file, not in a configuration that is committed and shared).
    public static func postgres(_ value: String) throws(StoreError) -> PostgresAddress {
        func bad(_ why: String) -> StoreError {
            StoreError(.cannotOpen, path: value.split(separator: "@").last.map { "postgres://…@\($0)" } ?? "postgres://", message: why)
        }
        guard let components = URLComponents(string: value), let scheme = components.scheme,
            scheme == "postgres" || scheme == "postgresql"
        else {
            throw bad("not a postgres://user@host:port/database URL")
        }
        if components.password != nil {
            throw bad(
                "the store's URL holds a password: remove it, and give it in MEDIAWIRE_PG_PASSWORD or a password file (PGPASSFILE, ~/.pgpass)"
            )
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let known: Set = ["host", "sslmode"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw bad("unknown parameter '\(unknown)' in the store's URL (known: host, sslmode)")
        }
        let tls = query["sslmode"] ?? "prefer"
        guard ["disable", "prefer", "require"].contains(tls) else {
            throw bad("sslmode must be disable, prefer or require (not '\(tls)')")
        }
        let user = components.user.flatMap { $0.removingPercentEncoding } ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        let host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw bad("port \(port) is out of range") }
        var database = String(components.path.drop(while: { $0 == "/" }))
        database = database.removingPercentEncoding ?? database
        if database.contains("/") { throw bad("the database name cannot hold '/'") }
        return PostgresAddress(
            user: user, host: host, port: port, database: database.isEmpty ? user : database,
            socketDirectory: query["host"].flatMap { $0.isEmpty ? nil : $0 }, tls: tls)
    }

    /// The password for `address`: `MEDIAWIRE_PG_PASSWORD`, else the first matching line of the
    /// password file (`PGPASSFILE`, else `~/.pgpass`; `host:port:database:user:password`, `*`
    /// matching anything, `\` escaping `:` and `\`), else none (the server may trust the user).
    public static func password(for address: PostgresAddress) -> String? {
        password(for: address, environment: ProcessInfo.processInfo.environment)
    }

    public static func password(for address: PostgresAddress, environment: [String: String]) -> String? {
        if let password = environment["MEDIAWIRE_PG_PASSWORD"] { return password }
        let file =
            environment["PGPASSFILE"]
            ?? environment["HOME"].map { ($0 as NSString).appendingPathComponent(".pgpass") }
        guard let file, let text = try? String(contentsOfFile: file, encoding: .utf8) else { return nil }
        let host = address.socketDirectory == nil ? address.host : "localhost"
        let wanted = [host, String(address.port), address.database, address.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = passFields(line)
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// A password-file line's fields: `:` separates, `\` escapes the next character.
    static func passFields(_ line: Substring) -> [String] {
        var fields: [String] = [], field = ""
        var escaped = false
        for character in line {
            if escaped {
                field.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":" && fields.count < 4 {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }
}

/// Opens the store `store:` names: a SQLite file, or a PostgreSQL database. Either way the schema
/// is brought to this MediaWire's version first.
public func openStore(_ location: String) throws(StoreError) -> any WireStore {
    switch try StoreLocation.parse(location) {
    case .sqlite(let path): return try SQLiteStore(path: path)
    case .postgres(let address): return try PostgresStore(address: address)
    }
}
