import ConnectorModel
import ConnectorProcess
import Foundation

/// Finds the git commit of the work tree a manifest file lives in, so the store can record which
/// revision each endpoint generation came from, and the manifests' version can be ordered by its time. Without git,
/// or outside a work tree, there is none.
///
/// Answers are kept for the lookup's life, at most two `git` calls per directory: make one per reconcile pass, never
/// one per process (a daemon's checkout moves on).
final class GitRevisionLookup: @unchecked Sendable {
    /// A work tree's `HEAD`: its hash, its committer time, and whether tracked files differ from it.
    struct Commit: Sendable, Hashable {
        var hash: String
        var time: Date
        var dirty: Bool

        /// The hash, with `+dirty` when tracked files differ from it: what the store records as a revision.
        var revision: String { dirty ? hash + "+dirty" : hash }
    }

    private var cache: [String: Commit?] = [:]
    private let lock = NSLock()

    /// Creates a lookup with an empty cache.
    init() {}

    /// The `HEAD` commit of the work tree holding `file` (with `+dirty` when it has uncommitted
    /// changes to tracked files), or nil.
    func revision(forFile file: String) -> String? {
        commit(forFile: file)?.revision
    }

    /// The `HEAD` commit of the work tree holding `file`, or nil outside a work tree or without git.
    func commit(forFile file: String) -> Commit? {
        guard file != "-" else { return nil }
        let directory = (file as NSString).deletingLastPathComponent
        let key = directory.isEmpty ? "." : directory
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[key] { return cached }
        let commit = Self.lookUp(in: key)
        cache[key] = commit
        return commit
    }

    /// How `commit` stands to `other` in the history of the work tree at `directory`, or nil when git does not know
    /// one of them (a shallow clone, another repository).
    func lineage(of commit: String, to other: String, in directory: String) -> ManifestVersion.Lineage? {
        switch Self.status(["-C", directory, "merge-base", "--is-ancestor", other, commit]) {
        case 0: return .descendant
        case 1: break
        default: return nil
        }
        switch Self.status(["-C", directory, "merge-base", "--is-ancestor", commit, other]) {
        case 0: return .ancestor
        case 1: return .diverged
        default: return nil
        }
    }

    private static func lookUp(in directory: String) -> Commit? {
        guard let line = run(["-C", directory, "log", "-1", "--format=%H %ct"]) else { return nil }
        let parts = line.split(separator: " ")
        guard parts.count == 2, let seconds = TimeInterval(parts[1]) else { return nil }
        let dirty = run(["-C", directory, "status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return Commit(hash: String(parts[0]), time: Date(timeIntervalSince1970: seconds), dirty: dirty)
    }

    /// The exit status of `git arguments`, or nil when it could not start.
    private static func status(_ arguments: [String]) -> Int32? {
        try? ChildProcess.spawn("/usr/bin/env", arguments: ["git"] + arguments).wait()
    }

    /// What `git arguments` printed, trimmed, or nil when it could not start or failed.
    private static func run(_ arguments: [String]) -> String? {
        guard let (status, output) = try? ChildProcess.output(of: "/usr/bin/env", arguments: ["git"] + arguments), status == 0 else {
            return nil
        }
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
