#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a backend could not start or keep watching. The description names the operation,
/// the path and the system error, nothing else.
struct WatchSetupError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure; `watchLimit` and `unavailable` make the session fall back to polling.
    enum Code: Sendable, Equatable {
        /// `inotify_init1` failed (no inotify, or the per-user instance limit was hit).
        case unavailable
        /// `inotify_add_watch` failed with ENOSPC: `fs.inotify.max_user_watches` is exhausted.
        case watchLimit
        /// A thread or pipe could not be created.
        case resources
    }

    /// The kind of failure.
    var code: Code
    /// The call that failed, such as `inotify_init1`.
    var operation: String
    /// The path involved, if any.
    var path: String?
    /// The `errno` value.
    var errorNumber: Int32

    /// Captures the current `errno` for `operation`.
    static func current(_ code: Code, _ operation: String, path: String? = nil) -> WatchSetupError {
        WatchSetupError(code: code, operation: operation, path: path, errorNumber: errno)
    }

    /// For example `inotify_add_watch /etc/manifests: No space left on device (inotify watch limit reached; raise fs.inotify.max_user_watches)`.
    var description: String {
        var text = operation
        if let path { text += " \(path)" }
        text += ": " + String(cString: strerror(errorNumber))
        switch code {
        case .watchLimit: text += " (inotify watch limit reached; raise fs.inotify.max_user_watches)"
        case .unavailable where errorNumber == EMFILE:
            text += " (inotify instance limit reached; raise fs.inotify.max_user_instances)"
        default: break
        }
        return text
    }
}
