import ConnectorJSON
import ConnectorModel
import ConnectorProvider
import Foundation

extension DriveItem {
    /// Provider fields without a column of their own, as compact JSON with sorted keys (written by hand: the
    /// encoder was a tenth of a full listing's time): `cTag`, `createdBy`, `createdByEmail`, `eTag`, `lastModifiedBy`,
    /// `lastModifiedByEmail`, `packageType`, and `sharepointIds` with its seven ids; absent values are left out.
    var extrasJSON: String {
        var text = "{"
        text.reserveCapacity(512)
        var first = true
        func add(_ key: String, _ value: String?, into text: inout String) {
            guard let value else { return }
            if !first { text += "," }
            first = false
            text += "\""
            text += key
            text += "\":"
            JSONValue.writeString(value, into: &text)
        }
        add("cTag", cTag, into: &text)
        add("createdBy", createdBy?.user?.displayName ?? createdBy?.application?.displayName, into: &text)
        add("createdByEmail", createdBy?.user?.email, into: &text)
        add("eTag", eTag, into: &text)
        add("lastModifiedBy", lastModifiedBy?.user?.displayName ?? lastModifiedBy?.application?.displayName, into: &text)
        add("lastModifiedByEmail", lastModifiedBy?.user?.email, into: &text)
        add("packageType", package?.type, into: &text)
        if let ids = sharepointIds {
            text += first ? "\"sharepointIds\":{" : ",\"sharepointIds\":{"
            first = true
            add("listId", ids.listId, into: &text)
            add("listItemId", ids.listItemId, into: &text)
            add("listItemUniqueId", ids.listItemUniqueId, into: &text)
            add("siteId", ids.siteId, into: &text)
            add("siteUrl", ids.siteUrl, into: &text)
            add("tenantId", ids.tenantId, into: &text)
            add("webId", ids.webId, into: &text)
            text += "}"
        }
        text += "}"
        return text
    }

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
        metadata.extras = extrasJSON
        return metadata
    }
}
