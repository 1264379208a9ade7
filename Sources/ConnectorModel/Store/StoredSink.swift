import Foundation

/// A sink as the store records it: the applied spec, its generation and state (where its deliveries stand is a
/// `SinkDelivery`, kept apart because the daemon, not a reconcile, writes it).
public struct StoredSink: Sendable, Hashable {
    /// The sink's name.
    public var name: String
    /// The spec as canonical JSON (sorted keys).
    public var spec: String
    /// SHA-256 of ``spec``, hex.
    public var specHash: String
    /// Grows by one each time the spec, labels or annotations change, and on revival.
    public var generation: Int
    /// Active, suspended or retired.
    public var state: EndpointState
    /// `metadata.labels`.
    public var labels: [String: String]
    /// `metadata.annotations`.
    public var annotations: [String: String]
    /// The manifest file of the last applied generation.
    public var sourceFile: String?
    /// The git commit of that file's work tree, when it was in one.
    public var sourceRevision: String?
    /// When the sink was first created.
    public var createdAt: Date
    /// When a reconcile last changed it.
    public var updatedAt: Date
    /// When it was retired (nil unless retired).
    public var retiredAt: Date?

    /// Creates a record.
    public init(
        name: String, spec: String, specHash: String, generation: Int, state: EndpointState, labels: [String: String] = [:],
        annotations: [String: String] = [:], sourceFile: String? = nil, sourceRevision: String? = nil, createdAt: Date,
        updatedAt: Date, retiredAt: Date? = nil
    ) {
        self.name = name
        self.spec = spec
        self.specHash = specHash
        self.generation = generation
        self.state = state
        self.labels = labels
        self.annotations = annotations
        self.sourceFile = sourceFile
        self.sourceRevision = sourceRevision
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.retiredAt = retiredAt
    }

    /// The typed spec, or why this version cannot use the stored text (the sink then delivers nothing until a
    /// reconcile rewrites it).
    public var configuration: Result<SinkConfiguration, UnusableSpecError> { SinkConfiguration.stored(spec: spec, sink: name) }
}
