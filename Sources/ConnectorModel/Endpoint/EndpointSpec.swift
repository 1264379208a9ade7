/// The `spec` block of an endpoint manifest, decoded after schema and semantic validation.
///
/// Keys match the manifest's; `schemas/endpoint.v1.schema.json` documents each one.
public struct EndpointSpec: Sendable, Hashable, Codable {
    /// Which storage service to read.
    public var provider: ProviderKind
    /// Keep the endpoint but run no syncs.
    public var suspend: Bool?
    /// Where the credential document is; never the document itself.
    public var credentials: CredentialReference?
    /// The Google Drive source, when `provider` is `google-drive`.
    public var googleDrive: GoogleDriveSource?
    /// The Autodesk Construction Cloud source, when `provider` is `autodesk-acc`.
    public var autodeskAcc: AutodeskAccSource?
    /// The SharePoint or OneDrive document library, when `provider` is `microsoft-365`.
    public var microsoft365: Microsoft365Block?
    /// The local directory source, when `provider` is `local`.
    public var local: LocalSource?
    /// Which files to keep in the catalog.
    public var filters: FileFilters?
    /// When to sync.
    public var schedule: ScheduleSpec
    /// How to sync.
    public var sync: SyncSettings?

    /// Creates a spec.
    public init(
        provider: ProviderKind,
        suspend: Bool? = nil,
        credentials: CredentialReference? = nil,
        googleDrive: GoogleDriveSource? = nil,
        autodeskAcc: AutodeskAccSource? = nil,
        microsoft365: Microsoft365Block? = nil,
        local: LocalSource? = nil,
        filters: FileFilters? = nil,
        schedule: ScheduleSpec,
        sync: SyncSettings? = nil
    ) {
        self.provider = provider
        self.suspend = suspend
        self.credentials = credentials
        self.googleDrive = googleDrive
        self.autodeskAcc = autodeskAcc
        self.microsoft365 = microsoft365
        self.local = local
        self.filters = filters
        self.schedule = schedule
        self.sync = sync
    }
}

/// A reference to a credential document: an environment variable or a file, never a value.
public struct CredentialReference: Sendable, Hashable, Codable {
    /// The environment variable that holds the credential document.
    public var fromEnv: String?
    /// The file that holds the credential document.
    public var fromFile: String?

    /// Creates a reference.
    public init(fromEnv: String? = nil, fromFile: String? = nil) {
        self.fromEnv = fromEnv
        self.fromFile = fromFile
    }
}
