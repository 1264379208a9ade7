/// The kind of a driveItem, as its facets tell it.
public enum FakeGraphItemKind: String, Sendable, Hashable {
    /// A file (`file` facet).
    case file
    /// A folder (`folder` facet).
    case folder
    /// A OneNote notebook (`package` facet `{"type":"oneNote"}`): a leaf for a catalog.
    case notebook
    /// The drive's root (`root` facet).
    case root
}

/// The SharePoint ids of an item (`sharepointIds`).
public struct FakeGraphSharePointIDs: Sendable, Hashable {
    /// The document library's list GUID.
    public var listId: String
    /// The list item's integer id, as a string.
    public var listItemId: String
    /// The list item's unique GUID (also inside `eTag` and `cTag`).
    public var listItemUniqueId: String
    /// The site collection GUID.
    public var siteId: String
    /// The site's URL.
    public var siteUrl: String
    /// The web GUID.
    public var webId: String
    /// The tenant GUID.
    public var tenantId: String
}

/// One driveItem of ``FakeMicrosoftGraph`` as it is now (a value; mutate the fake to change it).
public struct FakeGraphItem: Sendable, Hashable {
    /// The item id: `01` and 32 characters of `[A-Z2-7]`.
    public var id: String
    /// The name (`root` for the root).
    public var name: String
    /// The parent folder's id; nil for the root.
    public var parentID: String?
    /// The drive (`b!…`).
    public var driveID: String
    /// File, folder, notebook or root.
    public var kind: FakeGraphItemKind
    /// Bytes; for folders and the root, the total of the descendants.
    public var size: Int64
    /// The file's MIME type.
    public var mimeType: String?
    /// base64 QuickXorHash of the content; nil for folders and while the hash is pending.
    public var quickXorHash: String?
    /// `"{GUID},N"`, double quotes included.
    public var eTag: String
    /// `"c:{GUID},N"`; nil for folders and the root (never sent for them).
    public var cTag: String?
    /// ISO 8601, second precision, `Z`.
    public var createdDateTime: String
    /// ISO 8601, second precision, `Z`.
    public var lastModifiedDateTime: String
    /// `createdBy.user.displayName`.
    public var createdByName: String
    /// `createdBy.user.email`.
    public var createdByEmail: String
    /// `lastModifiedBy.user.displayName`.
    public var lastModifiedByName: String
    /// `lastModifiedBy.user.email`.
    public var lastModifiedByEmail: String
    /// The browser URL, percent-encoded.
    public var webUrl: String
    /// The SharePoint ids.
    public var sharepointIds: FakeGraphSharePointIDs
    /// Deleted (directly or with a deleted folder).
    public var isDeleted: Bool
}

/// What the catalog should hold for one leaf item (file or notebook) under a folder: the fake's ground truth.
public struct FakeGraphTruth: Sendable, Hashable {
    /// The item.
    public var item: FakeGraphItem
    /// Its path relative to the folder, e.g. `Drawings/A-101.pdf`.
    public var path: String
}
