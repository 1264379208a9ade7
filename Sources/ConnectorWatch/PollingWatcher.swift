import NIOConcurrencyHelpers

/// Re-reads the metadata of the watch targets every `interval` and reports what differs.
///
/// The fallback where inotify is unavailable (non-Linux systems), when the inotify limits are
/// hit, or when asked for. Like ``InotifyWatcher`` it runs on one thread, blocked in `poll()` on a
/// wake-up pipe between rounds, so `stop()` ends it at once and nothing is left behind.
final class PollingWatcher: DirectoryWatcher {
    let backend: WatchBackend
    private let wake: WakePipe
    private let thread: WatcherThread
    private let entryCount: ObservedCount
    private let stopped = NIOLockedValueBox(false)

    /// Takes the first snapshot and starts polling.
    /// - Throws: ``WatchSetupError`` (`resources`) when no pipe or thread can be created.
    init(targets: [WatchTarget], interval: Duration, sink: @escaping WatchEventSink) throws(WatchSetupError) {
        let wake = try WakePipe()
        let first = TreeSnapshot(targets: targets)
        let counter = ObservedCount()
        counter.set(first.entries.count)
        do {
            thread = try WatcherThread(name: "manifest-poll") {
                var previous = first
                while !wake.wait(timeout: interval) {
                    let current = TreeSnapshot(targets: targets)
                    counter.set(current.entries.count)
                    let changed = current.changedPaths(since: previous)
                    if !changed.isEmpty { sink(changed.map(WatchEvent.changed)) }
                    previous = current
                }
            }
        } catch {
            wake.close()
            throw error
        }
        self.wake = wake
        self.entryCount = counter
        self.backend = .polling(interval: interval)
    }

    var observedCount: Int { entryCount.current }

    var resources: WatchResources {
        WatchResources(descriptors: [wake.readDescriptor, wake.writeDescriptor], threadID: thread.threadID)
    }

    func stop() {
        let first = stopped.withLockedValue { value in
            defer { value = true }
            return !value
        }
        guard first else { return }
        wake.signal()
        thread.join()
        wake.close()
    }

    deinit { stop() }
}
