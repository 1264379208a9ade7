import NIOConcurrencyHelpers

/// One running watch: the backend in use, the inbox it feeds, and the switch to polling.
///
/// Created by ``ManifestChanges/makeAsyncIterator()`` and owned by the iterator: `finish()` runs
/// when the iterator ends (cancellation) or is dropped, stopping the backend's thread and closing
/// its descriptors.
final class WatchSession: Sendable {
    /// Where the backend's events go.
    let inbox = EventInbox()
    private let targets: [WatchTarget]
    private let strategy: WatchStrategy
    private let report: @Sendable (WatchNotice) -> Void
    private let inspect: (@Sendable (WatchResources) -> Void)?
    private let state = NIOLockedValueBox(State())

    private struct State {
        var watcher: (any DirectoryWatcher)?
        var finished = false
        /// Notices from the start, held until `announce()` (after the baseline fingerprint).
        var held: [WatchNotice]? = []
    }

    /// Starts the backend `strategy` asks for, falling back to polling when inotify cannot be used.
    /// Notices are held until `announce()`.
    init(
        targets: [WatchTarget], strategy: WatchStrategy, report: @escaping @Sendable (WatchNotice) -> Void,
        inspect: (@Sendable (WatchResources) -> Void)?
    ) {
        self.targets = targets
        self.strategy = strategy
        self.report = report
        self.inspect = inspect
        start()
    }

    /// Reports the notices held since the start; later notices are reported at once.
    func announce() {
        let held = state.withLockedValue { state in
            defer { state.held = nil }
            return state.held ?? []
        }
        held.forEach(report)
    }

    private func start() {
        guard strategy.prefersInotify else {
            startPolling(.watching, detail: "polling asked for; \(targetList)")
            return
        }
        #if canImport(Glibc)
            do {
                let watcher = try InotifyWatcher(
                    targets: targets, simulatedWatchLimit: strategy.simulatedWatchLimit, sink: inbox.record)
                install(
                    watcher,
                    WatchNotice(
                        kind: .watching, backend: .inotify,
                        detail: "\(watcher.observedCount) directories watched; \(targetList)"))
            } catch {
                startPolling(.fellBackToPolling, detail: error.description)
            }
        #else
            startPolling(.fellBackToPolling, detail: "inotify is not available on this platform")
        #endif
    }

    /// Stops the current backend and polls instead (the inotify watch limit was hit at runtime).
    func fallBackToPolling(reason: String) {
        let previous = state.withLockedValue { state -> (any DirectoryWatcher)? in
            defer { state.watcher = nil }
            return state.watcher
        }
        previous?.stop()
        startPolling(.fellBackToPolling, detail: reason)
    }

    /// Reports a notice, or holds it until `announce()`.
    func notify(_ notice: WatchNotice) {
        let reportNow = state.withLockedValue { state -> Bool in
            guard state.held != nil else { return true }
            state.held?.append(notice)
            return false
        }
        if reportNow { report(notice) }
    }

    /// The backend in use, if any.
    var backend: WatchBackend? { state.withLockedValue { $0.watcher?.backend } }

    private func startPolling(_ kind: WatchNotice.Kind, detail: String) {
        do {
            let watcher = try PollingWatcher(targets: targets, interval: strategy.pollInterval, sink: inbox.record)
            install(watcher, WatchNotice(kind: kind, backend: watcher.backend, detail: detail))
        } catch {
            notify(WatchNotice(kind: .failed, backend: .polling(interval: strategy.pollInterval), detail: error.description))
            inbox.close()
        }
    }

    private func install(_ watcher: any DirectoryWatcher, _ notice: WatchNotice) {
        let installed = state.withLockedValue { state -> Bool in
            guard !state.finished else { return false }
            state.watcher = watcher
            return true
        }
        guard installed else {
            watcher.stop()
            return
        }
        inspect?(watcher.resources)
        notify(notice)
    }

    private var targetList: String {
        "paths: " + targets.map(\.path).joined(separator: ", ")
    }

    /// Stops the backend and ends the wake-ups. Safe to call more than once.
    func finish() {
        let watcher = state.withLockedValue { state -> (any DirectoryWatcher)? in
            state.finished = true
            defer { state.watcher = nil }
            return state.watcher
        }
        watcher?.stop()
        inbox.close()
    }

    deinit { finish() }
}
