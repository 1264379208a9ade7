import ConnectorModel
import ConnectorSchedule
import Foundation

/// The reconcile planner: a pure function of the desired endpoints and sinks, a store snapshot and the time.
///
/// Semantics (docs/cli.md, plan and reconcile): identity by name; the generation grows when the spec changes; a change of
/// scope (provider, source block, filters) resets the cursor, a change of schedule or tuning keeps
/// it; an endpoint in no manifest is retired unless pruning is off for it or for the run; a retired
/// name that comes back is revived; retiring more than half of the active endpoints is refused
/// unless allowed. Sinks follow the same rules of identity, generation, pruning and revival; a new or revived sink
/// starts delivering after the newest event before the reconcile, and a new generation of a sink's spec clears its failures and dead
/// letter (the receiver, its secret or the policy may have been mended).
public struct Planner: Sendable {
    /// Switches from the command line.
    public struct Options: Sendable, Hashable {
        /// Retire endpoints that are in no manifest (`--no-prune` turns this off).
        public var prune: Bool
        /// Allow retiring more than half of the active endpoints (`--allow-mass-retire`).
        public var allowMassRetire: Bool
        /// Apply manifests older than (or conflicting with) the ones the store last applied (`--allow-older-manifests`).
        public var allowOlderManifests: Bool

        /// Creates options.
        public init(prune: Bool = true, allowMassRetire: Bool = false, allowOlderManifests: Bool = false) {
            self.prune = prune
            self.allowMassRetire = allowMassRetire
            self.allowOlderManifests = allowOlderManifests
        }
    }

    /// The options in force.
    public var options: Options

    /// Creates a planner.
    public init(options: Options = .init()) {
        self.options = options
    }

    /// The plan that takes `snapshot` to `desired` endpoints and `sinks` (read at `version`) at `now`: refused when the
    /// version is older than the store's, or as new but different, unless the options allow it.
    /// `lineage` places the store's git commit in the manifests' history (nil: unknown).
    public func plan(
        desired: [DesiredEndpoint], sinks: [DesiredSink], version: ManifestVersion?, snapshot: StoreSnapshot, now: Date,
        lineage: (_ storedCommit: String) -> ManifestVersion.Lineage? = { _ in nil }
    ) -> Plan {
        var plan = plan(desired: desired, sinks: sinks, snapshot: snapshot, now: now)
        let check = ManifestVersionCheck(own: version, stored: snapshot.manifestVersion, lineage: lineage)
        plan.manifests = check
        if !options.allowOlderManifests, let refusal = check.refusal {
            plan.refusal = refusal
        } else if plan.refusal == nil, let version,
            options.allowOlderManifests || version.supersedes(snapshot.manifestVersion, lineage: lineage)
        {
            plan.recordsVersion = version
        }
        return plan
    }

    /// The plan that takes `snapshot` to `desired` endpoints and `sinks` at `now`.
    public func plan(desired: [DesiredEndpoint], sinks: [DesiredSink], snapshot: StoreSnapshot, now: Date) -> Plan {
        var changes: [EndpointChange] = []
        let desiredNames = Set(desired.map(\.name))
        for endpoint in desired {
            changes.append(change(for: endpoint, stored: snapshot.endpoints[endpoint.name], now: now))
        }
        for stored in snapshot.endpoints.values where !desiredNames.contains(stored.name) && stored.state != .retired {
            changes.append(absence(of: stored, now: now))
        }
        changes.sort { $0.name < $1.name }
        let dueSyncs = changes.compactMap { due(after: $0, stored: snapshot.endpoints[$0.name], now: now) }
        let desiredSinks = Set(sinks.map(\.name))
        var sinkChanges = sinks.map { sinkChange(for: $0, stored: snapshot.sinks[$0.name], now: now) }
        for stored in snapshot.sinks.values where !desiredSinks.contains(stored.name) && stored.state != .retired {
            sinkChanges.append(absence(of: stored, now: now))
        }
        sinkChanges.sort { $0.name < $1.name }
        return Plan(
            changes: changes, sinkChanges: sinkChanges, dueSyncs: dueSyncs, refusal: massRetireRefusal(changes, snapshot),
            createdAt: now)
    }

