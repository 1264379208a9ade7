/// The debounced changes of a ``ManifestWatcher``: one element per burst of file-system events
/// after which the fingerprint differs from the last one seen. It ends only when the consuming
/// task is cancelled, or when no backend at all could be started (reported as a ``WatchNotice``).
public struct ManifestChanges: AsyncSequence, Sendable {
    public typealias Element = ManifestChange
    public typealias Failure = Never

    let watcher: ManifestWatcher
    /// The fingerprint to compare the first burst with; nil: take it when watching starts.
    let baseline: String??

    /// Starts watching (the backend's thread and descriptors), then takes the baseline fingerprint.
    public func makeAsyncIterator() -> Iterator {
        let session = WatchSession(
            targets: watcher.targets, strategy: watcher.strategy, report: watcher.report, inspect: watcher.inspect)
        let last = baseline ?? watcher.fingerprint()
        if baseline != nil {
            // Compare with what the daemon loaded once, as if something had changed.
            session.inbox.record([WatchEvent(path: nil, kind: .changed)])
        }
        session.announce()
        return Iterator(session: session, watcher: watcher, last: last, wakeups: session.inbox.wakeups.makeAsyncIterator())
    }

    /// Waits for bursts, debounces them and compares fingerprints.
    public struct Iterator: AsyncIteratorProtocol {
        private var session: WatchSession?
        private let watcher: ManifestWatcher
        private var last: String?
        private var wakeups: AsyncStream<Void>.Iterator

        init(session: WatchSession, watcher: ManifestWatcher, last: String?, wakeups: AsyncStream<Void>.Iterator) {
            self.session = session
            self.watcher = watcher
            self.last = last
            self.wakeups = wakeups
        }

        /// The next change, or nil once the consuming task is cancelled.
        public mutating func next() async -> ManifestChange? {
            await next(isolation: nil)
        }

        /// The next change, or nil once the consuming task is cancelled.
        public mutating func next(isolation actor: isolated (any Actor)?) async -> ManifestChange? {
            guard let session else { return nil }
            let inbox = session.inbox
            while true {
                guard inbox.due(debounce: watcher.debounce, maxDelay: watcher.maxDelay) != nil else {
                    guard await wakeups.next(isolation: actor) != nil, !Task.isCancelled else { return end() }
                    continue
                }
                // More events move the due time, so sleep again until it has really passed.
                while let due = inbox.due(debounce: watcher.debounce, maxDelay: watcher.maxDelay), due > .now {
                    do {
                        try await Task.sleep(until: due, clock: .continuous)
                    } catch {
                        return end()
                    }
                }
                guard let burst = inbox.take() else { continue }
                if let failure = burst.backendFailure {
                    session.fallBackToPolling(reason: failure)
                } else if burst.eventsLost, let backend = session.backend {
                    session.notify(
                        WatchNotice(
                            kind: .eventsLost, backend: backend, detail: "the inotify event queue overflowed"))
                }
                let current = watcher.fingerprint()
                guard current != last else { continue }
                last = current
                return ManifestChange(
                    fingerprint: current, eventCount: burst.count, paths: burst.paths, eventsLost: burst.eventsLost)
            }
        }

        private mutating func end() -> ManifestChange? {
            session?.finish()
            session = nil
            return nil
        }
    }
}
