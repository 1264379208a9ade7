import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Walks a directory tree depth-first, each directory's entries in name order, one file at a time.
///
/// The order is total and repeatable, so a listing can resume after any path: ``isAfter(_:_:)``
/// compares paths the way the walk visits them (component by component). Only the directories on the
/// current branch are held in memory.
final class LocalTreeWalker {
    /// One regular file found.
    struct Entry {
        var relativePath: String
        /// The absolute path of the file's directory.
        var directory: String
        /// The file's name in its directory.
        var name: String
        var info: stat

        /// The file's absolute path, built only when asked for (checksums): most walks never need it.
        var absolutePath: String { directory + "/" + name }
    }

    private struct Level {
        var directory: String
        /// An open descriptor of `directory`, for `fstatat` and `openat` (no path lookups per file).
        var descriptor: Int32
        var prefix: String
        var names: DirectoryNames
        var next = 0
        var realPath: String
    }

    private var stack: [Level] = []
    private let followSymlinks: Bool
    /// Entries skipped, with the reason, since the last call to ``takeProblems()``.
    private(set) var problems: [String] = []

    /// Starts a walk at `root`.
    /// - Throws: when `root` is not a readable directory.
    init(root: String, followSymlinks: Bool) throws(LocalWalkError) {
        self.followSymlinks = followSymlinks
        var info = stat()
        guard stat(root, &info) == 0 else {
            throw LocalWalkError(message: "the directory \(root) does not exist or cannot be read (\(String(cString: strerror(errno))))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw LocalWalkError(message: "\(root) is not a directory") }
        guard let level = Self.level(directory: root, prefix: "", problems: &problems) else {
            throw LocalWalkError(message: "cannot read the directory \(root): \(String(cString: strerror(errno)))")
        }
        stack = [level]
    }

    deinit {
        for level in stack { close(level.descriptor) }
    }

    /// The next regular file, or nil when the walk is over.
    func next() -> Entry? {
        while var top = stack.popLast() {
            guard top.next < top.names.count else {
                close(top.descriptor)
                continue
            }
            let name = top.names[top.next]
            top.next += 1
            stack.append(top)
            let relative = top.prefix.isEmpty ? name : top.prefix + "/" + name
            var info = stat()
            guard fstatat(top.descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                problems.append("\(relative): \(String(cString: strerror(errno)))")
                continue
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                guard followSymlinks else { continue }
                guard fstatat(top.descriptor, name, &info, 0) == 0 else {
                    problems.append("\(relative): broken symlink")
                    continue
                }
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                return Entry(relativePath: relative, directory: top.directory, name: name, info: info)
            case S_IFDIR:
                descend(into: top.directory + "/" + name, relative: relative)
            default:
                continue
            }
        }
        return nil
    }

    private func descend(into directory: String, relative: String) {
        if followSymlinks {
            let real = Self.realPath(directory)
            if stack.contains(where: { $0.realPath == real }) {
                problems.append("\(relative): symlink loop, not followed")
                return
            }
        }
        guard let level = Self.level(directory: directory, prefix: relative, problems: &problems) else {
            problems.append("\(relative): cannot read the directory (\(String(cString: strerror(errno))))")
            return
        }
        stack.append(level)
    }

    /// Returns and clears the problems seen so far.
    func takeProblems() -> [String] {
        defer { problems.removeAll() }
        return problems
    }

    private static func level(directory: String, prefix: String, problems: inout [String]) -> Level? {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        let listing = dup(descriptor)
        guard listing >= 0, let handle = fdopendir(listing) else {
            close(descriptor)
            return nil
        }
        defer { closedir(handle) }
        var names = DirectoryNames()
        while let entry = readdir(handle) {
            withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let name = raw.prefix { $0 != 0 }
                if name.elementsEqual([0x2E]) || name.elementsEqual([0x2E, 0x2E]) { return }
                names.append(name)
            }
        }
        names.sort()
        return Level(directory: directory, descriptor: descriptor, prefix: prefix, names: names, realPath: realPath(directory))
    }

    private static func realPath(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Name order within a directory: by UTF-8 bytes, so the order never depends on locale.
    static func isNameBefore(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// True when the walk visits `path` after `token`: compares component by component.
    static func isAfter(_ path: String, _ token: String) -> Bool {
        let left = path.split(separator: "/", omittingEmptySubsequences: false)
        let right = token.split(separator: "/", omittingEmptySubsequences: false)
        for (a, b) in zip(left, right) where a != b {
            return isNameBefore(String(b), String(a))
        }
        return left.count > right.count
    }
}

/// Why a local tree cannot be listed.
struct LocalWalkError: Error {
    var message: String
}