    private func sinkChange(for desired: DesiredSink, stored: StoredSink?, now: Date) -> SinkChange {
        let summary = Self.summary(of: desired.sink.configuration)
        guard let stored else {
            let record = newRecord(desired, generation: 1, createdAt: now, now: now)
            return SinkChange(
                name: desired.name, action: .create, summary: summary, write: SinkWrite(record: record, delivery: .restarted))
        }
        let fields = SpecDifference.fields(stored: stored, desired: desired)
        if stored.state == .retired {
            let record = newRecord(desired, generation: stored.generation + 1, createdAt: stored.createdAt, now: now)
            return SinkChange(
                name: desired.name, action: .revive, fields: fields, summary: summary,
                write: SinkWrite(record: record, delivery: .restarted))
        }
        let specChanged = stored.specHash != desired.specHash
        guard specChanged || stored.labels != desired.sink.labels || stored.annotations != desired.sink.annotations else {
            return SinkChange(name: desired.name, action: .unchanged)
        }
        var record = stored
        record.labels = desired.sink.labels
        record.annotations = desired.sink.annotations
        record.updatedAt = now
        if specChanged {
            record.spec = desired.canonicalSpec
            record.specHash = desired.specHash
            record.generation = stored.generation + 1
            record.state = desired.desiredState
            record.sourceFile = desired.sink.origin.file
            record.sourceRevision = desired.sourceRevision
        }
        return SinkChange(
            name: desired.name, action: .update, fields: fields,
            write: SinkWrite(record: record, delivery: specChanged ? .resumed : .kept))
    }

    private func absence(of stored: StoredSink, now: Date) -> SinkChange {
        if let kept = keptOutOfManifests(stored.annotations) {
            return SinkChange(name: stored.name, action: .unchanged, summary: kept)
        }
        var record = stored
        record.state = .retired
        record.retiredAt = now
        record.updatedAt = now
        return SinkChange(name: stored.name, action: .retire, write: SinkWrite(record: record, delivery: .kept))
    }

    private func newRecord(_ desired: DesiredSink, generation: Int, createdAt: Date, now: Date) -> StoredSink {
        StoredSink(
            name: desired.name, spec: desired.canonicalSpec, specHash: desired.specHash, generation: generation,
            state: desired.desiredState, labels: desired.sink.labels, annotations: desired.sink.annotations,
            sourceFile: desired.sink.origin.file, sourceRevision: desired.sourceRevision, createdAt: createdAt, updatedAt: now)
    }

    /// `webhook https://indexer.example.com, file.created and file.updated of team=drawings`.
    static func summary(of configuration: SinkConfiguration) -> String {
        let types = configuration.types.map { $0.sorted().map(\.rawValue).joined(separator: ", ") } ?? "all events"
        let selector = configuration.endpointSelector.map { " of endpoints \($0)" } ?? ""
        let suspended = configuration.isSuspended ? ", suspended" : ""
        return "webhook \(configuration.receiverOrigin), \(types)\(selector)\(suspended)"
    }

    private func change(for desired: DesiredEndpoint, stored: StoredEndpoint?, now: Date) -> EndpointChange {
        guard let stored else {
            let record = newRecord(desired, generation: 1, createdAt: now, lastSyncAt: nil, now: now)
            return EndpointChange(
                name: desired.name, action: .create,
                summary: "\(desired.endpoint.configuration.provider.rawValue), \(desired.schedule)",
                resetsCursor: true, write: EndpointWrite(record: record, resetsCursor: true))
        }
        let fields = SpecDifference.fields(stored: stored, desired: desired)
        if stored.state == .retired {
            var record = newRecord(
                desired, generation: stored.generation + 1, createdAt: stored.createdAt,
                lastSyncAt: stored.lastSyncAt, now: now)
            record.lastSyncStatus = stored.lastSyncStatus
            return EndpointChange(
                name: desired.name, action: .revive, fields: fields,
                summary: "\(desired.endpoint.configuration.provider.rawValue), \(desired.schedule)",
                resetsCursor: true, write: EndpointWrite(record: record, resetsCursor: true))
        }
        let specChanged = stored.specHash != desired.specHash
        // The source file is recorded with each generation but is not itself a change: the same
        // manifests read from another working directory must plan nothing.
        let metadataChanged =
            stored.labels != desired.endpoint.labels
            || stored.annotations != desired.endpoint.annotations
        guard specChanged || metadataChanged else {
            return EndpointChange(name: desired.name, action: .unchanged)
        }
        let scopeChanged = stored.scopeHash != desired.scopeHash
        var record = stored
        record.labels = desired.endpoint.labels
        record.annotations = desired.endpoint.annotations
        record.updatedAt = now
        if specChanged {
            record.sourceFile = desired.endpoint.origin.file
            record.provider = desired.endpoint.configuration.provider.rawValue
            record.spec = desired.canonicalSpec
            record.specHash = desired.specHash
            record.scopeHash = desired.scopeHash
            record.generation = stored.generation + 1
            record.state = desired.desiredState
            record.sourceRevision = desired.sourceRevision
            record.nextSyncAt = nextSync(desired, state: record.state, lastSyncAt: scopeChanged ? nil : stored.lastSyncAt, now: now)
        }
        return EndpointChange(
            name: desired.name, action: .update, fields: fields, resetsCursor: scopeChanged,
            write: EndpointWrite(record: record, resetsCursor: scopeChanged))
    }

