import Foundation
import Syndication

/// What both backends decide the same way, whatever their SQL: whether a source may be claimed,
/// and how a report the agency changed is stored again.
enum StoreRules {
    /// What a claim does with a source's stored row.
    enum ClaimStep {
        case busy
        case notDue(SourceState)
        /// Take it: write this state (its lease set) with this process as the lease's owner.
        case take(SourceState)
    }

    /// The claim of source `id` whose stored state is `stored` (`nil`: none yet), held by `owner`.
    static func claim(
        stored: SourceState?, owner: String?, id: String, url: String, now: Double, until: Double, force: Bool
    ) -> ClaimStep {
        guard var state = stored else {
            var fresh = SourceState(id: id, url: url)
            fresh.leaseUntil = until
            return .take(fresh)
        }
        // Held, unless the holder was a process on this machine that is gone (killed): its lease
        // need not be waited out.
        if let lease = state.leaseUntil, lease > now, !LeaseOwner.isGone(owner) { return .busy }
        if state.configuredURL != url {
            let feed = state.feed
            state = SourceState(id: id, url: url)
            state.feed = feed
        } else if !force, let next = state.nextCheck, next > now {
            return .notDue(state)
        }
        state.leaseUntil = until
        return .take(state)
    }

    /// A stored report's last-seen time is refreshed at most this often, so re-reading a feed
    /// stays cheap.
    static let lastSeenRefresh = 86_400.0

    /// The report as stored again after the agency changed it: its id, first-seen and published
    /// times are kept; its updated time moves, to the agency's if it gave a new one.
    static func changed(_ entry: StoredEntry, atomID: String, firstSeen: Double, old: EntryMeta, now: Double) -> StoredEntry {
        var entry = entry
        entry.atomID = atomID
        entry.firstSeen = firstSeen
        entry.lastSeen = now
        if let published = old.published { entry.published = published }
        if entry.updated == nil || entry.updated == old.updated {
            entry.updated = StoredDate(text: RFC3339.format(now), instant: now)
        }
        entry.sortTime = entry.wireUpdated.instant
        return entry
    }

    /// The part of a report kept in the `meta` column: everything but the big text values.
    static func meta(_ e: StoredEntry) -> EntryMeta {
        var meta = EntryMeta()
        meta.title = e.originalTitleText
        meta.links = e.links
        meta.published = e.published
        meta.updated = e.updated
        meta.authors = e.authors
        meta.contributors = e.contributors
        meta.categories = e.categories
        meta.rights = e.rights
        meta.summary = e.summary.map {
            var t = $0; t.value = ""; return t
        }
        meta.content = e.content.map {
            var t = $0; t.value = ""; return t
        }
        meta.language = e.language
        return meta
    }

    /// A report from its columns.
    static func entry(
        sourceID: String, key: String, atomID: String, originalTitle: String, title: String, link: String?,
        summary summaryValue: String?, content contentValue: String?, meta: EntryMeta, firstSeen: Double, lastSeen: Double,
        sortTime: Double, contentHash: String, style: String, sequence: Int64?, editor: EditorHeadline?
    ) -> StoredEntry {
        var summary = meta.summary
        if let summaryValue { summary?.value = summaryValue }
        var content = meta.content
        if let contentValue { content?.value = contentValue }
        var entry = StoredEntry(
            sourceID: sourceID, key: key, atomID: atomID, originalTitle: originalTitle,
            originalTitleText: meta.title, title: title, link: link, links: meta.links,
            published: meta.published, updated: meta.updated, authors: meta.authors,
            contributors: meta.contributors, categories: meta.categories, rights: meta.rights,
            summary: summary, content: content, language: meta.language, firstSeen: firstSeen,
            lastSeen: lastSeen, sortTime: sortTime, contentHash: contentHash, styleFingerprint: style)
        entry.editorHeadline = editor
        if let sequence { entry.sequence = sequence }
        return entry
    }

    /// The agency feed's metadata as stored in the source row (JSON).
    static func feedJSON(_ feed: SourceFeedInfo?) throws -> String? {
        try feed.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
    }

    static func feed(fromJSON json: String?) throws -> SourceFeedInfo? {
        try json.map { try JSONDecoder().decode(SourceFeedInfo.self, from: Data($0.utf8)) }
    }

    /// Reports with their editor's headline, if any: every read of reports starts here (the same
    /// SQL on both backends).
    static let selectEntries = """
        SELECT entry.*, override.headline AS editorHeadline, override.editor AS editorName, override.at AS editorAt,
            override.previous AS editorPrevious, override.agencyUpdatedAt AS agencyUpdatedAt
        FROM entry LEFT JOIN override ON override.sourceID = entry.sourceID AND override.key = entry.key
        """

    /// Every report's house-style headline with its style's fingerprint, for re-headlining.
    static let selectStyledHeadlines = """
        SELECT entry.seq, entry.sourceID, entry.key, entry.atomID, entry.originalTitle, entry.title, entry.style,
            override.headline IS NOT NULL AS edited
        FROM entry LEFT JOIN override ON override.sourceID = entry.sourceID AND override.key = entry.key
        ORDER BY entry.seq
        """

    /// The `LIKE` pattern that finds `search` anywhere (`\` escapes).
    static func containsPattern(_ search: String) -> String {
        "%"
            + search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
    }

    /// The SQL condition for a kind of headline (both backends' SQL agrees here).
    static func condition(_ kind: HeadlineKind) -> String {
        switch kind {
        case .editor: "override.headline IS NOT NULL"
        case .derived: "override.headline IS NULL AND trim(entry.originalTitle) = ''"
        case .style: "override.headline IS NULL AND trim(entry.originalTitle) <> '' AND entry.title <> entry.originalTitle"
        case .unchanged: "override.headline IS NULL AND entry.title = entry.originalTitle"
        }
    }
}
