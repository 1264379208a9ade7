import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// Every endpoint.
    public func snapshot() async throws -> StoreSnapshot {
        try await translating {
            try await pool.read { [description] db in try Self.readSnapshot(db, store: description) }
        }
    }

    /// Every sink, by name.
    public func sinks() async throws -> [StoredSink] {
        try await translating {
            try await pool.read { [description] db in
                try Row.fetchAll(db, sql: "SELECT * FROM sinks ORDER BY name").map { row in try Self.sink(from: row, store: description) }
            }
        }
    }

    /// The endpoint named `name`, or nil.
    public func endpoint(named name: String) async throws -> StoredEndpoint? {
        try await translating {
            try await pool.read { [description] db in
                try Row.fetchOne(db, sql: "SELECT * FROM endpoints WHERE name = ?", arguments: [name]).map { row in
                    try Self.endpoint(from: row, store: description)
                }
            }
        }
    }

    /// Snapshot, decide and write in one `BEGIN IMMEDIATE` transaction.
    public func reconcile<Decision: Sendable>(
        _ decide: @Sendable (StoreSnapshot) throws -> (writes: ReconcileWrites, decision: Decision)
    ) async throws -> Decision {
        try await translating {
            try await pool.writeWithoutTransaction { [description] db in
                var outcome: Decision?
                try db.inTransaction(.immediate) {
                    let snapshot = try Self.readSnapshot(db, store: description)
                    let (writes, decision) = try decide(snapshot)
                    try Self.apply(writes.endpoints, in: db)
                    try Self.apply(writes.sinks, in: db)
                    if let version = writes.manifestVersion { try Self.record(version, in: db) }
                    try Self.record(ChangeEvent.reconciling(snapshot, into: writes.endpoints), in: db)
                    outcome = decision
                    return .commit
                }
                guard let outcome else { throw StoreError(.query, store: "sqlite", "the transaction produced no result") }
                return outcome
            }
        }
    }

    static func readSnapshot(_ db: Database, store: String) throws -> StoreSnapshot {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM endpoints ORDER BY name")
        let sinks = try Row.fetchAll(db, sql: "SELECT * FROM sinks ORDER BY name")
        return StoreSnapshot(
            endpoints: try rows.map { row in try endpoint(from: row, store: store) },
            sinks: try sinks.map { row in try sink(from: row, store: store) },
            manifestVersion: try manifestVersion(db, store: store))
    }

    static func manifestVersion(_ db: Database, store: String) throws -> ManifestVersion? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM manifest_version WHERE id = 1") else { return nil }
        return ManifestVersion(
            source: try StoreCoding.value(row["source"], of: "manifest_version.source", store: store),
            time: date(row["time"]) ?? .distantPast, identity: row["identity"], contentHash: row["content_hash"])
    }

    static func record(_ version: ManifestVersion, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO manifest_version (id, source, time, identity, content_hash, applied_at) VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET source = excluded.source, time = excluded.time, identity = excluded.identity,
                    content_hash = excluded.content_hash, applied_at = excluded.applied_at
                """,
            arguments: [version.source.rawValue, text(version.time), version.identity, version.contentHash, text(Date())])
    }

    static func apply(_ writes: [EndpointWrite], in db: Database) throws {
        let upsert = try db.cachedStatement(
            sql: """
                INSERT INTO endpoints (name, provider, spec, spec_hash, scope_hash, generation, state, labels, annotations,
                    source_file, source_revision, created_at, updated_at, retired_at, last_sync_at, last_sync_status, next_sync_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET provider = excluded.provider, spec = excluded.spec,
                    spec_hash = excluded.spec_hash, scope_hash = excluded.scope_hash, generation = excluded.generation,
                    state = excluded.state, labels = excluded.labels, annotations = excluded.annotations,
                    source_file = excluded.source_file, source_revision = excluded.source_revision,
                    updated_at = excluded.updated_at, retired_at = excluded.retired_at,
                    last_sync_at = excluded.last_sync_at, last_sync_status = excluded.last_sync_status,
                    next_sync_at = excluded.next_sync_at
                """)
        let resetCursor = try db.cachedStatement(sql: "DELETE FROM cursors WHERE endpoint = ?")
        for write in writes {
            let record = write.record
            try upsert.execute(arguments: [
                record.name, record.provider, record.spec, record.specHash, record.scopeHash, record.generation,
                record.state.rawValue, StoreCoding.json(record.labels), StoreCoding.json(record.annotations),
                record.sourceFile, record.sourceRevision, text(record.createdAt), text(record.updatedAt),
                record.retiredAt.map(text), record.lastSyncAt.map(text), record.lastSyncStatus?.rawValue, record.nextSyncAt.map(text),
            ])
            if write.resetsCursor { try resetCursor.execute(arguments: [record.name]) }
        }
    }

    static func endpoint(from row: Row, store: String) throws -> StoredEndpoint {
        let name: String = row["name"]
        let spec: String = row["spec"]
        return StoredEndpoint(
            name: name, provider: row["provider"], spec: spec,
            specHash: row["spec_hash"], scopeHash: row["scope_hash"], generation: row["generation"],
            state: try StoreCoding.value(row["state"], of: "endpoints.state", store: store),
            labels: StoreCoding.map(row["labels"]), annotations: StoreCoding.map(row["annotations"]),
            sourceFile: row["source_file"], sourceRevision: row["source_revision"],
            createdAt: date(row["created_at"]) ?? .distantPast, updatedAt: date(row["updated_at"]) ?? .distantPast,
            retiredAt: date(row["retired_at"]), lastSyncAt: date(row["last_sync_at"]),
            lastSyncStatus: try (row["last_sync_status"] as String?).map {
                try StoreCoding.value($0, of: "endpoints.last_sync_status", store: store)
            },
            nextSyncAt: date(row["next_sync_at"]))
    }

    static func text(_ date: Date) -> String { Timestamp.rfc3339Milliseconds(date) }
    static func date(_ text: String?) -> Date? { text.flatMap { Timestamp.parse($0) } }
}
