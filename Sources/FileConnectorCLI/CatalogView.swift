import ConnectorJSON
import ConnectorModel
import ConnectorStore
import Foundation

/// Endpoints or runs read from the store, ready to print as a table, JSON, YAML or CSV (files are written as they are
/// read, by ``FileListingWriter``).
struct CatalogView: Sendable {
    var store: String
    var header: [String]
    var rows: [[String]]
    var csvHeader: [String]
    var csvRows: [[String]]
    var json: JSONValue
    /// Lines printed under the table (a sink's last error).
    var notes: [String] = []

    /// The endpoints (or the one named `name`) with their file counts.
    static func endpoints(named name: String?, from store: any CatalogStore, now: Date) async throws -> CatalogView {
        let snapshot = try await store.snapshot()
        let counts = try await store.fileCounts()
        let endpoints = snapshot.endpoints.values.filter { name == nil || $0.name == name }.sorted { $0.name < $1.name }
        return endpointsView(endpoints, counts: counts, store: store.description, now: now)
    }

    /// The newest `limit` runs, of one endpoint or all.
    static func runs(of name: String?, limit: Int, from store: any CatalogStore, now: Date) async throws -> CatalogView {
        runsView(try await store.syncRuns(endpoint: name, limit: limit), store: store.description, now: now)
    }

    static func endpointsView(_ endpoints: [StoredEndpoint], counts: [String: FileCounts], store: String, now: Date) -> CatalogView {
        let rows = endpoints.map { endpoint in
            [
                endpoint.name, endpoint.state.rawValue, String(endpoint.generation), endpoint.provider,
                Relative.ago(endpoint.lastSyncAt, now: now), Relative.until(endpoint.nextSyncAt, now: now),
                String(counts[endpoint.name]?.present ?? 0),
            ]
        }
        let json = endpoints.map { CatalogJSON.endpoint($0, counts: counts[$0.name] ?? FileCounts()) }
        let csvRows = endpoints.map { endpoint in
            [
                endpoint.name, endpoint.state.rawValue, String(endpoint.generation), endpoint.provider,
                endpoint.lastSyncAt.map(Timestamp.rfc3339) ?? "", endpoint.lastSyncStatus?.rawValue ?? "",
                endpoint.nextSyncAt.map(Timestamp.rfc3339) ?? "", String(counts[endpoint.name]?.present ?? 0),
                String(counts[endpoint.name]?.removed ?? 0),
            ]
        }
        return CatalogView(
            store: store, header: ["NAME", "STATE", "GEN", "PROVIDER", "LAST SYNC", "NEXT SYNC", "FILES"], rows: rows,
            csvHeader: [
                "name", "state", "generation", "provider", "last_sync_at", "last_sync_status", "next_sync_at", "files_present",
                "files_removed",
            ],
            csvRows: csvRows, json: ["endpoints": .array(json)])
    }

    /// The columns of `get files` as a table.
    static let fileTableHeader = ["ENDPOINT", "PATH", "SIZE", "MODIFIED", "STATE"]

    /// The columns of `get files -o csv`.
    static let fileCSVHeader = ["endpoint", "id", "path", "mime_type", "size", "modified_at", "sha256", "state"]

    /// One file as a table row.
    static func fileTableRow(_ file: CatalogFile) -> [String] {
        [
            file.endpoint, file.metadata.path, file.metadata.size.map(ByteCount.short) ?? "-",
            file.metadata.modifiedAt.map(Timestamp.rfc3339) ?? "-", file.state.rawValue,
        ]
    }

    /// One file as a CSV record.
    static func fileCSVRow(_ file: CatalogFile) -> [String] {
        [
            file.endpoint, file.metadata.id, file.metadata.path, file.metadata.mimeType ?? "", file.metadata.size.map { String($0) } ?? "",
            file.metadata.modifiedAt.map(Timestamp.rfc3339) ?? "", file.metadata.checksums["sha256"] ?? "", file.state.rawValue,
        ]
    }

    static func runsView(_ runs: [SyncRunRecord], store: String, now: Date) -> CatalogView {
        let rows = runs.map { run in
            [
                String(run.id), run.endpoint, run.trigger.rawValue, run.mode.rawValue, run.status.rawValue,
                Relative.ago(run.startedAt, now: now),
                "+\(run.created) ~\(run.updated) -\(run.removed)",
            ]
        }
        let json = runs.map(CatalogJSON.run)
        let csvRows = runs.map { run in
            [
                String(run.id), run.endpoint, run.trigger.rawValue, run.mode.rawValue, run.status.rawValue,
                Timestamp.rfc3339(run.startedAt),
                run.finishedAt.map(Timestamp.rfc3339) ?? "", String(run.created), String(run.updated),
                String(run.unchanged), String(run.removed), run.error ?? "",
            ]
        }
        return CatalogView(
            store: store, header: ["ID", "ENDPOINT", "TRIGGER", "MODE", "STATUS", "STARTED", "CHANGES"], rows: rows,
            csvHeader: [
                "id", "endpoint", "trigger", "mode", "status", "started_at", "finished_at", "created", "updated", "unchanged", "removed",
                "error",
            ],
            csvRows: csvRows, json: ["runs": .array(json)])
    }

}

/// Short relative times for tables: `5m ago`, `in 2h`, `never`.
enum Relative {
    static func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        let seconds = now.timeIntervalSince(date)
        return seconds < 0 ? "in \(span(-seconds))" : "\(span(seconds)) ago"
    }

    static func until(_ date: Date?, now: Date) -> String {
        guard let date else { return "-" }
        let seconds = date.timeIntervalSince(now)
        return seconds <= 0 ? "due" : "in \(span(seconds))"
    }

    static func span(_ seconds: TimeInterval) -> String {
        switch seconds {
        case ..<60: return "\(Int(seconds))s"
        case ..<3600: return "\(Int(seconds / 60))m"
        case ..<86400: return "\(Int(seconds / 3600))h"
        default: return "\(Int(seconds / 86400))d"
        }
    }
}

/// Sizes for tables: `512B`, `1.5K`, `20M`.
enum ByteCount {
    static func short(_ bytes: Int64) -> String {
        let units = ["B", "K", "M", "G", "T"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes)B" : (value < 10 ? String(format: "%.1f", value) : String(Int(value))) + units[unit]
    }
}
