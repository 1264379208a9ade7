import ConnectorModel
import Foundation

/// One file in the catalog, keyed by (endpoint, the provider's stable id): its metadata as last
/// seen, and the catalog's bookkeeping.
public struct CatalogFile: Sendable, Hashable {
    /// The endpoint it belongs to.
    public var endpoint: String
    /// The file's metadata as the provider last reported it.
    public var metadata: FileMetadata
    /// Present or removed.
    public var state: FileState
    /// When the catalog first saw the file.
    public var firstSeenAt: Date
    /// When a sync last saw it: the page that last wrote it or, for a present file that a later full listing found
    /// unchanged, the start of that listing (the endpoint's last listing that swept; see
    /// ``SyncJournal/completeListing(endpoint:listingStartedAt:ending:cursor:at:correlationID:)``).
    public var lastSeenAt: Date
    /// When it was found gone, while it is.
    public var removedAt: Date?
    /// A digest of the metadata; a sync rewrites a row only when it changes.
    public var contentHash: String

    /// Creates a file record.
    public init(
        endpoint: String, metadata: FileMetadata, state: FileState = .present, firstSeenAt: Date, lastSeenAt: Date,
        removedAt: Date? = nil, contentHash: String = ""
    ) {
        self.endpoint = endpoint
        self.metadata = metadata
        self.state = state
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.removedAt = removedAt
        self.contentHash = contentHash
    }

    /// The provider's stable id (the relative path for `local`, the file id for Drive, the lineage id for ACC).
    public var fileID: String { metadata.id }
}
