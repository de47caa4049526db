import ArgumentParser
import Foundation
import HummingbirdBcrypt
import Wire

struct EditorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "editors",
        abstract: "The editors who may sign in to the desk.",
        subcommands: [Add.self, List.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an editor, or set a new password: the bcrypt hash goes into the configuration's editors: list.",
            discussion: "The password is asked for on a terminal (not echoed), else read from the first line of standard input."
        )

        @Option(help: "The wire configuration.")
        var config: String = "feeds/wire.yaml"

        @Argument(help: "The editor's name (letters, digits, '.', '_', '-').")
        var name: String

        func validate() throws {
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "._-"))
            if name.isEmpty || name.unicodeScalars.contains(where: { !allowed.contains($0) }) {
                throw ValidationError("an editor's name is letters, digits, '.', '_' and '-'")
            }
        }

        func run() throws {
            _ = try ConfigLoader.load(contentsOf: config)
            let password = try Self.readPassword()
            guard password.count >= 8 else { throw UsageError(description: "the password must have at least 8 characters") }
            let hash = Bcrypt.hash(password, cost: 12)
            let text = try String(contentsOfFile: config, encoding: .utf8)
            let updated = EditorsFile.setting(name: name, hash: hash, in: text)
            let temporary = config + ".tmp-\(getpid())"
            try updated.write(toFile: temporary, atomically: false, encoding: .utf8)
            // The new file must load before it replaces the old one.
            do {
                _ = try ConfigLoader.load(contentsOf: temporary)
            } catch {
                unlink(temporary)
                throw error
            }
            guard rename(temporary, config) == 0 else { throw UsageError(description: "\(config): cannot write") }
            printError("mediawire editors add: \(name) can sign in to the desk (\(config))")
        }

        static func readPassword() throws -> String {
            if isatty(STDIN_FILENO) == 1 {
                guard let first = getpass("Password: ").map({ String(cString: $0) }),
                    let second = getpass("Again: ").map({ String(cString: $0) })
                else { throw UsageError(description: "no password given") }
                guard first == second else { throw UsageError(description: "the two passwords differ") }
                return first
            }
            guard let line = Swift.readLine(strippingNewline: true) else { throw UsageError(description: "no password on standard input") }
            return line
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The editors of the configuration.")

        @Option(help: "The wire configuration.")
        var config: String = "feeds/wire.yaml"

        func run() throws {
            for editor in try ConfigLoader.load(contentsOf: config).editors { print(editor.name) }
        }
    }
}

/// Edits the `editors:` list of a configuration as text, keeping everything else (comments too).
enum EditorsFile {
    static func setting(name: String, hash: String, in text: String) -> String {
        let entry = "  - {name: \(name), password: \"\(hash)\"}"
        var lines = text.components(separatedBy: "\n")
        if let start = lines.firstIndex(where: { $0.hasPrefix("editors:") }) {
            var end = start + 1
            while end < lines.count, lines[end].hasPrefix(" ") || lines[end].isEmpty { end += 1 }
            if let existing = (start + 1..<end).first(where: { lines[$0].contains("name: \(name),") || lines[$0].contains("name: \(name)}") }) {
                lines[existing] = entry
            } else {
                lines.insert(entry, at: start + 1)
            }
            return lines.joined(separator: "\n")
        }
        var out = text
        if !out.hasSuffix("\n") { out += "\n" }
        return out + "editors:\n" + entry + "\n"
    }
}
