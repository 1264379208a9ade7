import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A temporary directory with the file operations the tests need, done with plain system calls so
/// each one produces exactly the events a real editor or kubelet would (no hidden temp files).
final class WatchFixture: Sendable {
    /// The directory's absolute path.
    let root: String

    /// Creates an empty directory under the system temporary directory.
    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        root = PathJoin.join(base, "connector-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// `root/relative`.
    func path(_ relative: String) -> String { PathJoin.join(root, relative) }

    /// Writes `text` in place: `open(O_TRUNC)`, `write`, `close` (one `IN_CLOSE_WRITE`).
    func write(_ relative: String, _ text: String) throws {
        let descriptor = open(path(relative), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FixtureError(operation: "open", path: relative) }
        defer { _ = close(descriptor) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { posixWrite(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw FixtureError(operation: "write", path: relative) }
    }

    /// Renames `from` to `to` (over `to` if it exists).
    func rename(_ from: String, _ to: String) throws {
        guard posixRename(path(from), path(to)) == 0 else { throw FixtureError(operation: "rename", path: from) }
    }

    /// Removes a file, a symlink or a directory tree.
    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: path(relative))
    }

    /// Creates a directory (and its parents).
    func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }

    /// Creates a symlink at `relative` whose text is `target`.
    func symlink(_ target: String, at relative: String) throws {
        guard posixSymlink(target, path(relative)) == 0 else { throw FixtureError(operation: "symlink", path: relative) }
    }

    /// Like `touch`: opens for writing without truncating, closes, and sets the times to now.
    func touch(_ relative: String) throws {
        let descriptor = open(path(relative), O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FixtureError(operation: "open", path: relative) }
        _ = close(descriptor)
        guard utimensat(AT_FDCWD, path(relative), nil, 0) == 0 else { throw FixtureError(operation: "utimensat", path: relative) }
    }
}

/// A failed fixture operation, with errno's text.
struct FixtureError: Error, CustomStringConvertible {
    var operation: String
    var path: String
    var code = errno
    var description: String { "\(operation) \(path): \(String(cString: strerror(code)))" }
}

/// Path joining for tests.
enum PathJoin {
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}

// The fixture's methods share names with these calls, so they are reached through free functions.
private func posixWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int { write(descriptor, bytes, count) }
private func posixRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
private func posixSymlink(_ target: String, _ path: String) -> Int32 { symlink(target, path) }
