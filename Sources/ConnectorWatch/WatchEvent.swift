/// One raw observation from a directory watcher, before debouncing.
///
/// Raw events only say that something under a watched path may have changed; whether the
/// manifests really changed is decided later by comparing fingerprints.
struct WatchEvent: Sendable, Equatable {
    /// What kind of observation this is.
    enum Kind: Sendable, Equatable {
        /// A name in a watched directory was written, created, removed or renamed.
        case changed
        /// The kernel dropped events (inotify queue overflow): anything may have changed.
        case overflow
        /// The backend can no longer watch (the inotify watch limit was hit); the session
        /// switches to polling. The text is safe to log.
        case backendFailed(String)
    }

    /// The path the observation is about, when known.
    var path: String?
    /// What was observed.
    var kind: Kind

    /// A change of `path`.
    static func changed(_ path: String) -> WatchEvent { WatchEvent(path: path, kind: .changed) }
}

/// Receives batches of raw events from a watcher's thread.
typealias WatchEventSink = @Sendable ([WatchEvent]) -> Void
