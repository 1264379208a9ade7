import ConnectorModel
import ConnectorProvider
import ConnectorStore
import Foundation
import Testing

@testable import ConnectorSync

/// The engine records the folders a provider reports, gives the provider a store-backed directory of them,
/// and removes a removed folder's subtree, on both stores.
@Suite struct FolderSyncTests {
    /// A provider whose change feed names parents, not paths, as Google Drive's does.
    struct ParentFeedSource: FileProvider {
        let folders: any FolderDirectory
        var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: true) }
        var statistics: ProviderStatistics { ProviderStatistics() }

        func changeFeedStartToken() async throws -> String? { "t1" }

        func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
            let folders = self.folders
            return AsyncThrowingStream { continuation in
                let task = Task {
                    do {
                        continuation.yield(try await Self.page(for: request, folders: folders))
                        continuation.finish()
                    } catch {
                        continuation.finish(throwing: error)
                    }
                }
                continuation.onTermination = { _ in task.cancel() }
            }
        }

        static func page(for request: ListingRequest, folders: any FolderDirectory) async throws -> ProviderPage {
            switch request {
            case .full:
                return ProviderPage(
                    files: [
                        FileMetadata(id: "a", name: "a.pdf", path: "a.pdf", parents: ["root"]),
                        FileMetadata(id: "b", name: "b.pdf", path: "Plans/b.pdf", parents: ["plans"]),
                        FileMetadata(id: "c", name: "c.pdf", path: "Plans/Old/c.pdf", parents: ["old"]),
                    ],
                    folders: [
                        CatalogFolder(id: "root", name: "Root", path: "", parentID: nil),
                        CatalogFolder(id: "plans", name: "Plans", path: "Plans", parentID: "root"),
                        CatalogFolder(id: "old", name: "Old", path: "Plans/Old", parentID: "plans"),
                    ],
                    isLast: true)
            case .changes:
                // A new file in a known folder is placed by its parent's recorded path; then `Plans` is trashed.
                guard let parent = try await folders.folder(id: "old") else {
                    throw ProviderError(.invalidResponse, "the engine gave no recorded folders")
                }
                return ProviderPage(
                    files: [
                        FileMetadata(id: "d", name: "d.pdf", path: parent.childPath("d.pdf"), parents: ["old"]),
                        FileMetadata(id: "e", name: "e.pdf", path: "e.pdf", parents: ["root"]),
                    ],
                    removedFolderIDs: ["plans"], nextChangeToken: "t2", isLast: true)
            }
        }
    }

    @Test(arguments: SyncEngineTests.StoreKind.allCases)
    func aRemovedFolderTakesItsSubtreeAlong(kind: SyncEngineTests.StoreKind) async throws {
        try await SyncEngineTests().withStore(kind) { store, endpoint in
            let registry = ProviderRegistry().registering(.local) { context in ParentFeedSource(folders: context.folders) }
            let engine = SyncEngine(store: store, registry: registry, environment: [:])
            let full = try await engine.sync(endpoint, trigger: .manual)
            #expect(full.status == .succeeded && full.created == 3)
            #expect(try await store.folder(endpoint: "photos", id: "old")?.path == "Plans/Old")

            let incremental = try await engine.sync(endpoint, trigger: .manual)
            #expect(incremental.mode == .incremental)
            #expect(incremental.status == .succeeded, "\(incremental.error ?? "")")
            #expect(incremental.created == 2)
            #expect(incremental.removed == 3, "b, c and the new d were under the trashed folder")
            let catalog = try await SyncEngineTests.catalog(store)
            #expect(Set(catalog.present.keys) == ["a", "e"])
            #expect(catalog.removed == ["b", "c", "d"])
            #expect(try await store.folder(endpoint: "photos", id: "old") == nil)
            #expect(try await store.folder(endpoint: "photos", id: "root") != nil)
        }
    }
}
