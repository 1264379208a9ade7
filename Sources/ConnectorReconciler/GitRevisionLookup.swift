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

    /// The `HEAD` commit of the work tree holding `file`: its hash, its committer time, and whether tracked files
    /// differ from it; nil outside a work tree or without git.
    func commit(forFile file: String) -> (hash: String, time: Date, dirty: Bool)? {
        guard let revision = revision(forFile: file) else { return nil }
        let directory = (file as NSString).deletingLastPathComponent
        let hash = revision.replacingOccurrences(of: "+dirty", with: "")
        guard
            let seconds = Self.run(["-C", directory.isEmpty ? "." : directory, "show", "-s", "--format=%ct", hash]).flatMap(
                TimeInterval.init)
        else { return nil }
        return (hash, Date(timeIntervalSince1970: seconds), revision.hasSuffix("+dirty"))
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
