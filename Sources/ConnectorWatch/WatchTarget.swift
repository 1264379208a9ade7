import Foundation

/// One path the daemon asked to watch, made absolute and tidied lexically (no symlink resolution:
/// the path as given is what the manifest loader reads, and it may go through a symlink that changes).
struct WatchTarget: Sendable, Hashable {
    /// The absolute path.
    let path: String

    /// Makes `path` absolute against `currentDirectory` and removes `.`, `..`, doubled and trailing slashes.
    init(_ path: String, currentDirectory: String = FileManager.default.currentDirectoryPath) {
        let absolute = path.hasPrefix("/") ? path : PathText.join(currentDirectory, path)
        var components: [Substring] = []
        for component in absolute.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(component)
            }
        }
        self.path = "/" + components.joined(separator: "/")
    }
}
