import Foundation

/// One file in the catalog, keyed by (endpoint, provider's stable id).
public struct CatalogFile: Sendable, Hashable {
    /// The endpoint it belongs to.
    public var endpoint: String
    /// The provider's stable id (the path for `local`, the file id for Drive, the lineage id for ACC).
    public var fileID: String
    /// The file name.
    public var name: String
    /// The path from the endpoint's root.
    public var path: String
    /// The MIME type.
    public var mimeType: String?
    /// Size in bytes.
    public var size: Int64?
    /// Checksums by algorithm (`sha256`, `md5`).
    public var checksums: [String: String]
    /// When the file was created at the source.
    public var createdAt: Date?
    /// When the file was last modified at the source.
    public var modifiedAt: Date?
    /// The provider's version (Drive's `version`, ACC's version number).
    public var version: String?
    /// A link that opens the file in the provider's web UI.
    public var webLink: String?
    /// Export links by MIME type (Google Workspace files).
    public var exportLinks: [String: String]
    /// Parent ids.
    public var parents: [String]
    /// Provider-specific extras, as compact JSON.
    public var extras: String?
    /// `present` or `removed`.
    public var state: String
    /// When the catalog first saw the file.
    public var firstSeenAt: Date
    /// When a listing last saw it.
    public var lastSeenAt: Date
    /// When it was found gone, while it is.
    public var removedAt: Date?
    /// A digest of every field above that the provider reports; a sync rewrites a row only when it changes.
    public var contentHash: String

    /// Creates a file record.
    public init(
        endpoint: String, fileID: String, name: String, path: String, mimeType: String? = nil, size: Int64? = nil,
        checksums: [String: String] = [:], createdAt: Date? = nil, modifiedAt: Date? = nil, version: String? = nil,
        webLink: String? = nil, exportLinks: [String: String] = [:], parents: [String] = [], extras: String? = nil,
        state: String = "present", firstSeenAt: Date, lastSeenAt: Date, removedAt: Date? = nil, contentHash: String = ""
    ) {
        self.endpoint = endpoint
        self.fileID = fileID
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
        self.state = state
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.removedAt = removedAt
        self.contentHash = contentHash
    }
}
