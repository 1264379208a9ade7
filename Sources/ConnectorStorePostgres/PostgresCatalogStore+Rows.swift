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

    static func readSnapshot(_ connection: PostgresConnection, store: String, logger: Logger) async throws -> StoreSnapshot {
        let rows = try await connection.query(
            PostgresQuery(unsafeSQL: "SELECT \(endpointColumns) FROM endpoints ORDER BY name"), logger: logger)
        var endpoints: [StoredEndpoint] = []
        for try await row in rows {
            endpoints.append(try endpoint(from: row.makeRandomAccess(), store: store))
        }
        return StoreSnapshot(
            endpoints: endpoints, sinks: try await readSinks(connection, store: store, logger: logger),
            manifestVersion: try await manifestVersion(connection, store: store, logger: logger))
    }

    static func endpoint(from row: PostgresRandomAccessRow, store: String) throws -> StoredEndpoint {
        let name = try row["name"].decode(String.self)
        let spec = try row["spec"].decode(String.self)
        return StoredEndpoint(
            name: name, provider: try row["provider"].decode(String.self), spec: spec,
            specHash: try row["spec_hash"].decode(String.self), scopeHash: try row["scope_hash"].decode(String.self),
            generation: try row["generation"].decode(Int.self),
            state: try StoreCoding.value(try row["state"].decode(String.self), of: "endpoints.state", store: store),
            labels: StoreCoding.map(try row["labels"].decode(String.self)),
            annotations: StoreCoding.map(try row["annotations"].decode(String.self)),
            sourceFile: try row["source_file"].decode(String?.self),
            sourceRevision: try row["source_revision"].decode(String?.self),
            createdAt: try row["created_at"].decode(Date.self), updatedAt: try row["updated_at"].decode(Date.self),
            retiredAt: try row["retired_at"].decode(Date?.self), lastSyncAt: try row["last_sync_at"].decode(Date?.self),
            lastSyncStatus: try row["last_sync_status"].decode(String?.self).map {
                try StoreCoding.value($0, of: "endpoints.last_sync_status", store: store)
            },
            nextSyncAt: try row["next_sync_at"].decode(Date?.self))
    }

    /// Writes every endpoint of a reconcile in one statement (the rows travel as one array per column, a nullable
    /// column with an array of flags saying which values are present), and drops the cursors the writes reset in a
    /// second: two round trips instead of one or two per endpoint (10,000 endpoints applied one by one spent most of
    /// their time waiting for the server's answers). A name written twice keeps its last record.
    static func apply(_ writes: [EndpointWrite], on connection: PostgresConnection, logger: Logger) async throws {
        guard !writes.isEmpty else { return }
        var latest: [String: StoredEndpoint] = [:]
        var order: [String] = []
        for write in writes where latest.updateValue(write.record, forKey: write.record.name) == nil { order.append(write.record.name) }
        let records = order.compactMap { latest[$0] }
        let epoch = Date(timeIntervalSince1970: 0)
        try await connection.query(
            """
            INSERT INTO endpoints (name, provider, spec, spec_hash, scope_hash, generation, state, labels, annotations,
                source_file, source_revision, created_at, updated_at, retired_at, last_sync_at, last_sync_status, next_sync_at)
            SELECT r.name, r.provider, r.spec, r.spec_hash, r.scope_hash, r.generation, r.state, r.labels::jsonb, r.annotations::jsonb,
                CASE WHEN r.has_source_file THEN r.source_file END, CASE WHEN r.has_source_revision THEN r.source_revision END,
                r.created_at, r.updated_at, CASE WHEN r.has_retired_at THEN r.retired_at END,
                CASE WHEN r.has_last_sync_at THEN r.last_sync_at END, CASE WHEN r.has_last_sync_status THEN r.last_sync_status END,
                CASE WHEN r.has_next_sync_at THEN r.next_sync_at END
            FROM unnest(
                \(records.map(\.name))::text[], \(records.map(\.provider))::text[], \(records.map(\.spec))::text[],
                \(records.map(\.specHash))::text[], \(records.map(\.scopeHash))::text[], \(records.map(\.generation))::int8[],
                \(records.map(\.state.rawValue))::text[], \(records.map { StoreCoding.json($0.labels) })::text[],
                \(records.map { StoreCoding.json($0.annotations) })::text[],
                \(records.map { $0.sourceFile ?? "" })::text[], \(records.map { $0.sourceFile != nil })::bool[],
                \(records.map { $0.sourceRevision ?? "" })::text[], \(records.map { $0.sourceRevision != nil })::bool[],
                \(records.map(\.createdAt))::timestamptz[], \(records.map(\.updatedAt))::timestamptz[],
                \(records.map { $0.retiredAt ?? epoch })::timestamptz[], \(records.map { $0.retiredAt != nil })::bool[],
                \(records.map { $0.lastSyncAt ?? epoch })::timestamptz[], \(records.map { $0.lastSyncAt != nil })::bool[],
                \(records.map { $0.lastSyncStatus?.rawValue ?? "" })::text[], \(records.map { $0.lastSyncStatus != nil })::bool[],
                \(records.map { $0.nextSyncAt ?? epoch })::timestamptz[], \(records.map { $0.nextSyncAt != nil })::bool[]
            ) AS r(name, provider, spec, spec_hash, scope_hash, generation, state, labels, annotations,
                source_file, has_source_file, source_revision, has_source_revision, created_at, updated_at,
                retired_at, has_retired_at, last_sync_at, has_last_sync_at, last_sync_status, has_last_sync_status,
                next_sync_at, has_next_sync_at)
            ON CONFLICT (name) DO UPDATE SET provider = excluded.provider, spec = excluded.spec,
                spec_hash = excluded.spec_hash, scope_hash = excluded.scope_hash, generation = excluded.generation,
                state = excluded.state, labels = excluded.labels, annotations = excluded.annotations,
                source_file = excluded.source_file, source_revision = excluded.source_revision,
                updated_at = excluded.updated_at, retired_at = excluded.retired_at,
                last_sync_at = excluded.last_sync_at, last_sync_status = excluded.last_sync_status,
                next_sync_at = excluded.next_sync_at
            """, logger: logger)
        let resets = Array(Set(writes.filter(\.resetsCursor).map(\.record.name)))
        if !resets.isEmpty {
            try await connection.query("DELETE FROM cursors WHERE endpoint = ANY(\(resets)::text[])", logger: logger)
        }
    }
}

