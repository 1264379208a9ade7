/// The directories to watch for a set of targets, and which names matter in each.
///
/// Directories, not files, are watched: editors and the kubelet replace a file by renaming
/// another over it, so a watch on the file's inode would go stale after the first save.
///
/// - A directory target: the directory and every non-hidden subdirectory, recursively
///   (symlinked subdirectories too, as the manifest loader follows them; a link back to an
///   ancestor is not followed), every visible name counting. Its parent is also watched for
///   its own name, so that deleting, recreating or swapping the directory is seen.
/// - A file target: its parent directory, for its own name and for `..data` (a ConfigMap key
///   `M/app.yaml` is a symlink through `M/..data`, which the kubelet replaces by rename). If the
///   file is a symlink elsewhere, the resolved file's directory too, for the resolved name.
/// - A path that does not exist yet (or a dangling symlink): its nearest existing ancestor, for
///   the next component (and `..data`), so that its creation is seen and the plan can be extended.
///
/// The plan is computed again after every structural event (a name created, removed or
/// renamed, a watched directory gone, lost events), so new subdirectories are scanned and
/// watched right away.
struct WatchPlan: Sendable {
    /// One directory to watch.
    struct Directory: Sendable, Equatable {
        /// Identity of the directory when planned; a different inode at the same path means it was replaced.
        var stamp: FileStamp
        /// Which names count.
        var interest: DirectoryInterest
    }

    /// Directories to watch, by the path used to reach them.
    private(set) var directories: [String: Directory] = [:]

    /// Whether `other` watches the same directories (by identity, not by their times and sizes) for the same names.
    func watchesSame(as other: WatchPlan) -> Bool {
        directories.count == other.directories.count
            && directories.allSatisfy { path, directory in
                guard let twin = other.directories[path] else { return false }
                return twin.stamp.device == directory.stamp.device && twin.stamp.inode == directory.stamp.inode
                    && twin.interest == directory.interest
            }
    }

    /// Plans the watches for `targets` from the file system as it is now.
    init(targets: [WatchTarget]) {
        for target in targets { plan(target.path) }
    }

    private mutating func plan(_ path: String) {
        guard let stamp = FileStamp.following(path) else {
            // Missing, or a dangling symlink (a ConfigMap key while the kubelet swaps `..data`).
            anchor(path, alsoCounting: ["..data"])
            return
        }
        if stamp.isDirectory {
            anchor(path, alsoCounting: [])
            walk(path, stamp: stamp, ancestors: [])
            return
        }
        anchor(path, alsoCounting: ["..data"])
        if FileStamp.link(path)?.isSymlink == true, let real = PathText.resolved(path),
            PathText.parent(of: real) != PathText.parent(of: path)
        {
            let directory = PathText.parent(of: real)
            if let directoryStamp = FileStamp.following(directory) {
                add(directory, directoryStamp, .only([PathText.name(of: real)]))
            }
        }
    }

    /// Watches the nearest existing ancestor of `path` for the component leading to `path`.
    private mutating func anchor(_ path: String, alsoCounting extra: Set<String>) {
        var child = path
        var names = extra
        while child != "/" {
            let parent = PathText.parent(of: child)
            names.insert(PathText.name(of: child))
            if let stamp = FileStamp.following(parent), stamp.isDirectory {
                add(parent, stamp, .only(names))
                return
            }
            child = parent
            names = []
        }
    }

    private mutating func walk(_ path: String, stamp: FileStamp, ancestors: Set<String>) {
        guard let real = PathText.resolved(path), !ancestors.contains(real) else { return }
        add(path, stamp, .everything)
        for name in DirectoryListing.names(in: path) where !name.hasPrefix(".") {
            let child = PathText.join(path, name)
            if let childStamp = FileStamp.following(child), childStamp.isDirectory {
                walk(child, stamp: childStamp, ancestors: ancestors.union([real]))
            }
        }
    }

    private mutating func add(_ path: String, _ stamp: FileStamp, _ interest: DirectoryInterest) {
        if var existing = directories[path] {
            existing.interest.formUnion(interest)
            directories[path] = existing
        } else {
            directories[path] = Directory(stamp: stamp, interest: interest)
        }
    }
}
