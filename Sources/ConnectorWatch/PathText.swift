#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Small path utilities over the C library, free of Foundation's path normalisation
/// (which may resolve symlinks on some platforms).
enum PathText {
    /// The canonical path with every symlink resolved, or nil.
    static func resolved(_ path: String) -> String? {
        guard let result = realpath(path, nil) else { return nil }
        defer { free(result) }
        return String(cString: result)
    }

    /// The directory holding `path` (`/` for `/x`).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The last component of `path`.
    static func name(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// `directory/name` without a doubled slash.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// Whether a name in a watched directory is hidden from the manifest loader. `..data`
    /// (the Kubernetes ConfigMap symlink) is hidden but is how every key changes, so it counts.
    static func isHidden(_ name: String) -> Bool {
        name.hasPrefix(".") && name != "..data"
    }
}
