import ConnectorModel
import Foundation

/// The endpoints a store holds: what the reconciler plans against and writes, and what the scheduler, the daemon's
/// API and `sync` look up.
public protocol EndpointCatalog: Sendable {
    /// Every endpoint, retired ones included.
    func snapshot() async throws -> StoreSnapshot

    /// Every sink, retired ones included, by name: the sinks' rows, not the snapshot.
    func sinks() async throws -> [StoredSink]

    /// The endpoint named `name` (retired or not), or nil: one row, not the snapshot.
    func endpoint(named name: String) async throws -> StoredEndpoint?

    /// Reads the snapshot, lets `decide` turn it into writes (endpoints and sinks), and applies them, all in one
    /// transaction under an exclusive lock: two reconciles on one store never interleave.
    /// - Returns: what `decide` returned.
    func reconcile<Decision: Sendable>(
        _ decide: @Sendable (StoreSnapshot) throws -> (writes: ReconcileWrites, decision: Decision)
    ) async throws -> Decision
}

extension EndpointCatalog {
    /// The names of the endpoints (of any state) whose labels `selector` selects.
    public func endpointNames(selectedBy selector: LabelSelector) async throws -> Set<String> {
        Set(try await snapshot().endpoints.values.filter { selector.matches($0.labels) }.map(\.name))
    }
}
