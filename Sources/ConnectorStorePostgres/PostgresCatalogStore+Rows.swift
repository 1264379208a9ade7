import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    static let endpointColumns = """
        name, provider, spec, spec_hash, scope_hash, generation, state, labels::text, annotations::text,
        source_file, source_revision, created_at, updated_at, retired_at, last_sync_at, last_sync_status, next_sync_at
        """

    static func readSnapshot(_ connection: PostgresConnection, logger: Logger) async throws -> StoreSnapshot {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(endpointColumns) FROM endpoints ORDER BY name"), logger: logger)
        var endpoints: [StoredEndpoint] = []
        for try await row in rows {
            endpoints.append(try endpoint(from: row.makeRandomAccess()))
        }
        return StoreSnapshot(endpoints: endpoints)
    }

    static func endpoint(from row: PostgresRandomAccessRow) throws -> StoredEndpoint {
        StoredEndpoint(
            name: try row["name"].decode(String.self), provider: try row["provider"].decode(String.self),
            spec: try row["spec"].decode(String.self), specHash: try row["spec_hash"].decode(String.self),
            scopeHash: try row["scope_hash"].decode(String.self), generation: try row["generation"].decode(Int.self),
            state: EndpointState(rawValue: try row["state"].decode(String.self)) ?? .active,
            labels: StoreCoding.map(try row["labels"].decode(String.self)),
            annotations: StoreCoding.map(try row["annotations"].decode(String.self)),
            sourceFile: try row["source_file"].decode(String?.self),
            sourceRevision: try row["source_revision"].decode(String?.self),
            createdAt: try row["created_at"].decode(Date.self), updatedAt: try row["updated_at"].decode(Date.self),
            retiredAt: try row["retired_at"].decode(Date?.self), lastSyncAt: try row["last_sync_at"].decode(Date?.self),
            lastSyncStatus: try row["last_sync_status"].decode(String?.self),
            nextSyncAt: try row["next_sync_at"].decode(Date?.self))
    }

    static func apply(_ write: EndpointWrite, on connection: PostgresConnection, logger: Logger) async throws {
        let r = write.record
        let labels = StoreCoding.json(r.labels)
        let annotations = StoreCoding.json(r.annotations)
        try await connection.query("""
            INSERT INTO endpoints (name, provider, spec, spec_hash, scope_hash, generation, state, labels, annotations,
                source_file, source_revision, created_at, updated_at, retired_at, last_sync_at, last_sync_status, next_sync_at)
            VALUES (\(r.name), \(r.provider), \(r.spec), \(r.specHash), \(r.scopeHash), \(r.generation), \(r.state.rawValue),
                \(labels)::jsonb, \(annotations)::jsonb, \(r.sourceFile), \(r.sourceRevision), \(r.createdAt), \(r.updatedAt),
                \(r.retiredAt), \(r.lastSyncAt), \(r.lastSyncStatus), \(r.nextSyncAt))
            ON CONFLICT (name) DO UPDATE SET provider = excluded.provider, spec = excluded.spec,
                spec_hash = excluded.spec_hash, scope_hash = excluded.scope_hash, generation = excluded.generation,
                state = excluded.state, labels = excluded.labels, annotations = excluded.annotations,
                source_file = excluded.source_file, source_revision = excluded.source_revision,
                updated_at = excluded.updated_at, retired_at = excluded.retired_at,
                last_sync_at = excluded.last_sync_at, last_sync_status = excluded.last_sync_status,
                next_sync_at = excluded.next_sync_at
            """, logger: logger)
        if write.resetsCursor {
            try await connection.query("DELETE FROM cursors WHERE endpoint = \(r.name)", logger: logger)
        }
    }
}
