public import Foundation

/// `../shared` beside the project: corpus, schema, suites. A test that needs it runs when it is
/// there, and always in CI (`CI` set), where its absence fails the test instead of skipping it.
public enum SharedMaterial {
    public static let root = FileManager.default.currentDirectoryPath + "/../shared"

    public static var inCI: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// The absolute path of `relative` inside `../shared`.
    public static func path(_ relative: String) -> String { root + "/" + relative }

    public static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// Whether a test that needs `relative` runs: when it is there, and in CI whether or not.
    public static func runs(needing relative: String) -> Bool { exists(relative) || inCI }
}
