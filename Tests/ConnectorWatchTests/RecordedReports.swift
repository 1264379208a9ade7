import NIOConcurrencyHelpers

@testable import ConnectorWatch

/// Notices reported by a watcher.
final class RecordedNotices: Sendable {
    private let list = NIOLockedValueBox<[WatchNotice]>([])
    func append(_ notice: WatchNotice) { list.withLockedValue { $0.append(notice) } }

    /// Waits up to 30 s (the suite runs in parallel on two cores) for the first notice.
    func waitForFirst() async -> Bool {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            if !list.withLockedValue({ $0.isEmpty }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

/// Resources reported by a watcher's `inspect` hook.
final class RecordedResources: Sendable {
    private let list = NIOLockedValueBox<[WatchResources]>([])
    func append(_ resources: WatchResources) { list.withLockedValue { $0.append(resources) } }
    var all: [WatchResources] { list.withLockedValue { $0 } }
}
