import ConnectorModel

/// The files the catalog holds for one endpoint, looked up a page at a time by id. A provider whose metadata is
/// costly to produce again (the local provider's content checksums) reuses what the catalog recorded for a file
/// that has not changed since.
public protocol CatalogedFiles: Sendable {
    /// The recorded metadata of those of `ids` the catalog knows (present or removed), by id byte for byte.
    func files(ids: [String]) async throws -> [FileIDKey: FileMetadata]
}

/// A catalog that knows no file: for providers built outside a sync.
public struct EmptyCatalogedFiles: CatalogedFiles {
    /// Creates the empty catalog.
    public init() {}

    /// Always empty.
    public func files(ids: [String]) async throws -> [FileIDKey: FileMetadata] { [:] }
}
