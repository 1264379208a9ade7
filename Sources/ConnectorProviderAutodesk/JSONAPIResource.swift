/// A JSON:API resource object of the Data Management API (hub, project, folder, item or version), decoded with
/// only the members the provider reads; everything is optional so one shape serves every type.
struct JSONAPIResource: Decodable, Sendable {
    struct Attributes: Decodable, Sendable {
        var name: String?
        var displayName: String?
        var hidden: Bool?
        var reserved: Bool?
        var versionNumber: Int?
        var fileType: String?
        var mimeType: String?
        var storageSize: Int64?
        var createTime: String?
        var createUserId: String?
        var createUserName: String?
        var lastModifiedTime: String?
        var lastModifiedUserId: String?
        var lastModifiedUserName: String?
        var lastModifiedTimeRollup: String?
        var `extension`: Extension?
    }

    struct Extension: Decodable, Sendable {
        var type: String?
    }

    struct Linkage: Decodable, Sendable {
        var type: String?
        var id: String?
    }

    struct Relationship: Decodable, Sendable {
        var data: Linkage?
    }

    struct Relationships: Decodable, Sendable {
        var tip: Relationship?
        var parent: Relationship?
        var item: Relationship?
        var storage: Relationship?
        var rootFolder: Relationship?
    }

    struct Link: Decodable, Sendable {
        var href: String?
    }

    struct Links: Decodable, Sendable {
        var `self`: Link?
        var webView: Link?
        var next: Link?
    }

    var type: String
    var id: String
    var attributes: Attributes?
    var relationships: Relationships?
    var links: Links?

    /// `hidden: true`: deleted in ACC / BIM 360 Docs.
    var isHidden: Bool { attributes?.hidden ?? false }

    /// A version of type `versions:autodesk.core:Deleted`: the tip of a deleted file.
    var isDeletedVersion: Bool { attributes?.extension?.type == "versions:autodesk.core:Deleted" }
}

/// A document whose `data` is a list (hubs, top folders, folder contents).
struct JSONAPIList: Decodable, Sendable {
    var data: [JSONAPIResource]
    var included: [JSONAPIResource]?
    var links: JSONAPIResource.Links?
}

/// A document whose `data` is one resource (a folder, a project, an item's tip).
struct JSONAPISingle: Decodable, Sendable {
    var data: JSONAPIResource
    var included: [JSONAPIResource]?
}
