import Foundation

/// The `filters` block, typed: which files an endpoint keeps. Empty lists and nil bounds keep everything.
public struct FileSelection: Sendable, Hashable {
    /// Globs on the path relative to the root; a file must match one when any are given.
    public var include: [String]
    /// Globs on the path relative to the root; a file matching one is left out.
    public var exclude: [String]
    /// MIME types kept, lowercased; `type/*` keeps a whole type.
    public var mimeTypes: [String]
    /// Extensions kept, lowercased, without the dot.
    public var extensions: Set<String>
    /// Files modified before this are left out.
    public var modifiedAfter: Date?
    /// The smallest size kept, in bytes.
    public var minimumSize: Int64?
    /// The largest size kept, in bytes.
    public var maximumSize: Int64?

    /// Keeps every file.
    public static let everything = FileSelection(
        include: [], exclude: [], mimeTypes: [], extensions: [], modifiedAfter: nil, minimumSize: nil, maximumSize: nil)

    /// Creates a selection.
    public init(
        include: [String], exclude: [String], mimeTypes: [String], extensions: Set<String>, modifiedAfter: Date?, minimumSize: Int64?,
        maximumSize: Int64?
    ) {
        self.include = include
        self.exclude = exclude
        self.mimeTypes = mimeTypes
        self.extensions = extensions
        self.modifiedAfter = modifiedAfter
        self.minimumSize = minimumSize
        self.maximumSize = maximumSize
    }

    /// Types a `filters` block (nil keeps everything).
    /// - Throws: ``EndpointConfigurationError`` when `modifiedAfter` is no RFC 3339 time.
    public init(_ filters: FileFilters?) throws(EndpointConfigurationError) {
        include = filters?.include ?? []
        exclude = filters?.exclude ?? []
        mimeTypes = (filters?.mimeTypes ?? []).map { $0.lowercased() }
        extensions = Set((filters?.extensions ?? []).map { $0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) })
        if let text = filters?.modifiedAfter {
            guard let time = Timestamp.parse(text) else {
                throw EndpointConfigurationError(
                    path: ["filters", "modifiedAfter"], message: "expected an RFC 3339 time such as 2024-01-01T00:00:00Z, got \"\(text)\"")
            }
            modifiedAfter = time
        } else {
            modifiedAfter = nil
        }
        minimumSize = filters?.minSizeBytes.map(Int64.init)
        maximumSize = filters?.maxSizeBytes.map(Int64.init)
    }
}
