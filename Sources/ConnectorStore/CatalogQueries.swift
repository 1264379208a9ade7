import ConnectorModel
import Foundation

/// What `get` and the daemon's API and metrics read: files, their counts, and sync runs.
public protocol CatalogQueries: Sendable {
    /// Per-endpoint file counts by state.
    func fileCounts() async throws -> [String: FileCounts]

    /// Hands `body` the cataloged files, optionally of one endpoint, ordered by endpoint and path, at most `limit`,
    /// one at a time as they are read: memory stays flat however many there are. `body` runs while the store is
    /// being read (on a store thread, never concurrently with itself); keep it to formatting and writing.
    func forEachFile(endpoint: String?, limit: Int?, _ body: @escaping @Sendable (CatalogFile) throws -> Void) async throws

    /// The files of `endpoint` among `ids` (present or removed), in no particular order.
    func files(endpoint: String, ids: [String]) async throws -> [CatalogFile]

    /// Sync runs, newest first, optionally of one endpoint.
    func syncRuns(endpoint: String?, limit: Int?) async throws -> [SyncRunRecord]
}

extension CatalogQueries {
    /// Cataloged files, optionally of one endpoint, ordered by endpoint and path, all in memory (``forEachFile``
    /// for any number of them).
    public func files(endpoint: String?, limit: Int?) async throws -> [CatalogFile] {
        let collected = CollectedFiles()
        try await forEachFile(endpoint: endpoint, limit: limit) { collected.append($0) }
        return collected.files
    }
}

/// The files ``CatalogQueries/files(endpoint:limit:)`` gathers from a store thread.
private final class CollectedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var gathered: [CatalogFile] = []

    func append(_ file: CatalogFile) {
        lock.withLock { gathered.append(file) }
    }

    var files: [CatalogFile] { lock.withLock { gathered } }
}
