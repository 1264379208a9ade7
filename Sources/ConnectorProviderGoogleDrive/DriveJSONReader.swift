import ConnectorProvider

/// A hand-written reader for the two large Drive responses (`files.list`, `changes.list`): a full listing reads a
/// thousand file resources per page, and Foundation's `JSONDecoder` was the client's largest cost. Members it does
/// not know are skipped; anything malformed throws, and the caller falls back to `JSONDecoder`.
enum DriveJSONReader {
    typealias Malformed = JSONByteReader.Malformed

    /// How deep unknown members may nest before the reader gives up.
    static let maximumSkipDepth = JSONByteReader.maximumSkipDepth

    /// What a page's files repeat, read once per page: their MIME types, the folders whose children come together,
    /// the shared drive.
    struct Repeated {
        var mimeTypes = JSONByteReader.RecentStrings(capacity: 8)
        var parents = JSONByteReader.RecentStrings(capacity: 4)
        var drives = JSONByteReader.RecentStrings(capacity: 1)
    }

    /// A `files.list` response.
    static func fileList(_ bytes: [UInt8]) throws -> DriveFileList {
        var list = DriveFileList()
        var repeated = Repeated()
        try JSONByteReader.reading(bytes) { reader in
            try reader.object { reader, key in
                switch key {
                case "nextPageToken": list.nextPageToken = try reader.string()
                case "incompleteSearch": list.incompleteSearch = try reader.bool()
                case "files": list.files = try reader.array { try file(&$0, &repeated) }
                default: try reader.skip()
                }
            }
        }
        return list
    }

    /// A `changes.list` response.
    static func changeList(_ bytes: [UInt8]) throws -> DriveChangeList {
        var list = DriveChangeList()
        var repeated = Repeated()
        try JSONByteReader.reading(bytes) { reader in
            try reader.object { reader, key in
                switch key {
                case "nextPageToken": list.nextPageToken = try reader.string()
                case "newStartPageToken": list.newStartPageToken = try reader.string()
                case "changes":
                    list.changes = try reader.array { reader in
                        var change = DriveChangeList.Change()
                        try reader.object { reader, key in
                            switch key {
                            case "changeType": change.changeType = try reader.string()
                            case "removed": change.removed = try reader.bool()
                            case "fileId": change.fileId = try reader.string()
                            case "file": change.file = try file(&reader, &repeated)
                            default: try reader.skip()
                            }
                        }
                        return change
                    }
                default: try reader.skip()
                }
            }
        }
        return list
    }

    private static func file(_ reader: inout JSONByteReader, _ repeated: inout Repeated) throws -> DriveFile {
        var file = DriveFile(id: "")
        try reader.object { reader, key in
            switch key {
            case "id": file.id = try reader.string()
            case "name": file.name = try reader.string()
            case "mimeType": file.mimeType = try reader.string(&repeated.mimeTypes)
            case "size": file.size = FlexibleInt64(try reader.int64())
            case "md5Checksum": file.md5Checksum = try reader.string()
            case "sha256Checksum": file.sha256Checksum = try reader.string()
            case "createdTime": file.createdTime = try reader.string()
            case "modifiedTime": file.modifiedTime = try reader.string()
            case "version": file.version = FlexibleInt64(try reader.int64())
            case "webViewLink": file.webViewLink = try reader.string()
            case "parents": file.parents = try reader.array { try $0.string(&repeated.parents) }
            case "trashed": file.trashed = try reader.bool()
            case "driveId": file.driveId = try reader.string(&repeated.drives)
            case "exportLinks":
                var links: [String: String] = [:]
                try reader.object { reader, key in links[key.description] = try reader.string() }
                file.exportLinks = links
            case "shortcutDetails":
                var details = DriveFile.ShortcutDetails()
                try reader.object { reader, key in
                    switch key {
                    case "targetId": details.targetId = try reader.string()
                    case "targetMimeType": details.targetMimeType = try reader.string()
                    default: try reader.skip()
                    }
                }
                file.shortcutDetails = details
            default: try reader.skip()
            }
        }
        guard !file.id.isEmpty else { throw Malformed() }
        return file
    }
}
