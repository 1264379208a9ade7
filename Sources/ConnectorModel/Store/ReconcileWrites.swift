/// What one reconcile writes: endpoint rows and sink rows, in one transaction. An array literal of endpoint writes
/// is a reconcile that writes no sink.
public struct ReconcileWrites: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// The endpoint rows.
    public var endpoints: [EndpointWrite]
    /// The sink rows.
    public var sinks: [SinkWrite]
    /// The version of the manifests applied, recorded as the store's (nil: the store's stays).
    public var manifestVersion: ManifestVersion?

    /// Creates writes.
    public init(endpoints: [EndpointWrite], sinks: [SinkWrite] = [], manifestVersion: ManifestVersion? = nil) {
        self.endpoints = endpoints
        self.sinks = sinks
        self.manifestVersion = manifestVersion
    }

    /// Endpoint writes only.
    public init(arrayLiteral elements: EndpointWrite...) {
        self.init(endpoints: elements)
    }

    /// True when no endpoint or sink is written (a version may still be recorded).
    public var isEmpty: Bool { endpoints.isEmpty && sinks.isEmpty }
}
