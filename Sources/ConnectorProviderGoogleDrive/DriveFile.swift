import ConnectorModel
import Foundation

/// A Drive file resource as the `fields` masks of ``DriveFields`` return it. int64 members arrive as strings.
struct DriveFile: Decodable, Sendable {
    struct ShortcutDetails: Decodable, Sendable {
        var targetId: String? = nil
        var targetMimeType: String? = nil
    }

    var id: String
    var name: String? = nil
    var mimeType: String? = nil
    var size: FlexibleInt64? = nil
    var md5Checksum: String? = nil
    var sha256Checksum: String? = nil
    var createdTime: String? = nil
    var modifiedTime: String? = nil
    var version: FlexibleInt64? = nil
    var webViewLink: String? = nil
    var exportLinks: [String: String]? = nil
    var parents: [String]? = nil
    var trashed: Bool? = nil
    var driveId: String? = nil
    var shortcutDetails: ShortcutDetails? = nil

    /// Whether this is a folder.
    var isFolder: Bool { mimeType == DriveQuery.folderMIMEType }

    /// The catalog's record of this file at `path`.
    func metadata(path: String) -> FileMetadata {
        // Made whole at once: a dictionary made for one entry is rebuilt when a second comes.
        let checksums: [String: String]
        switch (md5Checksum, sha256Checksum) {
        case (let md5?, let sha256?): checksums = ["md5": md5, "sha256": sha256]
        case (let md5?, nil): checksums = ["md5": md5]
        case (nil, let sha256?): checksums = ["sha256": sha256]
        case (nil, nil): checksums = [:]
        }
        return FileMetadata(
            id: id, name: name ?? id, path: path, mimeType: mimeType, size: size?.value, checksums: checksums,
            createdAt: createdTime.flatMap { Timestamp.parse($0) }, modifiedAt: modifiedTime.flatMap { Timestamp.parse($0) },
            version: version.map { String($0.value) }, webLink: webViewLink, exportLinks: exportLinks ?? [:],
            parents: parents ?? [], extras: extras)
    }

    /// Shortcut details as compact JSON with sorted keys (shortcuts are recorded, never followed).
    private var extras: String? {
        guard let shortcutDetails, shortcutDetails.targetId != nil || shortcutDetails.targetMimeType != nil else { return nil }
        var members: [String] = []
        if let id = shortcutDetails.targetId { members.append(#""shortcutTargetId":"# + Self.jsonString(id)) }
        if let mime = shortcutDetails.targetMimeType { members.append(#""shortcutTargetMimeType":"# + Self.jsonString(mime)) }
        return "{" + members.joined(separator: ",") + "}"
    }

    private static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

/// A `files.list` response.
struct DriveFileList: Decodable, Sendable {
    var files: [DriveFile]? = nil
    var nextPageToken: String? = nil
    var incompleteSearch: Bool? = nil
}

/// A `changes.list` response.
struct DriveChangeList: Decodable, Sendable {
    struct Change: Decodable, Sendable {
        var changeType: String? = nil
        var removed: Bool? = nil
        var fileId: String? = nil
        var file: DriveFile? = nil
    }

    var changes: [Change]? = nil
    var nextPageToken: String? = nil
    var newStartPageToken: String? = nil
}

/// A `changes.getStartPageToken` response.
struct DriveStartPageToken: Decodable, Sendable {
    var startPageToken: String?
}

/// `drives.get` with `fields=id`.
struct DriveSharedDrive: Decodable, Sendable {
    var id: String?
}
