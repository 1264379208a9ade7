import ConnectorJSON
import ConnectorModel
import ConnectorProvider
import Foundation

extension DriveItem {
    /// Provider fields without a column of their own, as compact JSON with sorted keys (written by hand: the
    /// encoder was a tenth of a full listing's time): `cTag`, `createdBy`, `createdByEmail`, `eTag`, `lastModifiedBy`,
    /// `lastModifiedByEmail`, `packageType`, and `sharepointIds` with its seven ids; absent values are left out.
    var extrasJSON: String {
        // Built as bytes and made a string once: appending to a string piece by piece was most of this.
        var bytes: [UInt8] = [0x7B]
        bytes.reserveCapacity(640)
        var first = true
        func add(_ key: StaticString, _ value: String?, into bytes: inout [UInt8]) {
            guard let value else { return }
            if !first { bytes.append(0x2C) }
            first = false
            bytes.append(0x22)
            bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            bytes.append(contentsOf: [0x22, 0x3A])
            JSONValue.writeString(value, into: &bytes)
        }
        add("cTag", cTag, into: &bytes)
        add("createdBy", createdBy?.user?.displayName ?? createdBy?.application?.displayName, into: &bytes)
        add("createdByEmail", createdBy?.user?.email, into: &bytes)
        add("eTag", eTag, into: &bytes)
        add("lastModifiedBy", lastModifiedBy?.user?.displayName ?? lastModifiedBy?.application?.displayName, into: &bytes)
        add("lastModifiedByEmail", lastModifiedBy?.user?.email, into: &bytes)
        add("packageType", package?.type, into: &bytes)
        if let ids = sharepointIds {
            bytes.append(contentsOf: Array((first ? "\"sharepointIds\":{" : ",\"sharepointIds\":{").utf8))
            first = true
            add("listId", ids.listId, into: &bytes)
            add("listItemId", ids.listItemId, into: &bytes)
            add("listItemUniqueId", ids.listItemUniqueId, into: &bytes)
            add("siteId", ids.siteId, into: &bytes)
            add("siteUrl", ids.siteUrl, into: &bytes)
            add("tenantId", ids.tenantId, into: &bytes)
            add("webId", ids.webId, into: &bytes)
            bytes.append(0x7D)
        }
        bytes.append(0x7D)
        return String(decoding: bytes, as: UTF8.self)
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
