import ConnectorModel
import Foundation

/// A sink as the manifests want it, in the form the planner compares with the store: canonical spec and its hash.
public struct DesiredSink: Sendable, Hashable {
    /// The validated sink.
    public var sink: Sink
    /// The spec as compact JSON with sorted keys: equal specs give equal text.
    public var canonicalSpec: String
    /// SHA-256 of ``canonicalSpec``, hex.
    public var specHash: String
    /// The git commit of the manifest's work tree, when it is in one.
    public var sourceRevision: String?

    /// The sink's name.
    public var name: String { sink.name }

    /// The state the sink should be in.
    public var desiredState: EndpointState { sink.configuration.isSuspended ? .suspended : .active }

    /// Canonicalises `sink`.
    public init(_ sink: Sink, sourceRevision: String? = nil) {
        self.sink = sink
        self.sourceRevision = sourceRevision
        canonicalSpec = DesiredEndpoint.canonicalJSON(sink.spec)
        specHash = DesiredEndpoint.sha256(canonicalSpec)
    }
}
