import Foundation
public import HouseStyle
import Syndication

/// An editor's headline for one report: it stands over every house-style rule, every later style
/// change and every re-poll, until an editor clears it.
public struct EditorHeadline: Sendable, Hashable {
    public var headline: String
    /// Who set it (`--editor NAME`, `$USER`, or the desk's signed-in editor).
    public var editor: String
    /// Seconds since 1970.
    public var at: Double
    /// The headline the wire showed before.
    public var previous: String
    /// When the agency changed the report after the editor set this headline (`nil`: it has not).
    public var agencyUpdatedAt: Double?
}

/// One step in a report's headline history: an editor set a headline, or cleared one.
public struct HeadlineEvent: Sendable, Hashable {
    public enum Action: String, Sendable { case set, clear }
    public var action: Action
    /// The editor's headline (for `clear`: the wire's headline after it, the house style's).
    public var headline: String
    public var previous: String
    public var editor: String
    public var at: Double
}

/// Why a stored report's headline reads as it does in the wire: the agency's headline (or the
/// sentence ours was derived from), each house-style rule that changed it, and the editor's
/// headline over them.
public struct HeadlineExplanation: Sendable {
    public var entry: StoredEntry
    /// What the house style started from: the agency's headline, or the report's first sentence.
    public var input: String
    public var derived: Bool
    /// What the style in force writes, with each rule's step.
    public var style: HouseStyle.Result
    /// The stored house-style headline was written by another style (the next run, poll or
    /// generate re-headlines it to `style.headline`).
    public var stale: Bool

    public init(entry: StoredEntry, style houseStyle: HouseStyle, source: String?) {
        self.entry = entry
        derived = entry.headlineIsDerived
        input = derived ? (entry.derivedHeadline ?? "") : entry.originalTitle
        style = houseStyle.restyle(input, source: source)
        stale = entry.styleFingerprint != houseStyle.fingerprint(source: source)
    }

    /// The explanation as lines for a terminal (times in UTC).
    public var lines: [String] {
        var out: [String] = []
        out.append(derived ? "agency:  (no headline) — ours is derived from the first sentence: \(input)" : "agency:  \(input)")
        if style.changes.isEmpty {
            out.append("style:   no rule changed it")
        } else {
            out.append(contentsOf: style.changes.map { "style:   \($0)" })
        }
        out.append("house:   \(entry.title)")
        if stale && style.headline != entry.title {
            out.append("         written under an earlier style; the next run re-headlines it: \(style.headline)")
        }
        if let editor = entry.editorHeadline {
            out.append("editor:  \(editor.headline)")
            out.append("         set by \(editor.editor) at \(RFC3339.format(editor.at)) over \"\(editor.previous)\"")
            if let updated = editor.agencyUpdatedAt {
                out.append("         agency updated the report since, at \(RFC3339.format(updated))")
            }
        }
        out.append("wire:    \(entry.wireHeadline)\(entry.editorHeadline == nil ? " (house style)" : " (editor)")")
        return out
    }
}

/// What made a report's headline read as it does, for the desk's filters.
public enum HeadlineKind: String, Sendable, CaseIterable {
    /// The house style changed the agency's headline.
    case style
    /// An editor's headline stands.
    case editor
    /// The wire shows the agency's headline as it came.
    case unchanged
    /// The agency gave none; ours comes from the report's first sentence.
    case derived
}
