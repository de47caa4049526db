import ArgumentParser
import Foundation
import HouseStyle
import Wire

/// Writes a line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// What the wire commands share: the configuration, its store and its house style.
struct WireContext {
    var config: WireConfig
    var store: WireStore
    var style: HouseStyle?

    /// Loads all three, or reports what is wrong (naming the file) and exits: 2 for the
    /// configuration or style, 3 for the store.
    static func open(_ path: String, command: String) throws -> WireContext {
        let config = try loadConfig(path)
        var style: HouseStyle?
        if let stylePath = config.style {
            do {
                style = try StyleLoader.load(contentsOf: stylePath)
            } catch {
                printError("mediawire \(command): \(error.description)")
                throw ExitCode(2)
            }
        }
        do {
            let store = try WireStore(path: config.store)
            return WireContext(config: config, store: store, style: style)
        } catch {
            printError("mediawire \(command): store \(error.description)")
            throw ExitCode(3)
        }
    }

    /// Each source's rules in the style file.
    var styleKeys: [String: String?] {
        Dictionary(config.sources.map { ($0.id, $0.style) }, uniquingKeysWith: { a, _ in a })
    }

    /// When the house style changed since the stored headlines were written, re-headlines them
    /// (before polling or generating, so the wire shows the style in force); exits 3 if the store
    /// fails.
    func restyleStore(command: String) throws {
        guard let style else { return }
        do {
            let outcome = try store.restyle(with: style, styleKeys: styleKeys)
            if outcome.checked > 0 {
                printError("mediawire \(command): the house style changed: \(outcome.changes.count) of \(outcome.checked) stored headlines re-headlined")
            }
        } catch {
            printError("mediawire \(command): store \(error.description)")
            throw ExitCode(3)
        }
    }
}
