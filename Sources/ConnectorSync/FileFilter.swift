import ConnectorModel
import ConnectorProvider
import Foundation

/// An endpoint's `filters`, compiled: a file is kept only when it passes every filter given.
public struct FileFilter: Sendable {
    private let include: [Glob]
    private let exclude: [Glob]
    private let mimeTypes: [String]
    private let extensions: Set<String>
    private let modifiedAfter: Date?
    private let minimumSize: Int64?
    private let maximumSize: Int64?

    /// Compiles `filters` (nil keeps everything).
    public init(_ filters: FileFilters?) {
        include = (filters?.include ?? []).map(Glob.init)
        exclude = (filters?.exclude ?? []).map(Glob.init)
        mimeTypes = (filters?.mimeTypes ?? []).map { $0.lowercased() }
        extensions = Set((filters?.extensions ?? []).map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        modifiedAfter = filters?.modifiedAfter.flatMap { Timestamp.parse($0) }
        minimumSize = filters?.minSizeBytes.map(Int64.init)
        maximumSize = filters?.maxSizeBytes.map(Int64.init)
    }

    /// True when `file` belongs in the catalog. Files without a size (Google Workspace documents)
    /// pass the size bounds; files without a modification time pass `modifiedAfter`.
    public func accepts(_ file: ProviderFile) -> Bool {
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
