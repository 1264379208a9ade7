#if canImport(Glibc)
    import Glibc

    /// The watch descriptors of one inotify instance, by directory path, and what their events mean.
    ///
    /// Two paths can reach the same directory (through a symlink); inotify then returns the same
    /// watch descriptor for both, so a descriptor maps to a set of paths and is removed only when
    /// no path needs it any more.
    struct InotifyWatchTable {
        /// One watched directory.
        struct Entry: Equatable {
            var watch: Int32
            var stamp: FileStamp
            var interest: DirectoryInterest
        }

        /// What every directory watch asks for. `IN_ATTRIB` catches link-count and permission
        /// changes (symlink swaps); `IN_ONLYDIR` makes sure a path replaced by a file is not watched.
        static let mask = UInt32(
            IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_DELETE_SELF
                | IN_MOVE_SELF | IN_ATTRIB | IN_ONLYDIR)

        private(set) var entries: [String: Entry] = [:]
        private var pathsByWatch: [Int32: Set<String>] = [:]

        /// How many distinct inotify watches are held.
        var watchCount: Int { pathsByWatch.count }

        /// Makes the watches match `plan`: drops directories no longer planned or replaced by another
        /// inode at the same path, and adds the new ones. Directories that vanished in between are skipped.
        /// - Parameter limit: tests only: fail with ENOSPC beyond this many watches.
        /// - Throws: ``WatchSetupError`` with code `watchLimit` when the kernel's watch limit is hit.
        mutating func apply(_ plan: WatchPlan, descriptor: Int32, limit: Int?) throws(WatchSetupError) {
            for (path, entry) in entries {
                guard let wanted = plan.directories[path], Self.sameDirectory(wanted.stamp, entry.stamp) else {
                    detach(path, descriptor: descriptor)
                    continue
                }
                entries[path]?.interest = wanted.interest
            }
            for (path, wanted) in plan.directories.sorted(by: { $0.key < $1.key }) where entries[path] == nil {
                if let limit, watchCount >= limit {
                    errno = ENOSPC
                    throw .current(.watchLimit, "inotify_add_watch", path: path)
                }
                let watch = inotify_add_watch(descriptor, path, Self.mask)
                guard watch >= 0 else {
                    if errno == ENOSPC { throw .current(.watchLimit, "inotify_add_watch", path: path) }
                    continue  // ENOENT, ENOTDIR, EACCES: gone or replaced since planned; the next plan sees it
                }
                entries[path] = Entry(watch: watch, stamp: wanted.stamp, interest: wanted.interest)
                pathsByWatch[watch, default: []].insert(path)
            }
        }

        /// Interprets one event: the raw event it stands for (if it counts) and whether the plan
        /// must be computed again (a name appeared, vanished or moved; a watched directory went away).
        mutating func absorb(_ event: InotifyEvent) -> (event: WatchEvent?, structural: Bool) {
            if event.has(IN_Q_OVERFLOW) { return (WatchEvent(path: nil, kind: .overflow), true) }
            guard let paths = pathsByWatch[event.watch] else { return (nil, false) }
            if event.has(IN_IGNORED) {
                // The kernel removed the watch (directory deleted or unmounted).
                for path in paths { entries[path] = nil }
                pathsByWatch[event.watch] = nil
                return (nil, true)
            }
            let ordered = paths.sorted()
            if event.name.isEmpty {
                let structural = event.has(IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT)
                let counts = structural || ordered.contains { entries[$0]?.interest.everyVisibleName == true }
                return (counts ? ordered.first.map(WatchEvent.changed) : nil, structural)
            }
            guard let path = ordered.first(where: { entries[$0]?.interest.matches(event.name) == true }) else {
                return (nil, false)
            }
            let structural = event.has(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO)
            return (.changed(PathText.join(path, event.name)), structural)
        }

        private mutating func detach(_ path: String, descriptor: Int32) {
            guard let entry = entries.removeValue(forKey: path) else { return }
            pathsByWatch[entry.watch]?.remove(path)
            if pathsByWatch[entry.watch]?.isEmpty == true {
                pathsByWatch[entry.watch] = nil
                _ = inotify_rm_watch(descriptor, entry.watch)
            }
        }

        private static func sameDirectory(_ left: FileStamp, _ right: FileStamp) -> Bool {
            left.device == right.device && left.inode == right.inode
        }
    }
#endif