    /// Why an endpoint or sink in no manifest is kept (`fileconnector/prune: disabled`, `--no-prune`), or nil: it
    /// is retired.
    private func keptOutOfManifests(_ annotations: [String: String]) -> String? {
        guard options.prune, annotations[Endpoint.pruneAnnotation] != "disabled" else {
            return "in no manifest; kept (\(options.prune ? "\(Endpoint.pruneAnnotation): disabled" : "--no-prune"))"
        }
        return nil
    }

    private func absence(of stored: StoredEndpoint, now: Date) -> EndpointChange {
        if let kept = keptOutOfManifests(stored.annotations) {
            return EndpointChange(name: stored.name, action: .unchanged, summary: kept)
        }
        var record = stored
        record.state = .retired
        record.retiredAt = now
        record.updatedAt = now
        record.nextSyncAt = nil
        return EndpointChange(name: stored.name, action: .retire, write: EndpointWrite(record: record, resetsCursor: false))
    }

    private func newRecord(_ desired: DesiredEndpoint, generation: Int, createdAt: Date, lastSyncAt: Date?, now: Date) -> StoredEndpoint {
        let state = desired.desiredState
        return StoredEndpoint(
            name: desired.name, provider: desired.endpoint.configuration.provider.rawValue, spec: desired.canonicalSpec,
            configuration: desired.endpoint.configuration,
            specHash: desired.specHash, scopeHash: desired.scopeHash, generation: generation, state: state,
            labels: desired.endpoint.labels, annotations: desired.endpoint.annotations,
            sourceFile: desired.endpoint.origin.file, sourceRevision: desired.sourceRevision,
            createdAt: createdAt, updatedAt: now, lastSyncAt: lastSyncAt,
            nextSyncAt: nextSync(desired, state: state, lastSyncAt: nil, now: now))
    }

    /// When the next sync is due: never-synced endpoints at once, others from the schedule.
    private func nextSync(_ desired: DesiredEndpoint, state: EndpointState, lastSyncAt: Date?, now: Date) -> Date? {
        guard state == .active, desired.schedule != .manual else { return nil }
        guard let lastSyncAt else { return now }
        return desired.schedule.nextRun(after: lastSyncAt, now: now)
    }

    private func due(after change: EndpointChange, stored: StoredEndpoint?, now: Date) -> DueSync? {
        let record = change.write?.record ?? stored
        guard let record, record.state == .active, let next = record.nextSyncAt, next <= now else { return nil }
        switch change.action {
        case .create: return DueSync(endpoint: change.name, reason: "never synced", full: true)
        case .revive: return DueSync(endpoint: change.name, reason: "revived", full: true)
        default:
            if change.resetsCursor { return DueSync(endpoint: change.name, reason: "scope changed", full: true) }
            if record.lastSyncAt == nil { return DueSync(endpoint: change.name, reason: "never synced", full: true) }
            return DueSync(endpoint: change.name, reason: "due since \(Timestamp.rfc3339(next))", full: false)
        }
    }

    private func massRetireRefusal(_ changes: [EndpointChange], _ snapshot: StoreSnapshot) -> String? {
        guard !options.allowMassRetire else { return nil }
        let active = snapshot.endpoints.values.filter { $0.state != .retired }.count
        let retiring = changes.filter { $0.action == .retire }.count
        guard retiring > 0, retiring * 2 > active else { return nil }
        return
            "this would retire \(retiring) of \(active) active endpoints (more than half): is the manifest path right? Rerun with --allow-mass-retire if this is intended"
    }
}
