/// A folder of an endpoint's source as the catalog remembers it, so a change feed that names only a
/// file's parent can place the file (Google Drive) and a folder moved or removed can take its subtree along.
///
/// Folders are bookkeeping, not catalog entries: `get files` never lists them and filters never apply to them.
public struct CatalogFolder: Sendable, Hashable {
    /// The provider's folder id.
    public var id: String
    /// The folder's name.
    public var name: String
    /// The path from the endpoint's root, `/`-separated, no leading slash; empty for the root itself.
    public var path: String
    /// The parent folder's id; nil for the root.
    public var parentID: String?

    /// Creates a folder.
    public init(id: String, name: String, path: String, parentID: String?) {
        self.id = id
        self.name = name
        self.path = path
        self.parentID = parentID
    }

    /// The path of a child called `name`: the name itself under the root, else `path/name`.
    public func childPath(_ name: String) -> String {
        path.isEmpty ? name : path + "/" + name
    }
}
