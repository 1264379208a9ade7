/// The `filters` block: a file is cataloged only when it passes every filter given.
public struct FileFilters: Sendable, Hashable, Codable {
    /// Globs on the path relative to the root; a file must match one when given.
    public var include: [String]?
    /// Globs on the path relative to the root; a file matching one is left out.
    public var exclude: [String]?
    /// Allowed MIME types.
    public var mimeTypes: [String]?
    /// Allowed extensions, without the dot, case-insensitive.
    public var extensions: [String]?
    /// RFC 3339 time; older files are left out.
    public var modifiedAfter: String?
    /// Smallest size kept.
    public var minSizeBytes: Int?
    /// Largest size kept.
    public var maxSizeBytes: Int?

    /// Creates filters; every argument is optional.
    public init(
        include: [String]? = nil, exclude: [String]? = nil, mimeTypes: [String]? = nil, extensions: [String]? = nil,
        modifiedAfter: String? = nil, minSizeBytes: Int? = nil, maxSizeBytes: Int? = nil
    ) {
        self.include = include
        self.exclude = exclude
        self.mimeTypes = mimeTypes
        self.extensions = extensions
        self.modifiedAfter = modifiedAfter
        self.minSizeBytes = minSizeBytes
        self.maxSizeBytes = maxSizeBytes
    }
}
