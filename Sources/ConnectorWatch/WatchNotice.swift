/// Something about the watcher itself that the daemon should log: which backend is in use,
/// a fallback to polling, lost events. The description never contains file contents.
public struct WatchNotice: Sendable, Equatable, CustomStringConvertible {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// Watching started (or restarted after a fallback) with ``WatchNotice/backend``.
        case watching
        /// inotify could not be used (unavailable, instance or watch limit hit); polling instead.
        case fellBackToPolling
        /// The kernel dropped events; the next change is a full re-check.
        case eventsLost
        /// Watching stopped for good (no backend could start); the daemon should rely on its
        /// periodic reconcile.
        case failed
    }

    /// What happened.
    public var kind: Kind
    /// The backend in use after this notice.
    public var backend: WatchBackend
    /// A short explanation, safe to log (paths and error texts only).
    public var detail: String

    /// Creates a notice.
    public init(kind: Kind, backend: WatchBackend, detail: String) {
        self.kind = kind
        self.backend = backend
        self.detail = detail
    }

    /// For example `manifest watcher: polling every 2.0 seconds (fell back: inotify watch limit reached ...)`.
    public var description: String {
        switch kind {
        case .watching: "manifest watcher: \(backend): \(detail)"
        case .fellBackToPolling: "manifest watcher: \(backend) (fell back: \(detail))"
        case .eventsLost: "manifest watcher: events lost, re-checking everything: \(detail)"
        case .failed: "manifest watcher stopped: \(detail)"
        }
    }
}
