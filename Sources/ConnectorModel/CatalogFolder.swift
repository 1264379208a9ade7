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
    /// Whether the folder is known to have no child: true once a listing found it empty by a query it can vouch
    /// for, false once it found a child. Nil on a record that does not say, which leaves the catalog's knowledge as
    /// it was. The store turns it false whenever it records a file or folder under the folder, so true always means
    /// that the catalog holds nothing below it, and a listing that trusts it can never sweep a live file.
    public var isEmpty: Bool?
    /// Whether a full listing has had every child of the folder. A provider sets it on the record it reports once it
    /// has (the store remembers when); read back by ``CatalogStore``'s `folders(endpoint:seenSince:)`, it says whether
    /// that happened since the given time, so an interrupted listing resumes from the folders it had not finished.
    public var childrenListed: Bool

    /// Creates a folder.
    public init(id: String, name: String, path: String, parentID: String?, isEmpty: Bool? = nil, childrenListed: Bool = false) {
        self.id = id
        self.name = name
        self.path = path
        self.parentID = parentID
        self.isEmpty = isEmpty
        self.childrenListed = childrenListed
    }

    /// The path of a child called `name`: the name itself under the root, else `path/name`.
    public func childPath(_ name: String) -> String {
        path.isEmpty ? name : path + "/" + name
    }
}
