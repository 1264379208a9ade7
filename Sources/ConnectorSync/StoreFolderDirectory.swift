import ConnectorModel
import ConnectorProvider
import ConnectorStore

/// The ``FolderDirectory`` a provider gets during a sync: the folders its earlier pages recorded in the store,
/// read one at a time by id.
struct StoreFolderDirectory: FolderDirectory {
    let store: any CatalogStore
    let endpoint: String

    func folder(id: String) async throws -> CatalogFolder? {
        try await store.folder(endpoint: endpoint, id: id)
    }
}
