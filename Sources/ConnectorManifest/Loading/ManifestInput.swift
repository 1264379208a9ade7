import ConnectorModel

/// One manifest file to read: where it is on disk and how to name it to the user.
public struct ManifestInput: Sendable, Hashable {
    /// The path as it will appear in diagnostics (as the user named it, or joined below it); `-` for stdin.
    public var displayPath: String
    /// The path to open; nil for standard input.
    public var filesystemPath: String?

    /// A file on disk.
    public init(path: String, displayPath: String? = nil) {
        self.displayPath = displayPath ?? path
        self.filesystemPath = path
    }

    /// Standard input, named `-`.
    public static let standardInput = ManifestInput(displayPath: "-")

    private init(displayPath: String) {
        self.displayPath = displayPath
        self.filesystemPath = nil
    }

    /// The location of the whole file, for problems that have no line.
    public var fileLocation: SourceLocation { SourceLocation(file: displayPath) }
}
