import Foundation

/// What is known about one file at its source: the provider reports it, the catalog stores it.
public struct FileMetadata: Sendable, Hashable {
    /// The provider's stable id (the relative path for `local`, the file id for Drive, the lineage id for ACC).
    public var id: String
    /// The file name.
    public var name: String
    /// The path from the endpoint's root, `/`-separated, no leading slash.
    public var path: String
    /// The MIME type.
    public var mimeType: String?
    /// Size in bytes (nil for files that have none, such as Google Workspace documents).
    public var size: Int64?
    /// Checksums by algorithm (`sha256`, `md5`).
    public var checksums: [String: String]
    /// When the file was created at the source.
    public var createdAt: Date?
    /// When the file was last modified at the source.
    public var modifiedAt: Date?
    /// The provider's version.
    public var version: String?
    /// A link that opens the file in the provider's web UI.
    public var webLink: String?
    /// Export links by MIME type.
    public var exportLinks: [String: String]
    /// Parent ids.
    public var parents: [String]
    /// Provider-specific extras, as compact JSON with sorted keys.
    public var extras: String?

    /// Creates a file.
    public init(
        id: String, name: String, path: String, mimeType: String? = nil, size: Int64? = nil,
        checksums: [String: String] = [:], createdAt: Date? = nil, modifiedAt: Date? = nil, version: String? = nil,
        webLink: String? = nil, exportLinks: [String: String] = [:], parents: [String] = [], extras: String? = nil
    ) {
        self.id = id
        self.name = name
        self.path = path
        self.mimeType = mimeType
        self.size = size
        self.checksums = checksums
        self.createdAt = createdAt
        self.modifiedAt = modifiedAt
        self.version = version
        self.webLink = webLink
        self.exportLinks = exportLinks
        self.parents = parents
        self.extras = extras
    }

    /// The extension after the last dot of the name, lowercased; empty when there is none.
    public var fileExtension: String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
