public import Foundation
public import Wire

/// The public pages as files (`mediawire generate --html DIR`): `index.html`, `style.css` and
/// `reports/ID.html` for the latest reports, linked to each other relatively, for any static
/// web server. Each file is written atomically.
public enum StaticPages {
    /// Writes the pages; returns how many report pages were written.
    public static func write(config: WireConfig, store: any WireStore, directory: String, now: Date = Date()) throws -> Int {
        let pages = try Pages(config: config)
        let entries = try store.latest(limit: config.output.limit)
        try FileManager.default.createDirectory(atPath: directory + "/reports", withIntermediateDirectories: true)
        let feed = URL(string: config.output.selfURL)?.lastPathComponent ?? "wire.atom"
        try save(pages.index(Array(entries.prefix(config.serve.pageSize)), now: now, links: .files(depth: 0, feed: feed)), directory + "/index.html")
        try save(Pages.stylesheet, directory + "/style.css")
        for entry in entries {
            try save(pages.report(entry, now: now, links: .files(depth: 1, feed: "../" + feed)), directory + "/reports/\(entry.sequence).html")
        }
        return entries.count
    }

    static func save(_ text: String, _ path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 {
            unlink(temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }
}
