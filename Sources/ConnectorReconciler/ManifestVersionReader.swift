import ConnectorManifest
import ConnectorModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the ``ManifestVersion`` of the manifests under some paths: a directory that is a Kubernetes ConfigMap
/// volume (kubelet's `..data` link) has the time its target was written; files in a git work tree have their
/// commit's time (or, with uncommitted changes, the newest manifest file's or directory's, if later); other files the
/// newest manifest file's or directory's (a removed manifest changes its directory).
/// With several paths the newest version is theirs. Standard input (`-`) has none: a reconcile of it is not ordered.
struct ManifestVersionReader {
    /// Looks up git revisions; one per reconcile pass.
    let revisions: GitRevisionLookup

    /// Where a version comes from and its time, without its content: what changes when the manifests do.
    struct Stamp: Equatable {
        var source: ManifestVersion.Source
        var time: Date
        var identity: String?
    }

    /// The version of `paths` (nil for standard input, or nothing readable) and its stamp at full precision (a version
    /// keeps its time to the millisecond).
    /// `walked` are the files under `paths` when already known (the loader's).
    func versionAndStamp(of paths: [String], walked known: [ManifestInput]? = nil) -> (version: ManifestVersion?, stamp: Stamp?) {
        guard !paths.contains("-") else { return (nil, nil) }
        let walked = known ?? ManifestPathWalker().inputs(for: paths).inputs
        let stamp = stamp(of: paths, walked: walked)
        guard let contentHash = ManifestFingerprint.digest(of: walked), let stamp else { return (nil, stamp) }
        return (ManifestVersion(source: stamp.source, time: stamp.time, identity: stamp.identity, contentHash: contentHash), stamp)
    }

    /// The stamp of `paths` (see ``versionAndStamp(of:walked:)``), or nil; `walked` as there.
    func stamp(of paths: [String], walked known: [ManifestInput]? = nil) -> Stamp? {
        guard !paths.contains("-") else { return nil }
        let inputs = (known ?? ManifestPathWalker().inputs(for: paths).inputs).compactMap(\.filesystemPath)
        var best: Stamp?
        func consider(_ source: ManifestVersion.Source, _ time: Date, _ identity: String?) {
            if best == nil || time > best!.time { best = Stamp(source: source, time: time, identity: identity) }
        }
        for path in paths {
            if let (time, target) = Self.configMapVersion(path) {
                consider(.configMap, time, target)
                continue
            }
            let files = inputs.filter { $0 == path || $0.hasPrefix(path.hasSuffix("/") ? path : path + "/") }
            // The files and the directories holding them: removing or renaming a manifest changes its directory.
            let directories = Set(files.map { ($0 as NSString).deletingLastPathComponent }).union([path])
            let newestFile = (files + directories).compactMap(Self.modificationTime).max()
            if let file = files.first, let commit = revisions.commit(forFile: file) {
                let time = commit.dirty ? max(commit.time, newestFile ?? commit.time) : commit.time
                consider(.git, time, commit.revision)
            } else if let newestFile {
                consider(.files, newestFile, nil)
            }
        }
        return best
    }

    /// How the manifests' commit stands to another commit in their work tree's history (for git versions only).
    func lineage(of version: ManifestVersion?, paths: [String]) -> @Sendable (String) -> ManifestVersion.Lineage? {
        guard let commit = version?.commit, let path = paths.first else { return { _ in nil } }
        var isDirectory: ObjCBool = false
        let directory =
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            ? path : (path as NSString).deletingLastPathComponent
        let revisions = self.revisions
        return { other in revisions.lineage(of: commit, to: other, in: directory.isEmpty ? "." : directory) }
    }

    /// A ConfigMap volume's version: the modification time of the directory kubelet's `..data` link points at (kubelet
    /// writes each update into a new `..<timestamp>` directory and swaps the link), and that directory's name.
    static func configMapVersion(_ path: String) -> (Date, String)? {
        let link = (path as NSString).appendingPathComponent("..data")
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let directory = target.hasPrefix("/") ? target : (path as NSString).appendingPathComponent(target)
        guard let time = modificationTime(directory) else { return nil }
        return (time, (target as NSString).lastPathComponent)
    }

    /// The modification time of `path` itself (a symlink's own), as `FileManager`'s attributes give it, from one
    /// `lstat`: a pass reads it for every manifest and directory, twice, and `attributesOfItem` builds a dictionary of
    /// every attribute each time.
    static func modificationTime(_ path: String) -> Date? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Date(timeIntervalSince1970: TimeInterval(time.tv_sec) + TimeInterval(time.tv_nsec) / 1.0e9)
    }
}
