/// A `driveItem` as delta and children listings return it, with the fields the catalog selects (see
/// ``DriveItem/selectedFields``). Delete entries carry little more than `id`, `deleted` and `parentReference`.
struct DriveItem: Decodable, Sendable {
    struct Reference: Decodable, Sendable {
        var id: String?
        var driveId: String?
        var driveType: String?
        var siteId: String?
    }

    struct Hashes: Decodable, Sendable {
        var quickXorHash: String?
        var sha1Hash: String?
        var sha256Hash: String?
        var crc32Hash: String?
    }

    struct FileFacet: Decodable, Sendable {
        var mimeType: String?
        var hashes: Hashes?
    }

    struct PackageFacet: Decodable, Sendable {
        var type: String?
    }

    struct Present: Decodable, Sendable {}

    struct Identity: Decodable, Sendable {
        var displayName: String?
        var email: String?
        var id: String?
    }

    struct IdentitySet: Decodable, Sendable {
        var user: Identity?
        var application: Identity?
    }

    struct SharePointIDs: Codable, Sendable, Hashable {
        var listId: String?
        var listItemId: String?
        var listItemUniqueId: String?
        var siteId: String?
        var siteUrl: String?
        var webId: String?
        var tenantId: String?
    }

    struct FileSystemInfo: Decodable, Sendable {
        var createdDateTime: String?
        var lastModifiedDateTime: String?
    }

    /// What the item is, from its facets.
    enum Kind: Equatable {
        case deleted, root, folder, file
        /// A OneNote notebook or another package: a leaf in the catalog.
        case package
    }

    /// The `$select` of every listing: exactly what the catalog keeps, and the facets that tell an item's kind.
    static let selectedFields =
        "id,name,size,eTag,cTag,createdDateTime,lastModifiedDateTime,createdBy,lastModifiedBy,webUrl,parentReference,file,folder,package,root,deleted,fileSystemInfo,sharepointIds"

    var id: String
    var name: String?
    var size: Int64?
    var eTag: String?
    var cTag: String?
    var createdDateTime: String?
    var lastModifiedDateTime: String?
    var createdBy: IdentitySet?
    var lastModifiedBy: IdentitySet?
    var webUrl: String?
    var parentReference: Reference?
    var file: FileFacet?
    var folder: Present?
    var package: PackageFacet?
    var root: Present?
    var deleted: Present?
    var fileSystemInfo: FileSystemInfo?
    var sharepointIds: SharePointIDs?

    var kind: Kind {
        if deleted != nil { return .deleted }
        if root != nil { return .root }
        if package != nil { return .package }
        if folder != nil { return .folder }
        return .file
    }

    var parentID: String? { parentReference?.id }
}

/// One page of a listing: `value` and exactly one of `@odata.nextLink` or `@odata.deltaLink` (children listings have
/// only the first).
struct DriveItemPage: Decodable, Sendable {
    var value: [DriveItem]
    var nextLink: String?
    var deltaLink: String?

    enum CodingKeys: String, CodingKey {
        case value
        case nextLink = "@odata.nextLink"
        case deltaLink = "@odata.deltaLink"
    }
}
