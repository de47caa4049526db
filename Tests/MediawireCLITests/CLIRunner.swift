import Foundation

/// Runs the built `mediawire` binary, as a user would.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The products folder the test bundle was built into: the binary sits beside it.
    static var binary: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("mediawire")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/mediawire")
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Standard input is written and standard error read on threads of their own, so a
        // command that fills one pipe while the other is being waited on cannot deadlock.
        let group = DispatchGroup()
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async(group: group) {
            if let stdin { writer.write(stdin) }
            try? writer.close()
        }
        let errors = ErrorBuffer()
        let errorReader = err.fileHandleForReading
        DispatchQueue.global().async(group: group) { errors.data = errorReader.readDataToEndOfFile() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let e = errors.data
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
            stderr: String(decoding: e, as: UTF8.self))
    }

    /// Standard error as read by its own thread; read after that thread is done.
    private final class ErrorBuffer: @unchecked Sendable {
        var data = Data()
    }

    static func temporaryFile(_ contents: String, name: String = "feed.xml") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mediawire-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }
}
