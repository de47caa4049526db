import Foundation
import HouseStyle
import Wire

/// What the wire commands share: the configuration, its store and its house style.
struct WireContext {
    var config: WireConfig
    var store: any WireStore
    var style: HouseStyle?

    /// Loads all three; throws the first error (naming the file).
    static func open(_ path: String) throws -> WireContext {
        let config = try ConfigLoader.load(contentsOf: path)
        let style = try config.style.map { path throws(StyleError) in try StyleLoader.load(contentsOf: path) }
        return WireContext(config: config, store: try openStore(config.store), style: style)
    }

    /// Each source's rules in the style file.
    var styleKeys: [String: String?] {
        Dictionary(config.sources.map { ($0.id, $0.style) }, uniquingKeysWith: { a, _ in a })
    }

    /// When the house style changed since the stored headlines were written, re-headlines them
    /// (before polling or generating, so the wire shows the style in force) and says so.
    func restyleStore(command: String) throws {
        guard let style else { return }
        let outcome = try store.restyle(with: style, styleKeys: styleKeys)
        if outcome.checked > 0 {
            printError("mediawire \(command): the house style changed: \(outcome.changes.count) of \(outcome.checked) stored headlines re-headlined")
        }
    }
}
