import ConnectorModel
import ConnectorProvider
import Foundation

/// Maps an item (a file's lineage) and its tip version to the catalog's file record.
enum ItemFile {
    /// Provider extras kept as JSON (users, types, ids).
    struct Extras: Encodable {
        var createUserId: String?
        var createUserName: String?
        var lastModifiedUserId: String?
        var lastModifiedUserName: String?
        var itemType: String?
        var versionType: String?
        var versionId: String
        var fileType: String?
        var storageUrn: String?
        var reserved: Bool?
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The file for `item` with tip `tip` in the folder `folderID` at `folderPath`.
    ///
    /// The name is the version's `name` (for ACC/BIM 360 the item's `displayName` is reserved); the id is the
    /// lineage id, the version the tip's `versionNumber`; created = the item's `createTime` and user, modified =
    /// the tip's `lastModifiedTime` and user; the MIME type comes from the extension (`fileType` when the name
    /// has none).
    static func make(item: JSONAPIResource, tip: JSONAPIResource, folderID: String, folderPath: String) -> FileMetadata {
        let itemAttributes = item.attributes
        let tipAttributes = tip.attributes
        let name = tipAttributes?.name ?? itemAttributes?.displayName ?? item.id
        var file = FileMetadata(
            id: item.id, name: name, path: folderPath.isEmpty ? name : folderPath + "/" + name, size: tipAttributes?.storageSize,
            createdAt: (itemAttributes?.createTime ?? tipAttributes?.createTime).flatMap { Timestamp.parse($0, zoneOptional: true) },
            modifiedAt: (tipAttributes?.lastModifiedTime ?? itemAttributes?.lastModifiedTime).flatMap {
                Timestamp.parse($0, zoneOptional: true)
            },
            version: tipAttributes?.versionNumber.map(String.init), webLink: tip.links?.webView?.href ?? item.links?.webView?.href,
            parents: [folderID])
        let ext = file.fileExtension.isEmpty ? (tipAttributes?.fileType ?? "").lowercased() : file.fileExtension
        file.mimeType = MIMEType.forExtension(ext)
        let extras = Extras(
            createUserId: itemAttributes?.createUserId, createUserName: itemAttributes?.createUserName,
            lastModifiedUserId: tipAttributes?.lastModifiedUserId ?? itemAttributes?.lastModifiedUserId,
            lastModifiedUserName: tipAttributes?.lastModifiedUserName ?? itemAttributes?.lastModifiedUserName,
            itemType: itemAttributes?.extension?.type, versionType: tipAttributes?.extension?.type, versionId: tip.id,
            fileType: tipAttributes?.fileType, storageUrn: tip.relationships?.storage?.data?.id, reserved: itemAttributes?.reserved)
        file.extras = (try? encoder.encode(extras)).map { String(decoding: $0, as: UTF8.self) }
        return file
    }
}
