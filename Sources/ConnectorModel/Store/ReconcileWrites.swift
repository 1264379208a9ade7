/// What one reconcile writes: endpoint rows and sink rows, in one transaction. An array literal of endpoint writes
/// is a reconcile that writes no sink.
public struct ReconcileWrites: Sendable, Hashable, ExpressibleByArrayLiteral {
    /// The endpoint rows.
    public var endpoints: [EndpointWrite]
    /// The sink rows.
    public var sinks: [SinkWrite]

    /// Creates writes.
    public init(endpoints: [EndpointWrite], sinks: [SinkWrite] = []) {
        self.endpoints = endpoints
        self.sinks = sinks
    }

    /// Endpoint writes only.
    public init(arrayLiteral elements: EndpointWrite...) {
        self.init(endpoints: elements)
    }

    /// True when nothing is written.
    public var isEmpty: Bool { endpoints.isEmpty && sinks.isEmpty }
}
