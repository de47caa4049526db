import Foundation
import WireDesk

/// The desk's view of the running service: what is in force, and ways to make the loop act now.
struct ServiceDeskHost: DeskHost {
    let state: WireState
    let wakeups: Wakeups

    func current() async -> DeskContext {
        let running = await state.running
        return DeskContext(config: running.config, store: running.store, style: running.style)
    }

    /// Regenerates now, and returns once the new wire is published (at most 10 s), so the editor's
    /// next look at the feed or the public page shows the change.
    func storeChanged() async {
        let before = await state.generations
        await wakeups.markDirty()
        await waitForGeneration(after: before)
    }

    func styleChanged() async {
        let before = await state.generations
        await wakeups.requestReload()
        await waitForGeneration(after: before)
    }

    func pollSoon() async { await wakeups.nudge() }

    private func waitForGeneration(after count: Int) async {
        for _ in 0..<200 {
            if await state.generations > count { return }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
    }
}
