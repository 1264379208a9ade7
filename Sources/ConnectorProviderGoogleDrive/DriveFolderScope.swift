import ConnectorModel
import ConnectorProvider

/// Which folders are inside the endpoint's subtree during one change-feed listing, and at which paths.
///
/// Answers come from an in-memory overlay of the folders this listing changed (moved, renamed, removed, walked)
/// and otherwise from the catalog's ``FolderDirectory``, whose records are checked up the parent chain to the
/// root, so a folder below a folder that moved out in this listing is outside too. Answers from the directory are
/// memoized until the overlay changes.
final class DriveFolderScope {
    private enum Entry {
        case folder(CatalogFolder)
        case removed
    }

    /// The endpoint's root folder: path "" and no parent.
    let root: CatalogFolder
    let directory: any FolderDirectory
    private let includeSubfolders: Bool
    private var overlay: [String: Entry] = [:]
    private var memo: [String: CatalogFolder?] = [:]

    /// A scope below `rootID`, backed by `directory`.
    init(rootID: String, directory: any FolderDirectory, includeSubfolders: Bool) {
        root = CatalogFolder(id: rootID, name: "", path: "", parentID: nil)
        self.directory = directory
        self.includeSubfolders = includeSubfolders
    }

    /// The folder with `id` and its current path when it is inside the subtree; nil when it is outside or unknown.
    /// With `includeSubfolders: false` only the root is inside.
    func resolve(_ id: String) async throws -> CatalogFolder? {
        try await resolve(id, depth: 0)
    }

    private func resolve(_ id: String, depth: Int) async throws -> CatalogFolder? {
        if id == root.id { return root }
        guard includeSubfolders, depth < 256 else { return nil }
        switch overlay[id] {
        case .folder(let folder): return folder
        case .removed: return nil
        case nil: break
        }
        if let known = memo[id] { return known }
        var resolved: CatalogFolder?
        if let recorded = try await directory.folder(id: id), let parentID = recorded.parentID,
            let parent = try await resolve(parentID, depth: depth + 1)
        {
            resolved = CatalogFolder(id: id, name: recorded.name, path: parent.childPath(driveName: recorded.name), parentID: parentID)
        }
        memo[id] = resolved
        return resolved
    }

    /// The first of `parents` that is inside the subtree.
    func firstInside(_ parents: [String]) async throws -> CatalogFolder? {
        for parent in parents {
            if let folder = try await resolve(parent) { return folder }
        }
        return nil
    }

    /// Records `folder` (moved, renamed or walked in this listing) as inside, at its new path.
    func record(_ folder: CatalogFolder) {
        overlay[folder.id] = .folder(folder)
        memo = [:]
    }

    /// Records that `id` left the subtree in this listing (with everything below it).
    func remove(_ id: String) {
        overlay[id] = .removed
        memo = [:]
    }
}
