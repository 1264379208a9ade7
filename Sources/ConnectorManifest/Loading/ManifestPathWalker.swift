import ConnectorModel
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns the paths given on the command line into the manifest files to read.
///
/// - A file is read whatever its name.
/// - A directory is read recursively: `*.yaml`, `*.yml` and `*.json`, in name order.
///   Names starting with `.` are skipped, which is how a Kubernetes ConfigMap mount is read once:
///   the visible keys are symlinks into `..data`, and `..data` and `..<timestamp>` are hidden.
/// - Symlinks to files are followed; each real file is read once. A symlink that leads back to a
///   directory being walked is reported as a loop, never followed forever.
/// - `-` is standard input.
public struct ManifestPathWalker: Sendable {
    /// Extensions read inside directories.
    public static let manifestExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Creates a walker.
    public init() {}

    /// The files to read, and a diagnostic for each path that could not be walked.
    public func inputs(for paths: [String]) -> (inputs: [ManifestInput], diagnostics: [Diagnostic]) {
        var walk = Walk()
        for path in paths {
            if path == "-" {
                walk.inputs.append(.standardInput)
                continue
            }
            walk.visit(path: path, display: path, ancestors: [], explicit: true)
        }
        return (walk.inputs, walk.diagnostics)
    }
}

/// The mutable state of one walk.
private struct Walk {
    var inputs: [ManifestInput] = []
    var diagnostics: [Diagnostic] = []
    var seenFiles: Set<String> = []

    mutating func visit(path: String, display: String, ancestors: [String], explicit: Bool) {
        let location = SourceLocation(file: display)
        guard let real = FileSystemProbe.realPath(path) else {
            let reason = FileSystemProbe.lastErrorDescription(for: path)
            diagnostics.append(Diagnostic(at: location, code: "path", reason))
            return
        }
        switch FileSystemProbe.kind(ofResolved: real) {
        case .directory:
            if ancestors.contains(real) {
                diagnostics.append(
                    Diagnostic(
                        at: location, code: "symlink-loop",
                        "symlink loop: this leads back to \(real), which is already being read"))
                return
            }
            walkDirectory(path: path, display: display, real: real, ancestors: ancestors + [real])
        case .file:
            guard explicit || Self.hasManifestExtension(path) else { return }
            guard seenFiles.insert(real).inserted else { return }
            inputs.append(ManifestInput(path: path, displayPath: display))
        case .other:
            if explicit {
                diagnostics.append(
                    Diagnostic(
                        at: location, code: "path", "not a regular file or directory"))
            }
        }
    }

    mutating func walkDirectory(path: String, display: String, real: String, ancestors: [String]) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(file: display), code: "path",
                    "cannot read directory: \(FileSystemProbe.lastErrorDescription(for: path))"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = path.hasSuffix("/") ? path + name : path + "/" + name
            let childDisplay = display.hasSuffix("/") ? display + name : display + "/" + name
            visit(path: child, display: childDisplay, ancestors: ancestors, explicit: false)
        }
    }

    static func hasManifestExtension(_ path: String) -> Bool {
        guard let dot = path.lastIndex(of: ".") else { return false }
        let ext = path[path.index(after: dot)...].lowercased()
        return ManifestPathWalker.manifestExtensions.contains(ext)
    }
}

/// Thin wrappers over `realpath` and `stat` that report errors in plain words.
enum FileSystemProbe {
    enum Kind { case file, directory, other }

    /// The canonical path with every symlink resolved, or nil (errno set) when it cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What a resolved path is.
    static func kind(ofResolved path: String) -> Kind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .other }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .file
        default: return .other
        }
    }

    /// The reason the last call on `path` failed, in plain words.
    static func lastErrorDescription(for path: String) -> String {
        let code = errno
        switch code {
        case ENOENT:
            var info = stat()
            if lstat(path, &info) == 0 { return "broken symlink: its target does not exist" }
            return "no such file or directory"
        case ELOOP: return "symlink loop: the link resolves back to itself"
        case EACCES: return "permission denied"
        case ENOTDIR: return "a component of the path is not a directory"
        default: return String(cString: strerror(code))
        }
    }
}
