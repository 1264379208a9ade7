import NIOConcurrencyHelpers

@testable import ConnectorWatch

/// Runs a ``ManifestWatcher`` in a task, the way the daemon does, and records what it yields,
/// the notices it reports and the resources its backends hold.
final class WatchProbe: Sendable {
    /// What the probe saw.
    struct Recorded: Sendable {
        var changes: [ManifestChange] = []
        var notices: [WatchNotice] = []
        var resources: [WatchResources] = []
    }

    let debounce: Duration
    private let recorded = NIOLockedValueBox(Recorded())
    private let consumer = NIOLockedValueBox<Task<Void, Never>?>(nil)

    private init(debounce: Duration) {
        self.debounce = debounce
    }

    /// Starts watching `paths` and returns once the watcher has its baseline.
    /// - Throws: ``ProbeTimeout`` when no start notice arrives within 5 seconds.
    static func start(
        _ paths: [String], debounce: Duration = .milliseconds(200), maxDelay: Duration = .seconds(1),
        strategy: WatchStrategy = .automatic, fingerprint: (@Sendable () -> String?)? = nil
    ) async throws -> WatchProbe {
        let probe = WatchProbe(debounce: debounce)
        var watcher = ManifestWatcher(
            paths: paths, debounce: debounce, maxDelay: maxDelay, strategy: strategy,
            fingerprint: fingerprint ?? TestFingerprint.closure(paths),
            report: { notice in probe.recorded.withLockedValue { $0.notices.append(notice) } })
        watcher.inspect = { resources in probe.recorded.withLockedValue { $0.resources.append(resources) } }
        let configured = watcher
        let task = Task {
            for await change in configured.changes() {
                probe.recorded.withLockedValue { $0.changes.append(change) }
            }
        }
        probe.consumer.withLockedValue { $0 = task }
        guard await probe.wait(until: { !$0.notices.isEmpty }) else { throw ProbeTimeout(what: "start notice") }
        return probe
    }

    /// A copy of what was recorded so far.
    var seen: Recorded { recorded.withLockedValue { $0 } }

    /// The changes so far.
    var changes: [ManifestChange] { seen.changes }

    /// Waits up to `timeout` for `condition` on the recorded state; true if it held.
    func wait(timeout: Duration = .seconds(30), until condition: (Recorded) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if recorded.withLockedValue({ condition($0) }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return recorded.withLockedValue { condition($0) }
    }

    /// Waits (up to 30 s: the suite runs in parallel on two cores) for a change whose fingerprint is `fingerprint`.
    func waitForChange(to fingerprint: String?) async -> Bool {
        await wait { $0.changes.last?.fingerprint == fingerprint }
    }

    /// Waits for 3 debounce periods plus `extra` and returns the changes then.
    func settle(extra: Duration = .zero) async -> [ManifestChange] {
        try? await Task.sleep(for: debounce * 3 + extra)
        return changes
    }

    /// Cancels the consuming task and waits for it to end.
    func stop() async {
        let task = consumer.withLockedValue { $0 }
        task?.cancel()
        await task?.value
    }
}

/// A probe waited in vain.
struct ProbeTimeout: Error, CustomStringConvertible {
    var what: String
    var description: String { "timed out waiting for \(what)" }
}
