import ConnectorModel
import ConnectorProvider
import Foundation

/// An endpoint's file selection, compiled: a file is kept only when it passes every filter given.
public struct FileFilter: Sendable {
    private let include: [Glob]
    private let exclude: [Glob]
    private let mimeTypes: [String]
    private let extensions: Set<String>
    private let modifiedAfter: Date?
    private let minimumSize: Int64?
    private let maximumSize: Int64?

    /// Compiles `selection`.
    public init(_ selection: FileSelection) {
        include = selection.include.map(Glob.init)
        exclude = selection.exclude.map(Glob.init)
        mimeTypes = selection.mimeTypes
        extensions = selection.extensions
        modifiedAfter = selection.modifiedAfter
        minimumSize = selection.minimumSize
        maximumSize = selection.maximumSize
    }

    /// True when `file` belongs in the catalog. Files without a size (Google Workspace documents)
    /// pass the size bounds; files without a modification time pass `modifiedAfter`.
    public func accepts(_ file: FileMetadata) -> Bool {
        if !include.isEmpty, !include.contains(where: { $0.matches(file.path) }) { return false }
        if exclude.contains(where: { $0.matches(file.path) }) { return false }
        if !extensions.isEmpty, !extensions.contains(file.fileExtension) { return false }
        if !mimeTypes.isEmpty {
            let type = (file.mimeType ?? "").lowercased()
            let matches = mimeTypes.contains { pattern in
                pattern.hasSuffix("/*") ? type.hasPrefix(pattern.dropLast()) : type == pattern
            }
            if !matches { return false }
        }
        if let modifiedAfter, let modified = file.modifiedAt, modified < modifiedAfter { return false }
        if let size = file.size {
            if let minimumSize, size < minimumSize { return false }
            if let maximumSize, size > maximumSize { return false }
        }
        return true
    }
}
