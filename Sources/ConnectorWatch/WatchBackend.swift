/// How file changes are being observed.
public enum WatchBackend: Sendable, Equatable, CustomStringConvertible {
    /// Linux inotify on directories: changes are seen as they happen.
    case inotify
    /// Re-reading file metadata every `interval`: used where inotify is unavailable, when its
    /// limits are hit, or when asked for.
    case polling(interval: Duration)

    /// `inotify`, or `polling every 2.0 seconds`.
    public var description: String {
        switch self {
        case .inotify: "inotify"
        case .polling(let interval): "polling every \(interval)"
        }
    }
}
