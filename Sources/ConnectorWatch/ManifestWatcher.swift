/// Watches the daemon's manifest paths and reports when what it would load has changed.
///
/// ## What is watched, and why directories
/// Directories, never single files. Editors save by writing a new file and renaming it over the
/// old one, and the kubelet updates a ConfigMap volume by renaming a `..data_tmp` symlink over
/// `..data`; a watch on a file's inode would see neither and go stale after the first save.
/// So for each path:
/// - a **directory** is watched with every non-hidden subdirectory, recursively (new
///   subdirectories are scanned and watched as soon as they appear), plus its parent for its
///   own name, so deleting and recreating the directory is seen;
/// - a **file** (such as the ConfigMap key `M/app.yaml`) is watched through its parent directory,
///   counting events on its own name and on `..data`, whose swap changes every key at once;
/// - a **missing** path is watched through its nearest existing ancestor until it appears.
///
/// Hidden names (editor swap files, `..data_tmp`, the kubelet's timestamped directories) do not
/// count, except `..data`.
///
/// ## Debounce and fingerprint
/// Raw events are gathered into a burst that ends once no event came for `debounce`, or
/// `maxDelay` after its first event. Then `fingerprint()` is called (the daemon hashes the files it
/// would load); only when the result differs from the last one seen is a ``ManifestChange``
/// yielded. A `touch`, a rewrite with identical bytes or an editor's swap file yield nothing.
///
/// ## Backends
/// inotify on Linux. Where inotify is unavailable, or its instance or watch limit is hit (at start
/// or later, when a new subdirectory cannot be watched), polling every `strategy.pollInterval`
/// takes over and a ``WatchNotice`` says so.
///
/// If a watched directory is deleted, that is a change (what the daemon would load is gone); the
/// watch on its parent sees it come back, and the new directory is watched like the old one.
///
/// ```swift
/// let watcher = ManifestWatcher(
///     paths: manifestPaths,
///     fingerprint: { digestOfManifestFiles(manifestPaths) },  // the daemon's hash of what it would load
///     report: { notice in logger.notice("\(notice)") })
/// for await change in watcher.changes(since: loadedDigest) {
///     await reconciler.reconcile(reason: "manifests changed: \(change.paths)")
/// }
/// ```
public struct ManifestWatcher: Sendable {
    /// The paths as given: files or directories, existing or not.
    public let paths: [String]
    /// How long the file system must stay quiet before the fingerprint is checked.
    public let debounce: Duration
    /// The longest wait after the first event of a burst, however long the burst goes on.
    public let maxDelay: Duration
    /// inotify or polling.
    public let strategy: WatchStrategy
    let fingerprint: @Sendable () -> String?
    let report: @Sendable (WatchNotice) -> Void
    /// Tests only: receives the thread and descriptors of each backend started.
    var inspect: (@Sendable (WatchResources) -> Void)?

    /// Creates a watcher; nothing is watched until ``changes()`` is iterated.
    /// - Parameters:
    ///   - paths: manifest files and directories; relative paths are resolved against the current directory now.
    ///   - debounce: quiet time that ends a burst of events.
    ///   - maxDelay: the longest a burst can postpone the check (at least `debounce`).
    ///   - strategy: `.automatic` (inotify, polling as fallback) or `.polling(every:)`.
    ///   - fingerprint: what the daemon would load, hashed; nil when it cannot be read. Called on
    ///     the consuming task after each burst, so it should be quick (hash a few files).
    ///   - report: receives ``WatchNotice``s (the backend in use, fallbacks, lost events) for logs.
    public init(
        paths: [String],
        debounce: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(1),
        strategy: WatchStrategy = .automatic,
        fingerprint: @escaping @Sendable () -> String?,
        report: @escaping @Sendable (WatchNotice) -> Void = { _ in }
    ) {
        self.paths = paths
        self.debounce = debounce
        self.maxDelay = maxDelay
        self.strategy = strategy
        self.fingerprint = fingerprint
        self.report = report
    }

    /// The changes from now on. Watching starts when the sequence's iterator is made (as a
    /// `for await` loop begins); the fingerprint at that moment is the baseline.
    ///
    /// Each iteration is an independent watch. Cancelling the consuming task, or leaving the
    /// loop, stops the watch's thread and closes its descriptors.
    public func changes() -> ManifestChanges {
        ManifestChanges(watcher: self, baseline: nil)
    }

    /// The changes relative to `fingerprint`, the state the daemon last loaded: if the files
    /// already differ when watching starts, the first element comes after one debounce.
    public func changes(since fingerprint: String?) -> ManifestChanges {
        ManifestChanges(watcher: self, baseline: .some(fingerprint))
    }

    /// The paths as watch targets.
    var targets: [WatchTarget] { paths.map { WatchTarget($0) } }
}
