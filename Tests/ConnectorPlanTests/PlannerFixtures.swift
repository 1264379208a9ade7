import ConnectorManifest
import ConnectorModel
import ConnectorPlan
import ConnectorTestSupport
import Foundation
import Testing

/// A fixed clock for every planner test: 2026-11-29T12:00:00Z.
let planTime = Date(timeIntervalSince1970: 1_795_953_600)

/// An endpoint manifest with the given name, provider block and schedule.
func manifest(
    _ name: String, schedule: String = "interval: 15m", path: String = "/data/\("$NAME")",
    extra: String = "", metadata: String = ""
) -> String {
    """
    apiVersion: fileconnector/v1
    kind: Endpoint
    metadata:
      name: \(name)\(metadata)
    spec:
      provider: local
      local:
        path: \(path.replacingOccurrences(of: "$NAME", with: name))
      schedule:
        \(schedule)\(extra)

    """
}

/// The desired endpoints of `manifests` (one document each), as `reconcile` builds them.
func desired(_ manifests: [String]) throws -> [DesiredEndpoint] {
    try loadValid(manifests).endpoints.map { endpoint in
        var endpoint = endpoint
        endpoint.origin.file = "manifests/\(endpoint.name).yaml"
        return DesiredEndpoint(endpoint, sourceRevision: "c0ffee")
    }
}

/// A Sink manifest named `name` delivering to `url`, with `extra` lines appended to its spec.
func sinkManifest(
    _ name: String, url: String = "https://indexer.example.com/hooks/t0ken", extra: String = "", metadata: String = ""
)
    -> String
{
    """
    apiVersion: fileconnector/v1
    kind: Sink
    metadata:
      name: \(name)\(metadata)
    spec:
      webhook:
        url: \(url)
        signingSecret: {fromEnv: SINK_SECRET}\(extra)

    """
}

/// The desired sinks of `manifests`, as `reconcile` builds them.
func desiredSinks(_ manifests: [String]) throws -> [DesiredSink] {
    try loadValid(manifests).sinks.map { sink in
        var sink = sink
        sink.origin.file = "manifests/\(sink.name).yaml"
        return DesiredSink(sink, sourceRevision: "c0ffee")
    }
}

/// `manifests` (one document each) loaded as `reconcile` loads them; throws when any is invalid.
func loadValid(_ manifests: [String]) throws -> ManifestLoadResult {
    let directory = try TemporaryDirectory()
    for (index, text) in manifests.enumerated() { try directory.write("m\(index).yaml", text) }
    let result = try ManifestLoader(environment: [:]).load(paths: [directory.path])
    guard result.isValid else { throw PlanFixtureError(description: result.renderText()) }
    return result
}

struct PlanFixtureError: Error, CustomStringConvertible {
    var description: String
}

extension StoreSnapshot {
    /// The snapshot after applying `plan`'s writes, as a store would.
    func applying(_ plan: Plan) -> StoreSnapshot {
        var endpoints = self.endpoints
        for write in plan.writes { endpoints[write.record.name] = write.record }
        var sinks = self.sinks
        for write in plan.reconcileWrites.sinks { sinks[write.record.name] = write.record }
        return StoreSnapshot(endpoints: Array(endpoints.values), sinks: Array(sinks.values))
    }

    /// The snapshot with `name`'s last sync set, as a sync would leave it.
    func synced(_ name: String, at time: Date, next: Date) -> StoreSnapshot {
        var endpoints = self.endpoints
        endpoints[name]?.lastSyncAt = time
        endpoints[name]?.lastSyncStatus = .succeeded
        endpoints[name]?.nextSyncAt = next
        return StoreSnapshot(endpoints: Array(endpoints.values))
    }
}

/// Compares `text` with `Golden/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead.
func expectGolden(_ text: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let path = RepositoryLayout.path("Tests/ConnectorPlanTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    #expect(
        text == expected, "golden file \(name) differs; rerun with UPDATE_GOLDEN=1 if the change is intended",
        sourceLocation: sourceLocation)
}
