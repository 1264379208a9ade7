/// A running backend that reports raw events for a set of watch targets until stopped.
///
/// Backends own one thread and a few file descriptors; `stop()` wakes the thread, waits for
/// it to exit and closes every descriptor, so nothing is left behind. It is idempotent.
protocol DirectoryWatcher: Sendable {
    /// Which backend this is.
    var backend: WatchBackend { get }
    /// How many directories (inotify) or entries (polling) are currently observed.
    var observedCount: Int { get }
    /// The thread and descriptors the backend holds, for leak checks in tests.
    var resources: WatchResources { get }
    /// Stops the thread and releases every descriptor. Safe to call more than once.
    func stop()
}

/// The operating-system resources a running backend holds.
struct WatchResources: Sendable, Equatable {
    /// Open file descriptors (inotify instance, wake-up pipe).
    var descriptors: [Int32]
    /// The kernel thread id of the backend's thread (Linux), or 0 where unknown.
    var threadID: Int32
}
