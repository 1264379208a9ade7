import ConnectorJSON
import ConnectorModel
import Foundation

/// The stable JSON forms of endpoints, files and sync runs, shared by `get --output json` and the daemon's API so
/// scripts see one shape wherever they read from. Documented in docs/cli.md and docs/api.md; fields are only ever added.
public enum CatalogJSON {
    /// One endpoint, with its file counts.
    public static func endpoint(_ endpoint: StoredEndpoint, counts: FileCounts) -> JSONValue {
        [
            "name": .string(endpoint.name), "state": .string(endpoint.state.rawValue),
            "generation": .integer(endpoint.generation), "provider": .string(endpoint.provider),
            "labels": map(endpoint.labels), "annotations": map(endpoint.annotations),
            "spec": (try? JSONParser.parse(endpoint.spec).value) ?? .null,
            "specHash": .string(endpoint.specHash),
            "source": ["file": optional(endpoint.sourceFile), "revision": optional(endpoint.sourceRevision)],
            "createdAt": time(endpoint.createdAt), "updatedAt": time(endpoint.updatedAt),
            "retiredAt": time(endpoint.retiredAt),
            "lastSync": ["startedAt": time(endpoint.lastSyncAt), "status": optional(endpoint.lastSyncStatus?.rawValue)],
            "nextSyncAt": time(endpoint.nextSyncAt),
            "files": ["present": .integer(counts.present), "removed": .integer(counts.removed)],
        ]
    }

    /// One cataloged file.
    public static func file(_ file: CatalogFile) -> JSONValue {
        let metadata = file.metadata
        return [
            "endpoint": .string(file.endpoint), "id": .string(metadata.id), "name": .string(metadata.name),
            "path": .string(metadata.path), "mimeType": optional(metadata.mimeType),
            "size": metadata.size.map { .integer(Int($0)) } ?? .null,
            "checksums": map(metadata.checksums),
            "createdAt": time(metadata.createdAt), "modifiedAt": time(metadata.modifiedAt), "version": optional(metadata.version),
            "webLink": optional(metadata.webLink), "state": .string(file.state.rawValue),
            "firstSeenAt": time(file.firstSeenAt), "lastSeenAt": time(file.lastSeenAt), "removedAt": time(file.removedAt),
        ]
    }

    /// One sync run.
    public static func run(_ run: SyncRunRecord) -> JSONValue {
        [
            "id": .integer(Int(run.id)), "endpoint": .string(run.endpoint), "trigger": .string(run.trigger.rawValue),
            "mode": .string(run.mode.rawValue), "status": .string(run.status.rawValue), "startedAt": time(run.startedAt),
            "finishedAt": time(run.finishedAt),
            "files": [
                "created": .integer(run.created), "updated": .integer(run.updated),
                "unchanged": .integer(run.unchanged), "removed": .integer(run.removed),
            ],
            "requests": .integer(run.requests), "retries": .integer(run.retries), "error": optional(run.error),
            "correlationId": .string(run.correlationID),
        ]
    }

    /// One change event; `data` is the event's own object (see docs/events.md), with a file event's file id as
    /// `data.id`; a file event read with its file's record has it as `file`.
    public static func change(_ event: ChangeEvent) -> JSONValue {
        var object: JSONObject = [
            "sequence": .integer(Int(event.sequence)), "time": time(event.time), "type": .string(event.type.rawValue),
            "endpoint": .string(event.endpoint), "correlationId": optional(event.correlationID), "data": changeData(event),
        ]
        if let record = event.file { object["file"] = file(record) }
        return .object(object)
    }

    /// An event's `data`, with a file event's id as `id`.
    public static func changeData(_ event: ChangeEvent) -> JSONValue {
        var data = (try? JSONParser.parse(event.data).value) ?? .object([:])
        if let id = event.fileID, case .object(var members) = data {
            members["id"] = .string(id)
            data = .object(members)
        }
        return data
    }

    private static func map(_ values: [String: String]) -> JSONValue {
        .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))
    }

    private static func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
    private static func time(_ date: Date?) -> JSONValue { date.map { .string(Timestamp.rfc3339($0)) } ?? .null }
}
