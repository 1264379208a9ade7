import ConnectorModel
import ConnectorProvider
import ConnectorStore

/// The ``FolderDirectory`` a provider gets during a sync: the folders its earlier pages recorded in the store,
/// read one at a time by id, and those of the full listing in progress.
struct StoreFolderDirectory: FolderDirectory {
    let store: any SyncJournal
    let endpoint: String

    func folder(id: String) async throws -> CatalogFolder? {
        try await store.folder(endpoint: endpoint, id: id)
    }

    /// The folders recorded since the start of the full listing the stored cursor is in, if it is in one.
    func listingProgress() async throws -> [CatalogFolder]? {
        guard case .full(let startedAt, _, _, _) = SyncCursor(try await store.syncState(endpoint: endpoint).cursor) else { return nil }
        return try await store.folders(endpoint: endpoint, seenSince: startedAt)
    }
}
