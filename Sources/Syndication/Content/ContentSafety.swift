import Dispatch
import Foundation

/// Applies ``HTMLCleaner`` to every HTML and XHTML text construct of a feed: titles, subtitles,
/// summaries, contents, rights.
public enum ContentSafety {
    public static func apply(to feed: inout Feed, sanitize: Bool = true, resolve: Bool = true) {
        guard sanitize || resolve else { return }
        let cleaner = TextCleaner(sanitize: sanitize, resolve: resolve)
        cleaner.clean(&feed.header.title)
        cleaner.clean(&feed.header.subtitle)
        cleaner.clean(&feed.header.rights)
        cleaner.clean(&feed.header.info)
        // Entries are independent: spread over the cores.
        Parallel.update(&feed.entries, minimumPerWorker: 32) { cleaner.clean(&$0) }
    }
}

/// Cleans entries on another core while the parser is still reading the document: give
/// ``observer`` to ``FeedParser/Options/entryObserver``, then call ``finish(_:)`` on the parsed feed.
/// The result is the same as ``ContentSafety/apply(to:sanitize:resolve:)``.
///
/// Shared unchecked: the parser's thread submits and the cleaning thread takes, and every
/// mutable property is read and written only while `lock` is held (the semaphores only wake).
public final class ContentPipeline: @unchecked Sendable {
    private let cleaner: TextCleaner
    private let lock = NSLock()
    /// Only the texts travel to the cleaner and back, not whole entries.
    private var queue: [(Int, EntryTexts)] = []
    private var head = 0
    /// By entry index.
    private var results: [(original: EntryTexts, cleaned: EntryTexts)?] = []
    private var started = false
    private var closed = false
    /// The worker is asleep, waiting for entries.
    private var waiting = false
    /// Signalled once per sleep of the worker: when a batch of entries is waiting, or the parse is over.
    private let available = DispatchSemaphore(value: 0)
    /// Entries that wake a sleeping worker: one wake-up per entry costs more than the waiting.
    private static let batch = 8
    private let workerDone = DispatchSemaphore(value: 0)

    public init(sanitize: Bool = true, resolve: Bool = true) {
        cleaner = TextCleaner(sanitize: sanitize, resolve: resolve)
    }

    /// For ``FeedParser/Options/entryObserver``.
    public var observer: @Sendable (Int, Entry) -> Void {
        { [self] index, entry in submit(index, entry) }
    }

    /// Whether a second core is there to clean on while the parser reads; with one, everything is
    /// cleaned in ``finish(_:)``.
    private static let worthAWorker = ProcessInfo.processInfo.activeProcessorCount > 1

    private func submit(_ index: Int, _ entry: Entry) {
        let texts = EntryTexts(entry)
        // Nothing to clean (plain-text titles only): no need to hand it over.
        guard texts.needsCleaning, ContentPipeline.worthAWorker else { return }
        lock.lock()
        queue.append((index, texts))
        let start = !started
        started = true
        let wake = waiting && queue.count - head >= ContentPipeline.batch
        if wake { waiting = false }
        lock.unlock()
        // One worker thread of its own for the whole parse. Not a dispatch queue: a pool busy with
        // the caller's own work may start it late, and finish() waits for it.
        if start {
            let worker = Thread { self.runWorker() }
            worker.qualityOfService = .userInitiated
            worker.start()
        }
        if wake { available.signal() }
    }

    private func runWorker() {
        while true {
            if cleanNext() { continue }
            lock.lock()
            if closed && head >= queue.count {
                lock.unlock()
                workerDone.signal()
                return
            }
            waiting = true
            lock.unlock()
            available.wait()
        }
    }

    /// Cleans the next queued entry; false when there is none.
    private func cleanNext() -> Bool {
        lock.lock()
        guard head < queue.count else {
            lock.unlock()
            return false
        }
        let (index, original) = queue[head]
        head += 1
        lock.unlock()
        var cleaned = original
        cleaner.clean(&cleaned)
        lock.lock()
        if results.count <= index { results.append(contentsOf: repeatElement(nil, count: index + 1 - results.count)) }
        results[index] = (original, cleaned)
        lock.unlock()
        return true
    }

    private func helpUntilEmpty() {
        while cleanNext() {}
    }

    /// Waits for (and helps with) the entries still queued, then puts the cleaned entries in place.
    /// An entry that changed after it was handed over is cleaned again here.
    public func finish(_ feed: inout Feed) {
        lock.lock()
        closed = true
        let hadWorker = started
        let wake = waiting
        waiting = false
        lock.unlock()
        if wake { available.signal() }
        if hadWorker {
            // Help with what is left, then wait for the entry the worker may still be on.
            helpUntilEmpty()
            workerDone.wait()
        }
        cleaner.clean(&feed.header.title)
        cleaner.clean(&feed.header.subtitle)
        cleaner.clean(&feed.header.rights)
        cleaner.clean(&feed.header.info)
        lock.lock()
        var done = results
        results = []
        // The originals are let go as soon as their cleaned copies are in place.
        queue = []
        head = 0
        lock.unlock()
        for i in feed.entries.indices {
            if i < done.count, let result = done[i], result.original == EntryTexts(feed.entries[i]) {
                result.cleaned.apply(to: &feed.entries[i])
                done[i] = nil
            } else {
                cleaner.clean(&feed.entries[i])
            }
        }
    }
}

private struct TextCleaner: Sendable {
    let sanitize: Bool
    let resolve: Bool

    func clean(_ entry: inout Entry) {
        var texts = EntryTexts(entry)
        clean(&texts)
        texts.apply(to: &entry)
    }

    func clean(_ texts: inout EntryTexts) {
        clean(&texts.title)
        clean(&texts.summary)
        clean(&texts.rights)
        for c in texts.content.indices { clean(&texts.content[c]) }
    }

    func clean(_ text: inout Text?) {
        guard var t = text else { return }
        clean(&t)
        text = t
    }

    func clean(_ t: inout Text) {
        switch t.kind {
        case .html, .xhtml:
            t.value = HTMLCleaner.clean(t.value, options: .init(sanitize: sanitize, base: resolve ? t.base : nil))
        default:
            break
        }
    }
}

/// The texts of an entry that cleaning reads and writes.
private struct EntryTexts: Equatable, Sendable {
    var title: Text?
    var summary: Text?
    var rights: Text?
    var content: [Text]

    init(_ entry: Entry) {
        title = entry.title
        summary = entry.summary
        rights = entry.rights
        content = entry.content
    }

    /// Whether any of the texts is HTML or XHTML.
    var needsCleaning: Bool {
        func markup(_ t: Text?) -> Bool { t.map { $0.kind == .html || $0.kind == .xhtml } ?? false }
        return markup(title) || markup(summary) || markup(rights) || content.contains { markup($0) }
    }

    func apply(to entry: inout Entry) {
        entry.title = title
        entry.summary = summary
        entry.rights = rights
        entry.content = content
    }
}
