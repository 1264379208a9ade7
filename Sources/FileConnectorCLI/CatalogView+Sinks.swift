import ConnectorJSON
import ConnectorModel
import ConnectorStore
import Foundation

extension CatalogView {
    /// The sinks (or the one named `name`) with where their delivery stands: status, cursor, lag behind the newest
    /// event, last delivery, failures and the last error. The receiver is shown by its origin only.
    static func sinks(named name: String?, from store: any CatalogStore, now: Date) async throws -> CatalogView {
        let sinks = try await store.sinks().filter { name == nil || $0.name == name }
        let deliveries = Dictionary(try await store.sinkDeliveries().map { ($0.sink, $0) }, uniquingKeysWith: { first, _ in first })
        let newest = try await store.latestChangeSequence()
        let entries = sinks.map { SinkEntry(sink: $0, delivery: deliveries[$0.name], newest: newest) }
        let rows = entries.map { entry in
            [
                entry.sink.name, entry.status, String(entry.sink.generation), entry.receiver, entry.cursor.map(String.init) ?? "-",
                entry.lag.map(String.init) ?? "-", Relative.ago(entry.delivery?.lastDeliveryAt, now: now),
                String(entry.delivery?.failures ?? 0),
            ]
        }
        let csvRows = entries.map(\.csvRow)
        return CatalogView(
            store: store.description, header: ["NAME", "STATUS", "GEN", "RECEIVER", "CURSOR", "LAG", "LAST DELIVERY", "FAILURES"],
            rows: rows,
            csvHeader: [
                "name", "status", "generation", "receiver", "cursor", "lag", "last_delivery_at", "failures", "retry_at",
                "dead_lettered_at", "last_error",
            ],
            csvRows: csvRows, json: ["sinks": .array(entries.map(\.json))],
            notes: entries.compactMap { entry in entry.delivery?.lastError.map { "\(entry.sink.name): \(entry.status): \($0)" } })
    }
}

/// One sink and where its delivery stands.
private struct SinkEntry {
    var sink: StoredSink
    var delivery: SinkDelivery?
    var newest: Int64

    /// `delivering`, `failing`, `dead-lettered`, `pending` (nothing delivered yet), `suspended`, `retired`, or
    /// `unusable` (a stored spec this version cannot read).
    var status: String {
        switch sink.state {
        case .retired: return "retired"
        case .suspended: return "suspended"
        case .active: break
        }
        if case .failure = sink.configuration { return "unusable" }
        guard let delivery else { return "pending" }
        if delivery.deadLetteredAt != nil { return "dead-lettered" }
        if delivery.failures > 0 { return "failing" }
        return delivery.lastDeliveryAt == nil ? "pending" : "delivering"
    }

    var receiver: String {
        switch sink.configuration {
        case .success(let configuration): configuration.receiverOrigin
        case .failure: "-"
        }
    }

    var cursor: Int64? { delivery?.cursor }

    var csvRow: [String] {
        let times: [Date?] = [delivery?.lastDeliveryAt, delivery?.retryAt, delivery?.deadLetteredAt]
        let (last, retry, dead) = (times[0], times[1], times[2])
        var row: [String] = [sink.name, status, String(sink.generation), receiver]
        row.append(cursor.map(String.init) ?? "")
        row.append(lag.map(String.init) ?? "")
        row.append(last.map(Timestamp.rfc3339) ?? "")
        row.append(String(delivery?.failures ?? 0))
        row.append(retry.map(Timestamp.rfc3339) ?? "")
        row.append(dead.map(Timestamp.rfc3339) ?? "")
        row.append(delivery?.lastError ?? "")
        return row
    }

    /// Events after the cursor (nil before the first claim, which starts at the newest).
    var lag: Int64? { delivery.map { max(0, newest - $0.cursor) } }

    var json: JSONValue {
        func time(_ date: Date?) -> JSONValue { date.map { .string(Timestamp.rfc3339($0)) } ?? .null }
        var object: JSONObject = [
            "name": .string(sink.name), "status": .string(status), "state": .string(sink.state.rawValue),
            "generation": .integer(sink.generation), "receiver": .string(receiver),
            "labels": .object(JSONObject(sink.labels.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            "createdAt": time(sink.createdAt), "updatedAt": time(sink.updatedAt), "retiredAt": time(sink.retiredAt),
        ]
        if case .success(let configuration) = sink.configuration {
            object["types"] = configuration.types.map { .array($0.sorted().map { .string($0.rawValue) }) } ?? .null
            object["endpointSelector"] = configuration.endpointSelector.map { .string($0.description) } ?? .null
        }
        object["cursor"] = cursor.map { .integer(Int($0)) } ?? .null
        object["lag"] = lag.map { .integer(Int($0)) } ?? .null
        object["failures"] = .integer(delivery?.failures ?? 0)
        object["lastError"] = delivery?.lastError.map { .string($0) } ?? .null
        object["retryAt"] = time(delivery?.retryAt)
        object["deadLetteredAt"] = time(delivery?.deadLetteredAt)
        object["lastDeliveryAt"] = time(delivery?.lastDeliveryAt)
        return .object(object)
    }
}
