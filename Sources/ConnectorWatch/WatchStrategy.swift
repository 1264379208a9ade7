/// Which backend a ``ManifestWatcher`` should use.
public struct WatchStrategy: Sendable, Equatable {
    /// Whether inotify is tried first (it is only available on Linux).
    public var prefersInotify: Bool
    /// The polling interval, used when polling is asked for or as the fallback.
    public var pollInterval: Duration
    /// Tests only: pretend the inotify watch limit (ENOSPC) is hit after this many watches.
    var simulatedWatchLimit: Int?

    /// inotify where available, polling every 2 seconds otherwise.
    public static let automatic = WatchStrategy(prefersInotify: true, pollInterval: .seconds(2))

    /// inotify where available, polling every `fallbackInterval` otherwise.
    public static func automatic(fallbackInterval: Duration) -> WatchStrategy {
        WatchStrategy(prefersInotify: true, pollInterval: fallbackInterval)
    }

    /// Polling only, every `interval` (for file systems without inotify support, such as some
    /// network mounts).
    public static func polling(every interval: Duration) -> WatchStrategy {
        WatchStrategy(prefersInotify: false, pollInterval: interval)
    }
}
