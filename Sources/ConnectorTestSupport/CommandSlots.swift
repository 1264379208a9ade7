import Foundation

/// Bounds how many commands ``CommandRunner/run(_:in:environment:standardInput:prefix:)`` runs at once across the
/// whole test process: one per core.
///
/// The suite runs its tests in parallel; without a bound, every end-to-end test would start its binary at once and
/// the tests that measure time (pacing, debounce, retry windows) would share two cores with dozens of processes.
/// Waiting for a slot suspends the task; it never blocks a thread of the cooperative pool.
actor CommandSlots {
    /// The process-wide slots.
    static let shared = CommandSlots(count: ProcessInfo.processInfo.activeProcessorCount)

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) {
        free = max(1, count)
    }

    /// Runs `body` in a slot, waiting for one first.
    func withSlot<Result: Sendable>(_ body: @Sendable () async throws -> Result) async rethrows -> Result {
        await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async {
        if free > 0 {
            free -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            free += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
