import Foundation
import HouseStyle
import Logging
import Wire

/// What the service runs with: the configuration, style and store in force, and the feed as
/// last generated. Replaced whole on a reload; a broken new configuration or style never
/// replaces a working one.
struct Running: Sendable {
    var config: WireConfig
    var style: HouseStyle?
    var store: any WireStore
    var pages: Pages
    /// The configuration's and style's files as they were when loaded.
    var stamps: [String: FileStamp?]

    static func load(_ path: String) throws -> Running {
        let config = try ConfigLoader.load(contentsOf: path)
        let style = try config.style.map { path throws(StyleError) in try StyleLoader.load(contentsOf: path) }
        let store = try openStore(config.store)
        var stamps: [String: FileStamp?] = [config.file: FileStamp(config.file)]
        if let style = config.style { stamps[style] = FileStamp(style) }
        return Running(config: config, style: style, store: store, pages: try Pages(config: config), stamps: stamps)
    }

    /// Whether the configuration or the style file changed on disk since they were loaded.
    var filesChanged: Bool { stamps.contains { path, stamp in FileStamp(path) != stamp } }

    var styleKeys: [String: String?] { Dictionary(config.sources.map { ($0.id, $0.style) }, uniquingKeysWith: { a, _ in a }) }
}

/// The service's shared state: one actor, read by every request, written by the scheduler.
actor WireState {
    private(set) var running: Running
    private(set) var feed: FeedFile?
    /// Why the last generation failed (`nil`: it succeeded, or none ran yet).
    private(set) var generationError: String?
    /// Why the last reload was refused (the old configuration kept serving).
    private(set) var reloadError: String?
    private(set) var generations = 0

    init(_ running: Running) {
        self.running = running
    }

    func replace(_ new: Running) {
        running = new
        reloadError = nil
    }

    func refuseReload(_ why: String) { reloadError = why }

    func published(_ feed: FeedFile) {
        self.feed = feed
        generationError = nil
        generations += 1
    }

    func failed(_ why: String) { generationError = why }
}
