import Foundation

/// An endpoint as the store records it: the applied spec, its generation and state, and sync times.
public struct StoredEndpoint: Sendable, Hashable {
    /// `metadata.name`: the identity.
    public var name: String
    /// `spec.provider` as written (also when this version cannot use the rest of the spec).
    public var provider: String
    /// The applied configuration, typed, or why this version cannot use the stored spec.
    public var configuration: Result<EndpointConfiguration, UnusableSpecError>
    /// The canonical spec (compact JSON, sorted keys) last applied: the text ``configuration`` was built from.
    public var spec: String
    /// SHA-256 of ``spec``, hex.
    public var specHash: String
    /// SHA-256 of the scope (provider, source block, filters); a change resets the cursor.
    public var scopeHash: String
    /// Grows by one each time the spec changes.
    public var generation: Int
    /// Active, suspended or retired.
    public var state: EndpointState
    /// `metadata.labels`.
    public var labels: [String: String]
    /// `metadata.annotations`.
    public var annotations: [String: String]
    /// The manifest file this generation came from.
    public var sourceFile: String?
    /// The git commit of the manifests when this generation was applied, when they were in a git work tree.
    public var sourceRevision: String?
    /// When the endpoint was first created.
    public var createdAt: Date
    /// When the row last changed.
    public var updatedAt: Date
    /// When it was retired, while it is.
    public var retiredAt: Date?
    /// When the last sync started.
    public var lastSyncAt: Date?
    /// How the last sync ended (succeeded, failed or cancelled).
    public var lastSyncStatus: SyncRunStatus?
    /// When the next scheduled sync is due; nil for manual, suspended and retired endpoints.
    public var nextSyncAt: Date?

    /// Creates a record.
    public init(
        name: String, provider: String, configuration: Result<EndpointConfiguration, UnusableSpecError>, spec: String, specHash: String,
        scopeHash: String,
        generation: Int, state: EndpointState, labels: [String: String] = [:], annotations: [String: String] = [:],
        sourceFile: String? = nil, sourceRevision: String? = nil, createdAt: Date, updatedAt: Date,
        retiredAt: Date? = nil, lastSyncAt: Date? = nil, lastSyncStatus: SyncRunStatus? = nil, nextSyncAt: Date? = nil
    ) {
        self.name = name
        self.configuration = configuration
        self.provider = provider
        self.spec = spec
        self.specHash = specHash
        self.scopeHash = scopeHash
        self.generation = generation
        self.state = state
        self.labels = labels
        self.annotations = annotations
        self.sourceFile = sourceFile
        self.sourceRevision = sourceRevision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.retiredAt = retiredAt
        self.lastSyncAt = lastSyncAt
        self.lastSyncStatus = lastSyncStatus
        self.nextSyncAt = nextSyncAt
    }
}
