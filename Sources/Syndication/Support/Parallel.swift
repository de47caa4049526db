import Dispatch
import Foundation

/// CPU-bound work spread over the machine's cores: the one helper for the synchronous code that
/// runs on several threads (restyling a batch, cleaning a feed's entries, writing its JSON).
/// Each worker writes only its own slots; results are read after every worker is done.
package enum Parallel {
    package static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// `transform` of every element, in order, computed in contiguous slices on up to `cores`
    /// threads, each with at least `minimumPerWorker` elements (fewer: on this thread alone).
    package static func map<T: Sendable, R: Sendable>(
        _ items: [T], minimumPerWorker: Int,
        _ transform: @Sendable (T) -> R
    ) -> [R] {
        let count = items.count
        let workers = min(cores, max(1, count / max(1, minimumPerWorker)))
        guard workers > 1 else { return items.map(transform) }
        let slots = Slots<R>(count: count)
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in (count * w / workers)..<(count * (w + 1) / workers) { slots.initialize(i, to: transform(items[i])) }
        }
        return slots.take()
    }

    /// Changes every element in place, in slices as ``map(_:minimumPerWorker:_:)`` cuts them. The
    /// elements are moved out of the array for the work, not copied.
    package static func update<T: Sendable>(
        _ items: inout [T], minimumPerWorker: Int,
        _ body: @Sendable (inout T) -> Void
    ) {
        let count = items.count
        let workers = min(cores, max(1, count / max(1, minimumPerWorker)))
        guard workers > 1 else {
            for i in items.indices { body(&items[i]) }
            return
        }
        let slots = Slots<T>(count: count)
        for (i, item) in items.enumerated() { slots.initialize(i, to: item) }
        items.removeAll()
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in (count * w / workers)..<(count * (w + 1) / workers) { slots.update(i, body) }
        }
        items = slots.take()
    }

    /// Runs `here` on this thread while `alongside` runs on a thread of its own, and returns both
    /// results. A thread of its own, not a queue's: a busy pool cannot make this wait, and `here`
    /// may use what is not `Sendable` (a caller's sink).
    package static func both<A, B: Sendable>(_ here: () -> A, alongside: @escaping @Sendable () -> B) -> (A, B) {
        let slot = Slots<B>(count: 1)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            slot.initialize(0, to: alongside())
            done.signal()
        }
        thread.start()
        let a = here()
        done.wait()
        return (a, slot.take()[0])
    }
}

/// Storage for `count` values, each slot written by exactly one thread and all read by one
/// thread after the writers are done (after `concurrentPerform` returns, or a semaphore's
/// wait): no two threads touch one slot at once, which is why it may be shared unchecked.
private final class Slots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T>
    private let count: Int

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
    }

    func initialize(_ i: Int, to value: T) { (base + i).initialize(to: value) }

    func update(_ i: Int, _ body: (inout T) -> Void) { body(&base[i]) }

    /// Moves every value out; call once, after every slot was initialized.
    func take() -> [T] {
        let values = Array(UnsafeBufferPointer(start: base, count: count))
        base.deinitialize(count: count)
        return values
    }

    deinit { base.deallocate() }
}
