/// The `microsoft365` block as written in a manifest: which SharePoint site or OneDrive, which document library and
/// which folder in it to catalog. ``Microsoft365Source`` is its typed form.
public struct Microsoft365Block: Sendable, Hashable, Codable {
    /// The `site` block: `hostname` and server-relative `path`, or the site `id`.
    public struct Site: Sendable, Hashable, Codable {
        /// The SharePoint host, such as `contoso.sharepoint.com` (`contoso-my.sharepoint.com` for OneDrive).
        public var hostname: String?
        /// The site's server-relative path, such as `/sites/Engineering` or `/personal/ada_contoso_com`.
        public var path: String?
        /// The composite site id `hostname,siteCollectionGuid,webGuid`.
        public var id: String?

        /// Creates a site reference.
        public init(hostname: String? = nil, path: String? = nil, id: String? = nil) {
            self.hostname = hostname
            self.path = path
            self.id = id
        }
    }

    /// The directory (tenant): its GUID or a verified domain such as `contoso.onmicrosoft.com`.
    public var tenant: String
    /// The site whose library is cataloged.
    public var site: Site
    /// The document library by name: its display name or the last segment of its URL. Default: the site's default
    /// library.
    public var library: String?
    /// The document library (drive) by id (`b!…`).
    public var libraryId: String?
    /// A folder inside the library, by path from the library's root (`Drawings/2024`). Default: the whole library.
    public var folder: String?
    /// A folder inside the library, by item id.
    public var folderId: String?
    /// Catalog the folders below the root folder too (default true).
    public var includeSubfolders: Bool?
    /// The app's SharePoint resource-unit budget per minute in this tenant (default 1200, the smallest tenant's).
    public var resourceUnitsPerMinute: Int?
    /// The Microsoft Graph root, for national clouds, proxies and emulators. Default `https://graph.microsoft.com`.
    public var apiURL: String?
    /// The Entra token authority, for national clouds, proxies and emulators. Default `https://login.microsoftonline.com`.
    public var loginURL: String?

    /// Creates a block.
    public init(
        tenant: String, site: Site, library: String? = nil, libraryId: String? = nil, folder: String? = nil, folderId: String? = nil,
        includeSubfolders: Bool? = nil, resourceUnitsPerMinute: Int? = nil, apiURL: String? = nil, loginURL: String? = nil
    ) {
        self.tenant = tenant
        self.site = site
        self.library = library
        self.libraryId = libraryId
        self.folder = folder
        self.folderId = folderId
        self.includeSubfolders = includeSubfolders
        self.resourceUnitsPerMinute = resourceUnitsPerMinute
        self.apiURL = apiURL
        self.loginURL = loginURL
    }
}
