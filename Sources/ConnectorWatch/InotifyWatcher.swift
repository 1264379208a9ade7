#if canImport(Glibc)
    import Glibc
    import NIOConcurrencyHelpers

    /// Watches directories with Linux inotify: a small wrapper over Glibc.
    ///
    /// `init` opens the instance (`inotify_init1(IN_CLOEXEC | IN_NONBLOCK)`), adds the watches of a
    /// ``WatchPlan`` and starts one thread that blocks in `poll()` on the inotify descriptor and a
    /// wake-up pipe. The thread reads events, keeps the watches in step with the plan (new
    /// subdirectories are scanned and watched at once; watches of deleted directories are dropped)
    /// and hands the events that count to the sink. `stop()` signals the pipe, joins the thread and
    /// closes both descriptors.
    ///
    /// When the watch limit is hit at runtime, the sink receives a `backendFailed` event and the
    /// thread ends; the session then falls back to polling.
    final class InotifyWatcher: DirectoryWatcher {
        let backend = WatchBackend.inotify
        private let loop: InotifyLoop
        private let thread: WatcherThread
        private let stopped = NIOLockedValueBox(false)

        /// Opens inotify, watches the plan for `targets` and starts the reading thread.
        /// - Throws: ``WatchSetupError``: `unavailable` (no inotify or instance limit), `watchLimit`
        ///   (ENOSPC), `resources` (no thread or pipe). Nothing is left open when it throws.
        init(targets: [WatchTarget], simulatedWatchLimit: Int? = nil, sink: @escaping WatchEventSink) throws(WatchSetupError) {
            let loop = try InotifyLoop(targets: targets, limit: simulatedWatchLimit, sink: sink)
            do {
                thread = try WatcherThread(name: "manifest-watch") { loop.run() }
            } catch {
                loop.close()
                throw error
            }
            self.loop = loop
        }

        var observedCount: Int { loop.watchCount.current }

        var resources: WatchResources {
            WatchResources(
                descriptors: [loop.descriptor, loop.wake.readDescriptor, loop.wake.writeDescriptor],
                threadID: thread.threadID)
        }

        func stop() {
            let first = stopped.withLockedValue { value in
                defer { value = true }
                return !value
            }
            guard first else { return }
            loop.wake.signal()
            thread.join()
            loop.close()
        }

        deinit { stop() }
    }

    /// The state of the reading thread. After `init` (on the caller's thread, before the reading
    /// thread starts) only the reading thread touches `table`; `close()` runs after it was joined.
    private final class InotifyLoop: @unchecked Sendable {
        let descriptor: Int32
        let wake: WakePipe
        let watchCount = ObservedCount()
        private let targets: [WatchTarget]
        private let limit: Int?
        private let sink: WatchEventSink
        private var table = InotifyWatchTable()

        init(targets: [WatchTarget], limit: Int?, sink: @escaping WatchEventSink) throws(WatchSetupError) {
            descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            guard descriptor >= 0 else { throw .current(.unavailable, "inotify_init1") }
            self.targets = targets
            self.limit = limit
            self.sink = sink
            do {
                wake = try WakePipe()
            } catch {
                _ = systemClose(descriptor)
                throw error
            }
            do {
                try replan()
            } catch {
                close()
                throw error
            }
        }

        /// Blocks in `poll()` until woken by `stop()`, handling events as they arrive.
        func run() {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)
            defer { buffer.deallocate() }
            var polled = [
                pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: wake.readDescriptor, events: Int16(POLLIN), revents: 0),
            ]
            while true {
                for index in polled.indices { polled[index].revents = 0 }
                let ready = poll(&polled, nfds_t(polled.count), -1)
                if ready < 0 {
                    if errno == EINTR { continue }
                    return fail(.current(.resources, "poll"), pending: [])
                }
                if polled[1].revents != 0 { return }
                if polled[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                    return fail(.current(.resources, "poll inotify"), pending: [])
                }
                guard drain(buffer) else { return }
            }
        }

        /// Reads every queued event and reports the ones that count; false when the thread must end.
        private func drain(_ buffer: UnsafeMutableRawBufferPointer) -> Bool {
            var events: [WatchEvent] = []
            var structural = false
            while true {
                let count = read(descriptor, buffer.baseAddress, buffer.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    if errno == EAGAIN || errno == EWOULDBLOCK { break }
                    fail(.current(.resources, "read inotify"), pending: events)
                    return false
                }
                if count == 0 { break }
                for event in InotifyEvent.parse(UnsafeRawBufferPointer(rebasing: buffer[..<count])) {
                    let meaning = table.absorb(event)
                    if let raw = meaning.event { events.append(raw) }
                    structural = structural || meaning.structural
                }
            }
            if structural {
                do {
                    try replan()
                } catch {
                    fail(error, pending: events)
                    return false
                }
            }
            if !events.isEmpty { sink(events) }
            return true
        }

        /// Watches what the targets need now. A directory created between planning and the watch on its parent going
        /// in reports nothing (its creation came before the watch), so the plan is made again once the watches are in
        /// place, until it holds still: from then on every change reports.
        private func replan() throws(WatchSetupError) {
            defer { watchCount.set(table.watchCount) }
            var plan = WatchPlan(targets: targets)
            for _ in 0..<8 {
                try table.apply(plan, descriptor: descriptor, limit: limit)
                let again = WatchPlan(targets: targets)
                if again.watchesSame(as: plan) { return }
                plan = again
            }
            // Still moving after eight rounds (a tree being created as fast as it is watched): watch the latest plan.
            try table.apply(plan, descriptor: descriptor, limit: limit)
        }

        private func fail(_ error: WatchSetupError, pending: [WatchEvent]) {
            sink(pending + [WatchEvent(path: nil, kind: .backendFailed(error.description))])
        }

        /// Closes the inotify instance (which drops every watch) and the wake-up pipe.
        func close() {
            _ = systemClose(descriptor)
            wake.close()
        }
    }
#endif
