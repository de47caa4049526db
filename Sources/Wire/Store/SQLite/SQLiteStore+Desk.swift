import Foundation
import GRDB

extension SQLiteStore {
    /// When each source's newest report was first seen (for the desk's "quiet" badge).
    public func lastNewReport() throws(StoreError) -> [String: Double] {
        try read { db in
            var out: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT sourceID, max(firstSeen) AS seen FROM entry GROUP BY sourceID") {
                out[row["sourceID"]] = row["seen"]
            }
            return out
        }
    }

    /// Makes a source due now (the desk's "poll now"); `false` when the store has no such source.
    @discardableResult
    public func makeDue(_ sourceID: String, now: Double) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(sql: "UPDATE source SET nextCheck = ? WHERE id = ?", arguments: [now, sourceID])
            return db.changesCount > 0
        }
    }

    /// Polls a disabled source again (the desk's "re-enable"): its errors forgotten, due now.
    @discardableResult
    public func enable(_ sourceID: String, now: Double) throws(StoreError) -> Bool {
        try write { db in
            try db.execute(
                sql: "UPDATE source SET disabled = NULL, errorCount = 0, lastError = NULL, nextCheck = ? WHERE id = ?",
                arguments: [now, sourceID])
            return db.changesCount > 0
        }
    }
}
