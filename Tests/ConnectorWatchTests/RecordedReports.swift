@testable import ConnectorWatch
import Synchronization

/// Notices reported by a watcher.
final class RecordedNotices: Sendable {
    private let list = Mutex<[WatchNotice]>([])
    func append(_ notice: WatchNotice) { list.withLock { $0.append(notice) } }

    /// Waits up to 5 s for the first notice.
    func waitForFirst() async -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if !list.withLock({ $0.isEmpty }) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

/// Resources reported by a watcher's `inspect` hook.
final class RecordedResources: Sendable {
    private let list = Mutex<[WatchResources]>([])
    func append(_ resources: WatchResources) { list.withLock { $0.append(resources) } }
    var all: [WatchResources] { list.withLock { $0 } }
}
