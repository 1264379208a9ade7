import Foundation

/// Finds the git commit of the work tree a manifest file lives in, so the store can record which
/// revision each endpoint generation came from. Without git, or outside a work tree, there is none.
///
/// Answers are kept for the lookup's life, one `git` call per directory: make one per reconcile pass, never one
/// per process (a daemon's checkout moves on).
final class GitRevisionLookup: @unchecked Sendable {
    private var cache: [String: String?] = [:]
    private let lock = NSLock()

    /// Creates a lookup with an empty cache.
    init() {}

    /// The `HEAD` commit of the work tree holding `file` (with `+dirty` when it has uncommitted
    /// changes to tracked files), or nil.
    func revision(forFile file: String) -> String? {
        guard file != "-" else { return nil }
        let directory = (file as NSString).deletingLastPathComponent
        let key = directory.isEmpty ? "." : directory
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[key] { return cached }
        let revision = Self.lookUp(in: key)
        cache[key] = revision
        return revision
    }

    private static func lookUp(in directory: String) -> String? {
        guard let head = run(["-C", directory, "rev-parse", "--verify", "-q", "HEAD"]), !head.isEmpty else { return nil }
        let dirty = run(["-C", directory, "status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return dirty ? head + "+dirty" : head
    }

    private static func run(_ arguments: [String]) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
