/// The `googleDrive` block: which folder or shared drive to catalog.
public struct GoogleDriveSource: Sendable, Hashable, Codable {
    /// The root folder's id.
    public var folderId: String
    /// The shared drive holding the folder, if it is on one.
    public var sharedDriveId: String?
    /// Walk subfolders (default true).
    public var includeSubfolders: Bool?
    /// The user to impersonate through domain-wide delegation.
    public var subject: String?
    /// API root override for proxies and emulators.
    public var apiURL: String?

    /// Creates a source.
    public init(
        folderId: String, sharedDriveId: String? = nil, includeSubfolders: Bool? = nil, subject: String? = nil, apiURL: String? = nil
    ) {
        self.folderId = folderId
        self.sharedDriveId = sharedDriveId
        self.includeSubfolders = includeSubfolders
        self.subject = subject
        self.apiURL = apiURL
    }
}

/// The `autodeskAcc` block: which hub, project and folders to catalog.
public struct AutodeskAccSource: Sendable, Hashable, Codable {
    /// The hub (account) id, `b.` prefixed.
    public var hubId: String
    /// The project id, `b.` prefixed.
    public var projectId: String
    /// Folders to walk; the project's top folders when absent.
    public var folderIds: [String]?
    /// The data region (`US`, `EMEA`, `AUS`, ...).
    public var region: String?
    /// API root override for proxies and emulators.
    public var apiURL: String?

    /// Creates a source.
    public init(hubId: String, projectId: String, folderIds: [String]? = nil, region: String? = nil, apiURL: String? = nil) {
        self.hubId = hubId
        self.projectId = projectId
        self.folderIds = folderIds
        self.region = region
        self.apiURL = apiURL
    }
}

/// The `local` block: a directory tree on this machine (or a mounted share).
public struct LocalSource: Sendable, Hashable, Codable {
    /// The root directory; relative paths are taken from the manifest's directory.
    public var path: String
    /// Compute a SHA-256 of each file.
    public var checksums: Bool?
    /// Follow symbolic links.
    public var followSymlinks: Bool?

    /// Creates a source.
    public init(path: String, checksums: Bool? = nil, followSymlinks: Bool? = nil) {
        self.path = path
        self.checksums = checksums
        self.followSymlinks = followSymlinks
    }
}
