import ConnectorModel

/// The folders the catalog recorded for one endpoint, looked up one at a time (so a large tree is never
/// held in memory). A provider with a change feed that names parents rather than paths (Google Drive)
/// uses it to place changed files and to tell a move into or out of the endpoint's subtree.
public protocol FolderDirectory: Sendable {
    /// The folder with `id` as last recorded for the endpoint, or nil when the catalog does not know it.
    func folder(id: String) async throws -> CatalogFolder?

    /// The folders the full listing in progress has recorded so far, each with ``CatalogFolder/childrenListed``
    /// saying whether a committed page reported all its children; nil when no full listing is in progress. A
    /// provider that walks folders resumes an interrupted listing from the folders it had not finished.
    func listingProgress() async throws -> [CatalogFolder]?
}

extension FolderDirectory {
    /// No progress is known by default.
    public func listingProgress() async throws -> [CatalogFolder]? { nil }
}

/// A directory that knows no folder: for providers built outside a sync, and for the first full listing.
public struct EmptyFolderDirectory: FolderDirectory {
    /// Creates the empty directory.
    public init() {}

    /// Always nil.
    public func folder(id: String) async throws -> CatalogFolder? { nil }
}