extension PostgresCatalogStore {
    static let sinkColumns = """
        name, spec, spec_hash, generation, state, labels::text, annotations::text, source_file, source_revision,
        created_at, updated_at, retired_at
        """

    static func readSinks(_ connection: PostgresConnection, store: String, logger: Logger) async throws -> [StoredSink] {
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(sinkColumns) FROM sinks ORDER BY name"), logger: logger)
        var sinks: [StoredSink] = []
        for try await row in rows {
            sinks.append(try sink(from: row.makeRandomAccess(), store: store))
        }
        return sinks
    }

    static func sink(from row: PostgresRandomAccessRow, store: String) throws -> StoredSink {
        StoredSink(
            name: try row["name"].decode(String.self), spec: try row["spec"].decode(String.self),
            specHash: try row["spec_hash"].decode(String.self), generation: try row["generation"].decode(Int.self),
            state: try StoreCoding.value(try row["state"].decode(String.self), of: "sinks.state", store: store),
            labels: StoreCoding.map(try row["labels"].decode(String.self)),
            annotations: StoreCoding.map(try row["annotations"].decode(String.self)),
            sourceFile: try row["source_file"].decode(String?.self), sourceRevision: try row["source_revision"].decode(String?.self),
            createdAt: try row["created_at"].decode(Date.self), updatedAt: try row["updated_at"].decode(Date.self),
            retiredAt: try row["retired_at"].decode(Date?.self))
    }

    /// Writes a reconcile's sinks (few: one statement each), and drops or clears their delivery records as each
    /// write says.
    static func apply(_ writes: [SinkWrite], on connection: PostgresConnection, logger: Logger) async throws {
        for write in writes {
            let record = write.record
            try await connection.query(
                """
                INSERT INTO sinks (name, spec, spec_hash, generation, state, labels, annotations, source_file, source_revision,
                    created_at, updated_at, retired_at)
                VALUES (\(record.name), \(record.spec), \(record.specHash), \(record.generation), \(record.state.rawValue),
                    \(StoreCoding.json(record.labels))::jsonb, \(StoreCoding.json(record.annotations))::jsonb,
                    \(record.sourceFile)::text, \(record.sourceRevision)::text, \(record.createdAt), \(record.updatedAt),
                    \(record.retiredAt)::timestamptz)
                ON CONFLICT (name) DO UPDATE SET spec = excluded.spec, spec_hash = excluded.spec_hash,
                    generation = excluded.generation, state = excluded.state, labels = excluded.labels,
                    annotations = excluded.annotations, source_file = excluded.source_file,
                    source_revision = excluded.source_revision, updated_at = excluded.updated_at, retired_at = excluded.retired_at
                """, logger: logger)
            switch write.delivery {
            case .kept: break
            case .resumed:
                try await connection.query(
                    "UPDATE sink_deliveries SET failures = 0, retry_at = NULL, dead_lettered_at = NULL WHERE sink = \(record.name)",
                    logger: logger)
            case .restarted:
                try await connection.query(
                    """
                    INSERT INTO sink_deliveries (sink, cursor) VALUES (\(record.name), (SELECT coalesce(max(sequence), 0) FROM change_events))
                    ON CONFLICT (sink) DO UPDATE SET cursor = excluded.cursor, failures = 0, retry_at = NULL, last_error = NULL,
                        dead_lettered_at = NULL, last_delivery_at = NULL
                    """, logger: logger)
            }
        }
    }
}

extension PostgresCatalogStore {
    static func manifestVersion(_ connection: PostgresConnection, store: String, logger: Logger) async throws -> ManifestVersion? {
        let rows = try await connection.query(
            "SELECT source, time, identity, content_hash FROM manifest_version WHERE id = 1", logger: logger)
        for try await (source, time, identity, hash) in rows.decode((String, Date, String?, String).self) {
            return ManifestVersion(
                source: try StoreCoding.value(source, of: "manifest_version.source", store: store), time: time, identity: identity,
                contentHash: hash)
        }
        return nil
    }

    static func record(_ version: ManifestVersion, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            """
            INSERT INTO manifest_version (id, source, time, identity, content_hash, applied_at)
            VALUES (1, \(version.source.rawValue), \(version.time), \(version.identity)::text, \(version.contentHash), now())
            ON CONFLICT (id) DO UPDATE SET source = excluded.source, time = excluded.time, identity = excluded.identity,
                content_hash = excluded.content_hash, applied_at = excluded.applied_at
            """, logger: logger)
    }
}
