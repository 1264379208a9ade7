import Foundation

/// Where the repository and the shared folder beside it are, found from a source file's path.
public enum RepositoryLayout {
    /// The repository root: the nearest ancestor of this file holding `Package.swift`.
    public static func root(file: StaticString = #filePath) -> String {
        var directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
        while directory.path != "/" {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory.path
            }
            directory.deleteLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath
    }

    /// `path` inside the repository.
    public static func path(_ relative: String) -> String {
        root() + "/" + relative
    }
}
