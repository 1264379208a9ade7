import ConnectorModel
import Foundation

/// A Drive file resource as the `fields` masks of ``DriveFields`` return it. int64 members arrive as strings.
struct DriveFile: Decodable, Sendable {
    struct ShortcutDetails: Decodable, Sendable {
        var targetId: String?
        var targetMimeType: String?
    }

    var id: String
    var name: String?
    var mimeType: String?
    var size: FlexibleInt64?
    var md5Checksum: String?
    var sha256Checksum: String?
    var createdTime: String?
    var modifiedTime: String?
    var version: FlexibleInt64?
    var webViewLink: String?
    var exportLinks: [String: String]?
    var parents: [String]?
    var trashed: Bool?
    var driveId: String?
    var shortcutDetails: ShortcutDetails?

    /// Whether this is a folder.
    var isFolder: Bool { mimeType == DriveQuery.folderMIMEType }

    /// The catalog's record of this file at `path`.
    func metadata(path: String) -> FileMetadata {
        var checksums: [String: String] = [:]
        if let md5Checksum { checksums["md5"] = md5Checksum }
        if let sha256Checksum { checksums["sha256"] = sha256Checksum }
        return FileMetadata(
            id: id, name: name ?? id, path: path, mimeType: mimeType, size: size?.value, checksums: checksums,
            createdAt: createdTime.flatMap(DriveTimestamp.parse), modifiedAt: modifiedTime.flatMap(DriveTimestamp.parse),
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
    var files: [DriveFile]?
    var nextPageToken: String?
    var incompleteSearch: Bool?
}

/// A `changes.list` response.
struct DriveChangeList: Decodable, Sendable {
    struct Change: Decodable, Sendable {
        var changeType: String?
        var removed: Bool?
        var fileId: String?
        var file: DriveFile?
    }

    var changes: [Change]?
    var nextPageToken: String?
    var newStartPageToken: String?
}

/// A `changes.getStartPageToken` response.
struct DriveStartPageToken: Decodable, Sendable {
    var startPageToken: String?
}
