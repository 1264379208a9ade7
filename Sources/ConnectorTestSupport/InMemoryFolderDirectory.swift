import ConnectorModel
import ConnectorProvider
import NIOConcurrencyHelpers

/// A ``FolderDirectory`` held in memory, for provider tests that run without a store.
public final class InMemoryFolderDirectory: FolderDirectory {
    private let folders: NIOLockedValueBox<[String: CatalogFolder]>

    /// A directory holding `folders`.
    public init(_ folders: [CatalogFolder] = []) {
        self.folders = NIOLockedValueBox(Dictionary(folders.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last }))
    }

    /// Records or replaces folders, as the engine does with a page's folders.
    public func record(_ folders: [CatalogFolder]) {
        self.folders.withLockedValue { table in
            for folder in folders { table[folder.id] = folder }
        }
    }

    /// Forgets `id` and every folder below it, as the engine does for a removed folder.
    public func remove(_ id: String) {
        folders.withLockedValue { table in
            guard let gone = table[id] else { return }
            table = table.filter { $0.key != id && !$0.value.path.hasPrefix(gone.path + "/") }
        }
    }

    /// The folder with `id`, or nil.
    public func folder(id: String) async throws -> CatalogFolder? {
        folders.withLockedValue { $0[id] }
    }
}
