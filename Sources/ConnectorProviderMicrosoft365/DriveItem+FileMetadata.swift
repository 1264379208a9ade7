import ConnectorModel
import ConnectorProvider
import Foundation

extension DriveItem {
    /// Provider fields without a column of their own, kept as JSON in the record's extras.
    struct Extras: Encodable {
        var eTag: String?
        var cTag: String?
        var createdBy: String?
        var createdByEmail: String?
        var lastModifiedBy: String?
        var lastModifiedByEmail: String?
        var packageType: String?
        var sharepointIds: SharePointIDs?
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// The catalog record of this leaf item (a file or a notebook) in the folder at `folderPath`.
    ///
    /// Checksums are whichever hashes the item has: `quickXorHash` on SharePoint and OneDrive for Business (absent
    /// for a moment after an upload), `sha1Hash`, `sha256Hash` and `crc32Hash` where a drive reports them. The version
    /// is the content tag (`cTag`), or the `eTag` when the service left the content tag out.
    func fileMetadata(folderPath: String) -> FileMetadata {
        let name = name ?? id
        var checksums: [String: String] = [:]
        if let hashes = file?.hashes {
            if let value = hashes.quickXorHash { checksums["quickXorHash"] = value }
            if let value = hashes.sha1Hash { checksums["sha1"] = value.lowercased() }
            if let value = hashes.sha256Hash { checksums["sha256"] = value.lowercased() }
            if let value = hashes.crc32Hash { checksums["crc32"] = value.lowercased() }
        }
        var metadata = FileMetadata(
            id: id, name: name, path: folderPath.isEmpty ? name : folderPath + "/" + name, size: size, checksums: checksums,
            createdAt: createdDateTime.flatMap { Timestamp.parse($0, zoneOptional: true) },
            modifiedAt: lastModifiedDateTime.flatMap { Timestamp.parse($0, zoneOptional: true) }, version: cTag ?? eTag, webLink: webUrl,
            parents: parentID.map { [$0] } ?? [])
        metadata.mimeType =
            file?.mimeType ?? (package?.type == "oneNote" ? "application/msonenote" : MIMEType.forExtension(metadata.fileExtension))
        let extras = Extras(
            eTag: eTag, cTag: cTag, createdBy: createdBy?.user?.displayName ?? createdBy?.application?.displayName,
            createdByEmail: createdBy?.user?.email,
            lastModifiedBy: lastModifiedBy?.user?.displayName ?? lastModifiedBy?.application?.displayName,
            lastModifiedByEmail: lastModifiedBy?.user?.email, packageType: package?.type, sharepointIds: sharepointIds)
        metadata.extras = (try? Self.encoder.encode(extras)).map { String(decoding: $0, as: UTF8.self) }
        return metadata
    }
}
