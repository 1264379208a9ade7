import ConnectorModel
import ConnectorProvider

/// The folders of one listing, and where an item whose parent is a given folder belongs: inside the endpoint's
/// subtree at a path, outside it, or not known yet.
///
/// Delta items name their parent by id, never by path, and a renamed folder does not re-send its descendants, so
/// paths are built from the id graph: the folders this listing has seen (in or out of the subtree) take precedence;
/// then, when the listing follows changes, the folders the catalog recorded (all of them inside the subtree as of
/// the last committed page), checked up their parent chain so a folder below one that moved out in this listing is
/// outside too. A full enumeration does not consult old records: it sees every folder again, and a record from an
/// earlier sync could hold a path that changed since.
final class LibraryTree {
    /// Where an item under a folder belongs.
    enum Placement: Equatable {
        /// Inside the subtree; `path` is the folder's path from the endpoint's root ("" for the root).
        case inside(path: String)
        case outside
        /// Neither this listing nor the catalog knows the folder (yet).
        case unknown
    }

    private struct Node {
        var name: String
        var parentID: String?
    }

    let location: LibraryLocation.Resolved
    let includeSubfolders: Bool
    /// The catalog's folders; `nil` while enumerating everything.
    private let directory: (any FolderDirectory)?
    private var seen: [String: Node] = [:]
    private var gone: Set<String> = []
    /// Definite answers (inside or outside) until a folder already seen changes its name or parent or is removed.
    private var placements: [String: Placement] = [:]
    private var records: [String: CatalogFolder?] = [:]

    init(location: LibraryLocation.Resolved, includeSubfolders: Bool, directory: (any FolderDirectory)?) {
        self.location = location
        self.includeSubfolders = includeSubfolders
        self.directory = directory
    }

    /// Takes in folders recorded earlier by the same full enumeration (an interrupted one that resumes).
    func seed(_ folders: [CatalogFolder]) {
        for folder in folders where folder.id != location.scopeRootID {
            seen[folder.id] = Node(name: folder.name, parentID: folder.parentID)
        }
    }

    /// The folder as this listing last saw it, or as the catalog recorded it.
    func previous(_ id: String) async throws -> (name: String, parentID: String?, recorded: Bool)? {
        if let node = seen[id] { return (node.name, node.parentID, false) }
        guard let record = try await recorded(id) else { return nil }
        return (record.name, record.parentID, true)
    }

    /// Whether `id` is a folder this listing saw or the catalog recorded.
    func isFolder(_ id: String) async throws -> Bool {
        if seen[id] != nil || id == location.scopeRootID { return true }
        return try await recorded(id) != nil
    }

    /// Records that folder `id` is called `name` and lives in `parentID` now.
    func record(_ id: String, name: String, parentID: String?) {
        let before = seen[id]
        seen[id] = Node(name: name, parentID: parentID)
        if gone.remove(id) != nil || (before != nil && (before?.name != name || before?.parentID != parentID)) || placements[id] != nil {
            placements = [:]
        }
    }

    /// Records that folder `id` was deleted.
    func remove(_ id: String) {
        seen[id] = nil
        gone.insert(id)
        placements = [:]
    }

    /// Where the children of folder `id` belong.
    func placement(ofChildrenOf id: String) async throws -> Placement {
        try await placement(id, depth: 0)
    }

    /// The path of a child named `name` of a folder at `path`.
    static func join(_ path: String, _ name: String) -> String {
        path.isEmpty ? name : path + "/" + name
    }

    private func placement(_ id: String, depth: Int) async throws -> Placement {
        if id == location.scopeRootID { return .inside(path: "") }
        if id == location.driveRootID || gone.contains(id) || !includeSubfolders { return .outside }
        if let known = placements[id] { return known }
        guard depth < 512 else { return .unknown }
        let placement: Placement
        if let node = seen[id] {
            placement = try await child(node.name, of: node.parentID, depth: depth)
        } else if let record = try await recorded(id) {
            placement = try await child(record.name, of: record.parentID, depth: depth)
        } else {
            placement = .unknown
        }
        if placement != .unknown { placements[id] = placement }
        return placement
    }

    private func child(_ name: String, of parentID: String?, depth: Int) async throws -> Placement {
        guard let parentID else { return .outside }
        switch try await placement(parentID, depth: depth + 1) {
        case .inside(let path): return .inside(path: Self.join(path, name))
        case .outside: return .outside
        case .unknown: return .unknown
        }
    }

    private func recorded(_ id: String) async throws -> CatalogFolder? {
        guard let directory else { return nil }
        if let memo = records[id] { return memo }
        let record = try await directory.folder(id: id)
        records[id] = record
        return record
    }
}
