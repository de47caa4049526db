public import Foundation

/// The PostgreSQL server the store's tests use: `MEDIAWIRE_TEST_POSTGRES`, a `postgres://` URL of
/// a database whose user may create databases (`.ci/run` starts one from a temporary `initdb`
/// cluster on a loopback port). Each test gets a database of its own, dropped after it.
public enum TestPostgres {
    public static var url: String? {
        ProcessInfo.processInfo.environment["MEDIAWIRE_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether the server is there. In CI a test that needs it fails without it; elsewhere it is
    /// reported as skipped.
    public static var available: Bool { url != nil }

    /// Why a PostgreSQL case cannot run, when it cannot.
    public static var missing: String {
        "MEDIAWIRE_TEST_POSTGRES is not set: the PostgreSQL cases need a server (.ci/run starts one)"
    }

    /// Creates an empty database and returns its URL.
    public static func freshDatabase() throws -> String {
        guard let url, var components = URLComponents(string: url) else {
            throw TestPostgresError(message: missing)
        }
        let name = "mediawire_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try psql(url, "CREATE DATABASE \(name)")
        components.path = "/" + name
        return components.string ?? url
    }

    /// Drops a database made by ``freshDatabase()``.
    public static func drop(_ databaseURL: String) {
        guard let url, let name = URLComponents(string: databaseURL)?.path.dropFirst(), name.hasPrefix("mediawire_test_") else {
            return
        }
        try? psql(url, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// Runs one SQL command with `psql` against `url`.
    @discardableResult
    public static func psql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-qAt", "-d", url, "-c", sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestPostgresError(message: "psql \(sql): " + String(decoding: err, as: UTF8.self))
        }
        return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(message: String) { self.message = message }
}
