import Foundation

/// An endpoint as the store records it: the applied spec, its generation and state, and sync times.
public struct StoredEndpoint: Sendable, Hashable {
    /// `metadata.name`: the identity.
    public var name: String {
        didSet { typing = StoredSpecTyping(spec: spec, endpoint: name) }
    }
    /// `spec.provider` as written (also when this version cannot use the rest of the spec).
    public var provider: String
    /// The applied configuration, typed, or why this version cannot use the stored spec. Typed from ``spec`` on first
    /// use and kept: a reconcile, which compares hashes, never pays for it, and every reader after the first gets the
    /// same value.
    public var configuration: Result<EndpointConfiguration, UnusableSpecError> { typing.value }
    /// The canonical spec (compact JSON, sorted keys) last applied: the text ``configuration`` is typed from.
    public var spec: String {
        didSet { typing = StoredSpecTyping(spec: spec, endpoint: name) }
    }
    private var typing: StoredSpecTyping
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

    /// Creates a record; `configuration`, when the caller has it (the planner), spares typing `spec` again.
    public init(
        name: String, provider: String, spec: String, configuration: EndpointConfiguration? = nil, specHash: String,
        scopeHash: String,
        generation: Int, state: EndpointState, labels: [String: String] = [:], annotations: [String: String] = [:],
        sourceFile: String? = nil, sourceRevision: String? = nil, createdAt: Date, updatedAt: Date,
        retiredAt: Date? = nil, lastSyncAt: Date? = nil, lastSyncStatus: SyncRunStatus? = nil, nextSyncAt: Date? = nil
    ) {
        self.name = name
        typing = StoredSpecTyping(spec: spec, endpoint: name, typed: configuration)
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

    /// Equal records hold equal values; how far their typing has got is no part of that.
    public static func == (lhs: StoredEndpoint, rhs: StoredEndpoint) -> Bool {
        lhs.name == rhs.name && lhs.provider == rhs.provider && lhs.spec == rhs.spec && lhs.specHash == rhs.specHash
            && lhs.scopeHash == rhs.scopeHash && lhs.generation == rhs.generation && lhs.state == rhs.state && lhs.labels == rhs.labels
            && lhs.annotations == rhs.annotations && lhs.sourceFile == rhs.sourceFile && lhs.sourceRevision == rhs.sourceRevision
            && lhs.createdAt == rhs.createdAt && lhs.updatedAt == rhs.updatedAt && lhs.retiredAt == rhs.retiredAt
            && lhs.lastSyncAt == rhs.lastSyncAt && lhs.lastSyncStatus == rhs.lastSyncStatus && lhs.nextSyncAt == rhs.nextSyncAt
    }

    /// Hashes what ``==`` compares that identifies a record.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(specHash)
        hasher.combine(generation)
        hasher.combine(updatedAt)
    }
}

/// A stored spec's typed configuration, computed once on first use and shared by the copies of its record.
private final class StoredSpecTyping: @unchecked Sendable {
    private let spec: String
    private let endpoint: String
    private let lock = NSLock()
    private var typed: Result<EndpointConfiguration, UnusableSpecError>?

    init(spec: String, endpoint: String, typed: EndpointConfiguration? = nil) {
        self.spec = spec
        self.endpoint = endpoint
        self.typed = typed.map { .success($0) }
    }

    var value: Result<EndpointConfiguration, UnusableSpecError> {
        lock.withLock {
            if let typed { return typed }
            let value = EndpointConfiguration.stored(spec: spec, endpoint: endpoint)
            typed = value
            return value
        }
    }
}
