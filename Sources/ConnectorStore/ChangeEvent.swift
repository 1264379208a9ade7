import ConnectorJSON
import ConnectorModel
import Foundation

/// One change the store committed, kept in its outbox (`change_events`) and written in the same transaction as the
/// change itself: a change rolled back leaves no event, and a committed one always has its event.
public struct ChangeEvent: Sendable, Hashable {
    /// Store-wide, increasing in commit order, never reused: a reader's cursor.
    public var sequence: Int64
    /// When the change was made.
    public var time: Date
    /// What kind of change.
    public var type: ChangeEventType
    /// The endpoint it concerns.
    public var endpoint: String
    /// The correlation id of the sync run that made it, for sync events.
    public var correlationID: String?
    /// What changed, a JSON object (compact, keys sorted): see `docs/events.md` for each type's members.
    public var data: String
    /// The file a file event concerns (its id at the provider).
    public var fileID: String?
    /// For a file event read with ``ChangeLog/changesWithFiles(_:)``: the file's record as the catalog holds it
    /// when read (as Drive's and Graph's change feeds give the resource as it is now, not as it was). Not stored
    /// with the event: the outbox keeps what changed, the catalog keeps the record.
    public var file: CatalogFile?

    /// Creates an event.
    public init(
        sequence: Int64, time: Date, type: ChangeEventType, endpoint: String, correlationID: String? = nil, data: String = "{}",
        fileID: String? = nil, file: CatalogFile? = nil
    ) {
        self.sequence = sequence
        self.time = time
        self.type = type
        self.endpoint = endpoint
        self.correlationID = correlationID
        self.data = data
        self.fileID = fileID
        self.file = file
    }
}

extension ChangeEvent {
    /// The events of a reconcile that turns `snapshot` into `writes`, before the store numbers them: an endpoint
    /// new to the store is created; a retired one made active again is revived; an active one made retired is
    /// retired; any other write that moves the generation is an update, with the names of the parts that changed.
    public static func reconciling(_ snapshot: StoreSnapshot, into writes: [EndpointWrite]) -> [ChangeEvent] {
        let before = snapshot.endpoints
        return writes.compactMap { write in
            let record = write.record
            var data: JSONObject = ["generation": .integer(record.generation)]
            let type: ChangeEventType
            if let old = before[record.name] {
                if old.state == .retired, record.state != .retired {
                    type = .endpointRevived
                } else if old.state != .retired, record.state == .retired {
                    type = .endpointRetired
                } else if old.generation != record.generation || old.state != record.state {
                    type = .endpointUpdated
                    var changed: [JSONValue] = []
                    if old.specHash != record.specHash { changed.append("spec") }
                    if old.labels != record.labels { changed.append("labels") }
                    if old.annotations != record.annotations { changed.append("annotations") }
                    if old.state != record.state { changed.append("state") }
                    data["changed"] = .array(changed)
                    data["previousGeneration"] = .integer(old.generation)
                    data["scopeChanged"] = .bool(old.scopeHash != record.scopeHash)
                    data["state"] = .string(record.state.rawValue)
                } else {
                    return nil
                }
            } else {
                type = .endpointCreated
                data["provider"] = .string(record.provider)
                data["state"] = .string(record.state.rawValue)
            }
            data["specHash"] = .string(record.specHash)
            return ChangeEvent(
                sequence: 0, time: record.updatedAt, type: type, endpoint: record.name,
                data: JSONValue.object(data).jsonString(sortedKeys: true))
        }
    }

    /// The event of a run that starts.
    public static func started(_ run: SyncRunRecord, id: Int64) -> ChangeEvent {
        let data: JSONValue = ["runId": .integer(Int(id)), "trigger": .string(run.trigger.rawValue), "mode": .string(run.mode.rawValue)]
        return ChangeEvent(
            sequence: 0, time: run.startedAt, type: .syncStarted, endpoint: run.endpoint, correlationID: run.correlationID,
            data: data.jsonString(sortedKeys: true))
    }

    /// The events of a run that ends: how it ended and, for a success after a failure (the endpoint's
    /// `previousStatus`), that the endpoint recovered.
    public static func finished(_ run: SyncRunRecord, previousStatus: SyncRunStatus?) -> [ChangeEvent] {
        let type: ChangeEventType
        switch run.status {
        case .succeeded: type = .syncSucceeded
        case .cancelled: type = .syncCancelled
        case .failed, .running: type = .syncFailed
        }
        var data: JSONObject = [
            "runId": .integer(Int(run.id)), "mode": .string(run.mode.rawValue), "trigger": .string(run.trigger.rawValue),
            "files": [
                "created": .integer(run.created), "updated": .integer(run.updated), "unchanged": .integer(run.unchanged),
                "removed": .integer(run.removed),
            ],
            "requests": .integer(run.requests), "retries": .integer(run.retries),
        ]
        if let error = run.error { data["error"] = .string(error) }
        let time = run.finishedAt ?? run.startedAt
        var events = [
            ChangeEvent(
                sequence: 0, time: time, type: type, endpoint: run.endpoint, correlationID: run.correlationID,
                data: JSONValue.object(data).jsonString(sortedKeys: true))
        ]
        if run.status == .succeeded, previousStatus == .failed {
            let recovered: JSONValue = ["runId": .integer(Int(run.id))]
            events.append(
                ChangeEvent(
                    sequence: 0, time: time, type: .syncRecovered, endpoint: run.endpoint, correlationID: run.correlationID,
                    data: recovered.jsonString(sortedKeys: true)))
        }
        return events
    }

    /// The event of a run whose process stopped before recording its end, found `running` when the endpoint's next
    /// run starts at `time`.
    public static func interrupted(runID: Int64, endpoint: String, correlationID: String?, at time: Date) -> ChangeEvent {
        let data: JSONValue = ["runId": .integer(Int(runID)), "error": .string(SyncRunRecord.interruptedError)]
        return ChangeEvent(
            sequence: 0, time: time, type: .syncFailed, endpoint: endpoint, correlationID: correlationID,
            data: data.jsonString(sortedKeys: true))
    }
}
