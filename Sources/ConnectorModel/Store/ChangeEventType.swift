/// What kind of change a ``ChangeEvent`` records (its `type`, as `docs/events.md` lists them).
public enum ChangeEventType: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A reconcile created the endpoint.
    case endpointCreated = "endpoint.created"
    /// A reconcile applied a new generation of the endpoint (its spec, labels or annotations changed).
    case endpointUpdated = "endpoint.updated"
    /// A reconcile retired the endpoint (its manifest is gone).
    case endpointRetired = "endpoint.retired"
    /// A reconcile brought a retired endpoint back.
    case endpointRevived = "endpoint.revived"
    /// A sync run started.
    case syncStarted = "sync.started"
    /// A sync run succeeded.
    case syncSucceeded = "sync.succeeded"
    /// A sync run failed (with its error), or its process stopped before recording its end.
    case syncFailed = "sync.failed"
    /// A sync run was stopped by SIGTERM or SIGINT after its current page.
    case syncCancelled = "sync.cancelled"
    /// A sync run succeeded after the endpoint's last run had failed.
    case syncRecovered = "sync.recovered"
    /// A sync found a file new to the catalog.
    case fileCreated = "file.created"
    /// A sync found a file's metadata changed (`data.changed` names the fields).
    case fileUpdated = "file.updated"
    /// A file is gone at the source, or out of the endpoint's scope.
    case fileRemoved = "file.removed"
    /// A file the catalog had marked removed is back.
    case fileRestored = "file.restored"

    /// Whether the event concerns one file (its id in ``ChangeEvent/fileID``).
    public var isFileEvent: Bool {
        switch self {
        case .fileCreated, .fileUpdated, .fileRemoved, .fileRestored: true
        default: false
        }
    }

    /// Orders by name.
    public static func < (lhs: ChangeEventType, rhs: ChangeEventType) -> Bool { lhs.rawValue < rhs.rawValue }
}
