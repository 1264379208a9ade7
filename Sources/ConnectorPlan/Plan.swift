import ConnectorModel
import Foundation

/// The difference between the manifests and the store, and what applying it writes.
///
/// A plan is a value: `plan` prints it, `reconcile` applies exactly the plan it printed.
public struct Plan: Sendable, Hashable {
    /// One entry per endpoint in the manifests or active in the store, by name.
    public var changes: [EndpointChange]
    /// One entry per sink in the manifests or active in the store, by name.
    public var sinkChanges: [SinkChange]
    /// The syncs due once the plan is applied.
    public var dueSyncs: [DueSync]
    /// Set when applying is refused (the mass-retire guard).
    public var refusal: String?
    /// When the plan was made.
    public var createdAt: Date
    /// The manifests' version beside the store's (nil: not compared).
    public var manifests: ManifestVersionCheck?
    /// The manifests' version, recorded as the store's when the plan is applied.
    public var recordsVersion: ManifestVersion?

    /// Creates a plan.
    public init(
        changes: [EndpointChange], sinkChanges: [SinkChange] = [], dueSyncs: [DueSync], refusal: String? = nil, createdAt: Date
    ) {
        self.changes = changes
        self.sinkChanges = sinkChanges
        self.dueSyncs = dueSyncs
        self.refusal = refusal
        self.createdAt = createdAt
    }

    /// The endpoint rows applying the plan writes; empty for a plan with no changes.
    public var writes: [EndpointWrite] { changes.compactMap(\.write) }

    /// Every row applying the plan writes: endpoints and sinks.
    public var reconcileWrites: ReconcileWrites {
        ReconcileWrites(endpoints: writes, sinks: sinkChanges.compactMap(\.write), manifestVersion: recordsVersion)
    }

    /// True when applying would change the store.
    public var hasChanges: Bool { !reconcileWrites.isEmpty }

    /// How many changes of `action` the plan holds, endpoints and sinks.
    public func count(_ action: EndpointChange.Action) -> Int {
        changes.filter { $0.action == action }.count + sinkChanges.filter { $0.action == action }.count
    }
}

/// What a plan does to one endpoint.
public struct EndpointChange: Sendable, Hashable {
    /// The kind of change.
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case create, update, retire, revive, unchanged
    }

    /// The endpoint's name.
    public var name: String
    /// The kind of change.
    public var action: Action
    /// The fields that differ, for updates (`schedule.interval 15m -> 5m`).
    public var fields: [FieldChange]
    /// Short context: provider and schedule for creates, the reason an absent endpoint is kept.
    public var summary: String?
    /// True when the change drops the sync cursor, so the next sync lists everything.
    public var resetsCursor: Bool
    /// The row to write; nil when nothing is written.
    public var write: EndpointWrite?

    /// Creates a change.
    public init(
        name: String, action: Action, fields: [FieldChange] = [], summary: String? = nil,
        resetsCursor: Bool = false, write: EndpointWrite? = nil
    ) {
        self.name = name
        self.action = action
        self.fields = fields
        self.summary = summary
        self.resetsCursor = resetsCursor
        self.write = write
    }
}

/// One field that differs between the store and the manifests.
public struct FieldChange: Sendable, Hashable {
    /// Dotted path from `spec` (`schedule.interval`) or `metadata.labels.team`.
    public var path: String
    /// The stored value, rendered; nil when absent.
    public var old: String?
    /// The desired value, rendered; nil when removed.
    public var new: String?

    /// Creates a field change.
    public init(path: String, old: String?, new: String?) {
        self.path = path
        self.old = old
        self.new = new
    }
}

/// A sync that is due once the plan is applied.
public struct DueSync: Sendable, Hashable {
    /// The endpoint.
    public var endpoint: String
    /// Why it is due, in words: `never synced`, `scope changed`, `due since 2026-11-29T01:00:00Z`.
    public var reason: String
    /// True when the sync must list everything (never synced, or the cursor was reset).
    public var full: Bool

    /// Creates a due sync.
    public init(endpoint: String, reason: String, full: Bool) {
        self.endpoint = endpoint
        self.reason = reason
        self.full = full
    }
}
