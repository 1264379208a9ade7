import ConnectorModel
import ConnectorProvider
import ConnectorStore

/// The ``CatalogedFiles`` a provider gets during a sync: what the store recorded for the endpoint's files, read a
/// page of ids at a time.
struct StoreCatalogedFiles: CatalogedFiles {
    let store: any CatalogQueries
    let endpoint: String

    func files(ids: [String]) async throws -> [FileIDKey: FileMetadata] {
        var found: [FileIDKey: FileMetadata] = [:]
        for file in try await store.files(endpoint: endpoint, ids: ids) { found[FileIDKey(file.fileID)] = file.metadata }
        return found
    }
}
