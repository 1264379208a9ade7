/// One file or folder in ``FakeGoogleDrive``, with the members the fake can render.
public struct FakeDriveItem: Sendable, Hashable {
    /// The file id.
    public var id: String
    /// The name (not unique within a folder).
    public var name: String
    /// The MIME type; folders are `application/vnd.google-apps.folder`.
    public var mimeType: String
    /// Parent folder ids (usually one; none for a top-level item or a shared drive's root).
    public var parents: [String]
    /// Trashed directly (children of a trashed folder are trashed through it).
    public var explicitlyTrashed: Bool
    /// Size of binary content; nil for folders, shortcuts and Workspace files.
    public var size: Int64?
    /// MD5 of binary content.
    public var md5Checksum: String?
    /// SHA-256 of binary content.
    public var sha256Checksum: String?
    /// RFC 3339 with milliseconds.
    public var createdTime: String
    /// RFC 3339 with milliseconds.
    public var modifiedTime: String
    /// Grows on every change.
    public var version: Int64
    /// The shared drive holding the item, if any.
    public var driveID: String?
    /// Export links of Workspace files.
    public var exportLinks: [String: String]
    /// A shortcut's target.
    public var shortcutTargetID: String?
    /// A shortcut's target MIME type.
    public var shortcutTargetMimeType: String?

    /// The folder MIME type.
    public static let folderMIMEType = "application/vnd.google-apps.folder"
    /// The shortcut MIME type.
    public static let shortcutMIMEType = "application/vnd.google-apps.shortcut"

    /// Whether this is a folder.
    public var isFolder: Bool { mimeType == Self.folderMIMEType }

    /// Whether this is a Google Workspace type (no binary content), folders and shortcuts included.
    public var isWorkspace: Bool { mimeType.hasPrefix("application/vnd.google-apps.") }

    /// The browser link Drive would give.
    public var webViewLink: String {
        isFolder ? "https://drive.google.com/drive/folders/\(id)" : "https://drive.google.com/file/d/\(id)/view?usp=drivesdk"
    }
}

/// What the catalog should hold for one file under a root: the fake's ground truth.
public struct FakeDriveTruth: Sendable, Hashable {
    /// The file.
    public var item: FakeDriveItem
    /// Every path under the root by which the file is reachable (more than one for several parents), sorted.
    public var paths: [String]
}
