#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The metadata of everything a set of watch targets covers, for the polling backend.
///
/// Covers what ``WatchPlan`` watches: each target path itself and, for a directory target, every
/// visible name (and `..data`) below it, recursing into non-hidden subdirectories. Each entry keeps
/// its own metadata, the metadata of what a symlink leads to, and the link text, so a ConfigMap
/// swap (`..data` re-pointed, `app.yaml` now leading to another inode) is a difference.
struct TreeSnapshot: Sendable, Equatable {
    /// One entry.
    struct Entry: Sendable, Equatable {
        /// `lstat` of the entry.
        var own: FileStamp
        /// `stat` through a symlink, when the entry is one and its target exists.
        var resolved: FileStamp?
        /// The symlink text, when the entry is one.
        var linkText: String?
    }

    /// Entries by path; a missing path has no entry.
    private(set) var entries: [String: Entry] = [:]

    /// Reads the metadata for `targets` now.
    init(targets: [WatchTarget]) {
        for target in targets {
            record(target.path)
            if let stamp = FileStamp.following(target.path), stamp.isDirectory {
                walk(target.path, ancestors: [])
            }
        }
    }

    /// Paths whose entry appeared, vanished or differs, in order.
    func changedPaths(since previous: TreeSnapshot) -> [String] {
        let paths = Set(entries.keys).union(previous.entries.keys)
        return paths.filter { entries[$0] != previous.entries[$0] }.sorted()
    }

    private mutating func walk(_ path: String, ancestors: Set<String>) {
        guard let real = PathText.resolved(path), !ancestors.contains(real) else { return }
        for name in DirectoryListing.names(in: path) where !PathText.isHidden(name) {
            let child = PathText.join(path, name)
            record(child)
            if !name.hasPrefix("."), let stamp = FileStamp.following(child), stamp.isDirectory {
                walk(child, ancestors: ancestors.union([real]))
            }
        }
    }

    private mutating func record(_ path: String) {
        guard let own = FileStamp.link(path) else { return }
        if own.isSymlink {
            entries[path] = Entry(
                own: own, resolved: FileStamp.following(path).map(Self.ignoringDirectoryTimes),
                linkText: Self.linkText(path))
        } else {
            entries[path] = Entry(own: Self.ignoringDirectoryTimes(own), resolved: nil, linkText: nil)
        }
    }

    /// A directory's times and size change whenever any name in it changes, hidden ones too
    /// (an editor's swap file); its visible children are compared one by one instead.
    private static func ignoringDirectoryTimes(_ stamp: FileStamp) -> FileStamp {
        guard stamp.isDirectory else { return stamp }
        var identity = stamp
        identity.size = 0
        identity.modified = 0
        identity.changed = 0
        return identity
    }

    private static func linkText(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
