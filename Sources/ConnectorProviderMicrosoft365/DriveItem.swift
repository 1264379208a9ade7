/// A `driveItem` as delta and children listings return it, with the fields the catalog selects (see
/// ``DriveItem/selectedFields``). Delete entries carry little more than `id`, `deleted` and `parentReference`.
struct DriveItem: Decodable, Sendable, Equatable {
    /// The parent: only its id is used (delta's parent references carry no path).
    struct Reference: Decodable, Sendable, Equatable {
        var id: String? = nil
    }

    struct Hashes: Decodable, Sendable, Equatable {
        var quickXorHash: String? = nil
        var sha1Hash: String? = nil
        var sha256Hash: String? = nil
        var crc32Hash: String? = nil
    }

    struct FileFacet: Decodable, Sendable, Equatable {
        var mimeType: String? = nil
        var hashes: Hashes? = nil
    }

    struct PackageFacet: Decodable, Sendable, Equatable {
        var type: String? = nil
    }

    struct Present: Decodable, Sendable, Equatable {}

    struct Identity: Decodable, Sendable, Equatable {
        var displayName: String? = nil
        var email: String? = nil
    }

    struct IdentitySet: Decodable, Sendable, Equatable {
        var user: Identity? = nil
        var application: Identity? = nil
    }

    struct SharePointIDs: Codable, Sendable, Hashable {
        var listId: String? = nil
        var listItemId: String? = nil
        var listItemUniqueId: String? = nil
        var siteId: String? = nil
        var siteUrl: String? = nil
        var webId: String? = nil
        var tenantId: String? = nil
    }

    /// What the item is, from its facets.
    enum Kind: Equatable {
        case deleted, root, folder, file
        /// A OneNote notebook or another package: a leaf in the catalog.
        case package
    }

    /// The `$select` of every listing: exactly what the catalog keeps, and the facets that tell an item's kind
    /// (`fileSystemInfo`, the times a client claims, is not kept: the catalog records the service's own).
    static let selectedFields =
        "id,name,size,eTag,cTag,createdDateTime,lastModifiedDateTime,createdBy,lastModifiedBy,webUrl,parentReference,file,folder,package,root,deleted,sharepointIds"

    var id: String
    var name: String? = nil
    var size: Int64? = nil
    var eTag: String? = nil
    var cTag: String? = nil
    var createdDateTime: String? = nil
    var lastModifiedDateTime: String? = nil
    var createdBy: IdentitySet? = nil
    var lastModifiedBy: IdentitySet? = nil
    var webUrl: String? = nil
    var parentReference: Reference? = nil
    var file: FileFacet? = nil
    var folder: Present? = nil
    var package: PackageFacet? = nil
    var root: Present? = nil
    var deleted: Present? = nil
    var sharepointIds: SharePointIDs? = nil

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
struct DriveItemPage: Decodable, Sendable, Equatable {
    var value: [DriveItem]
    var nextLink: String? = nil
    var deltaLink: String? = nil

    enum CodingKeys: String, CodingKey {
        case value
        case nextLink = "@odata.nextLink"
        case deltaLink = "@odata.deltaLink"
    }
}
