import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// Applies a page in as few round trips as its content allows: a page of files all stored unchanged (most pages
    /// of a re-sync) takes one statement; any other page one statement to classify it and one transaction to write.
    /// Each round trip cost the page a wake-up on both sides, and a page spent more time in them than in the server.
    static func apply(_ page: SyncPageWrite, store: String, on connection: PostgresConnection, logger: Logger) async throws -> SyncPageCounts {
        let settleable = page.removedIDs.isEmpty && page.folders.isEmpty && page.removedFolderIDs.isEmpty
            && !page.files.contains { !$0.metadata.parents.isEmpty }
        let classification = try await classify(page, settlingWhenUnchanged: settleable, on: connection, logger: logger)
        switch classification {
        case .unknownEndpoint:
            throw StoreError(.notFound, store: store, "no endpoint named \(page.endpoint) to write files for")
        case .settled:
            return SyncPageCounts(unchanged: page.files.count)
        case .classified(let classified):
            return try await connection.withTransaction(logger: logger) { connection in
                try await write(page, classified: classified, store: store, on: connection, logger: logger)
            }
        }
    }

    /// What ``classify(_:settlingWhenUnchanged:on:logger:)`` found.
    private enum PageState {
        /// The page's endpoint does not exist.
        case unknownEndpoint
        /// Every file was stored unchanged: they are marked seen and the cursor stored.
        case settled
        /// What to write, in a transaction of its own.
        case classified(PageClassification)
    }

    /// Classifies the page's files against the stored rows in one statement that finds each stored row once (a probe
    /// of the primary key per file, whatever the planner's statistics say: as a join, a table growing through a
    /// first sync was scanned whole for each page until its statistics caught up) and sends
    /// back only what the client needs: nothing but a marker when every file is stored unchanged, the changed and
    /// removed rows when every file is stored, every stored row when the page also holds new files (the client tells
    /// new from unchanged by which ids came back). With `settlingWhenUnchanged` (a page of files and a cursor only),
    /// a page found all unchanged is also applied by the same statement: its files marked seen (by the physical
    /// address the lookup found them at) and its cursor stored. The endpoint's row is locked against deletion while
    /// the statement runs, as the foreign key from `files` did (PostgresSchema.version9).
    private static func classify(
        _ page: SyncPageWrite, settlingWhenUnchanged settleable: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> PageState {
        let rows = try await connection.query("""
            WITH endpoint AS (SELECT count(*) = 1 AS known FROM (SELECT 1 FROM endpoints WHERE name = \(page.endpoint) FOR KEY SHARE) e),
            page AS (SELECT * FROM unnest(\(page.files.map(\.fileID))::text[], \(page.files.map(\.contentHash))::text[]) AS p(id, hash)),
            stored AS MATERIALIZED (
                SELECT f.address, f.file_id, f.content_hash, f.state, f.state = 'present' AND f.content_hash = p.hash AS unchanged
                FROM page p CROSS JOIN LATERAL (
                    SELECT ctid AS address, file_id, content_hash, state FROM files
                    WHERE endpoint = \(page.endpoint) AND file_id = p.id LIMIT 1) f),
            every AS (SELECT count(*) = \(page.files.count) AS stored, count(*) FILTER (WHERE unchanged) = \(page.files.count) AS unchanged
                FROM stored),
            settled AS (SELECT \(settleable) AND every.unchanged AND endpoint.known AS yes FROM every, endpoint),
            seen AS (UPDATE files f SET last_seen_at = \(page.seenAt) FROM stored s, settled WHERE settled.yes AND f.ctid = s.address),
            cursor AS (INSERT INTO cursors (endpoint, cursor, updated_at)
                SELECT \(page.endpoint), \(page.cursor)::text, \(page.seenAt) FROM settled WHERE settled.yes AND \(page.cursor)::text IS NOT NULL
                ON CONFLICT (endpoint) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at)
            SELECT s.file_id, s.content_hash, s.state FROM stored s, every, settled WHERE NOT settled.yes AND (NOT s.unchanged OR NOT every.stored)
            UNION ALL
            SELECT NULL, NULL, CASE WHEN NOT endpoint.known THEN 'unknown' WHEN settled.yes THEN 'settled' WHEN every.stored THEN 'stored' END
            FROM endpoint, every, settled
            """, logger: logger)
        var stored: [FileIDKey: PageClassification.StoredRow] = [:]
        var marker: String?
        for try await (id, hash, state) in rows.decode((String?, String?, String?).self) {
            guard let id, let hash, let state else {
                marker = state
                continue
            }
            stored[FileIDKey(id)] = PageClassification.StoredRow(contentHash: hash, state: state)
        }
        switch marker {
        case "unknown": return .unknownEndpoint
        case "settled": return .settled
        case "stored":
            // Every file is stored: the ones that did not come back are unchanged.
            for file in page.files where stored[FileIDKey(file.fileID)] == nil {
                stored[FileIDKey(file.fileID)] = PageClassification.StoredRow(contentHash: file.contentHash, state: "present")
            }
        default: break
        }
        return .classified(PageClassification(page.files, stored: stored))
    }

    /// Writes a classified page and its cursor (whose foreign key locks the endpoint's row; a page without one locks
    /// it explicitly).
    private static func write(
        _ page: SyncPageWrite, classified: PageClassification, store: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> SyncPageCounts {
        if let cursor = page.cursor {
            try await storeCursor(cursor, endpoint: page.endpoint, at: page.seenAt, on: connection, logger: logger)
        } else {
            let rows = try await connection.query("SELECT 1 FROM endpoints WHERE name = \(page.endpoint) FOR KEY SHARE", logger: logger)
            var known = false
            for try await _ in rows { known = true }
            guard known else { throw StoreError(.notFound, store: store, "no endpoint named \(page.endpoint) to write files for") }
        }
        var counts = classified.counts
        if !classified.inserts.isEmpty {
            try await write(classified.inserts, conflicts: "", endpoint: page.endpoint, seenAt: page.seenAt, on: connection, logger: logger)
        }
        if !classified.rewrites.isEmpty {
            try await write(
                classified.rewrites, conflicts: FileUpsertSQL.onConflictRewrite, endpoint: page.endpoint, seenAt: page.seenAt,
                on: connection, logger: logger)
        }
        if !classified.unchanged.isEmpty {
            try await connection.query(
                "UPDATE files SET last_seen_at = \(page.seenAt) WHERE endpoint = \(page.endpoint) AND file_id = ANY(\(classified.unchanged))",
                logger: logger)
        }
        if !page.removedIDs.isEmpty {
            let removed = try await connection.query("""
                WITH gone AS (UPDATE files SET state = 'removed', removed_at = \(page.seenAt)
                    WHERE endpoint = \(page.endpoint) AND state = 'present' AND file_id = ANY(\(page.removedIDs)) RETURNING 1)
                SELECT COUNT(*) FROM gone
                """, logger: logger)
            for try await count in removed.decode(Int.self) { counts.removed = count }
        }
        try await recordFolders(page.folders, endpoint: page.endpoint, seenAt: page.seenAt, on: connection, logger: logger)
        try await markNotEmpty(parentsOf: page.files, folders: page.folders, endpoint: page.endpoint, on: connection, logger: logger)
        counts.removed += try await removeFolderSubtrees(
            page.removedFolderIDs, endpoint: page.endpoint, removedAt: page.seenAt, on: connection, logger: logger)
        return counts
    }

    /// Inserts `files` in one statement, rewriting rows already stored when `conflicts` is
    /// ``FileUpsertSQL/onConflictRewrite`` (new files go in without it: PostgreSQL's speculative insertion made an
    /// upsert half as slow again as a plain insert). The rows travel as one binary array per column, expanded by
    /// `unnest`, so a page costs one round trip whatever its size and neither side spends time on a text format
    /// (rows as one JSON document cost the client more CPU than the server spent inserting them).
    private static func write(
        _ files: [CatalogFile], conflicts: String, endpoint: String, seenAt: Date, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let metadata = files.map(\.metadata)
        try await connection.query("""
            \(unescaped: FileUpsertSQL.insertColumns)
            SELECT \(endpoint), r.file_id, r.name, r.path, r.mime_type, r.size, r.checksums::jsonb, r.created_at, r.modified_at,
                r.version, r.web_link, r.export_links::jsonb, r.parents::jsonb, r.extras, 'present', \(seenAt), \(seenAt), NULL,
                r.content_hash
            FROM unnest(
                \(metadata.map(\.id))::text[], \(metadata.map(\.name))::text[], \(metadata.map(\.path))::text[],
                \(PostgresNullableArray(metadata.map(\.mimeType)))::text[], \(PostgresNullableArray(metadata.map(\.size)))::int8[],
                \(metadata.map { StoreCoding.json($0.checksums) })::text[],
                \(PostgresNullableArray(metadata.map(\.createdAt)))::timestamptz[],
                \(PostgresNullableArray(metadata.map(\.modifiedAt)))::timestamptz[],
                \(PostgresNullableArray(metadata.map(\.version)))::text[], \(PostgresNullableArray(metadata.map(\.webLink)))::text[],
                \(metadata.map { StoreCoding.json($0.exportLinks) })::text[], \(metadata.map { StoreCoding.json($0.parents) })::text[],
                \(PostgresNullableArray(metadata.map(\.extras)))::text[], \(files.map(\.contentHash))::text[]
            ) AS r(file_id, name, path, mime_type, size, checksums, created_at, modified_at, version, web_link, export_links,
                parents, extras, content_hash)
            \(unescaped: conflicts)
            """, logger: logger)
    }
}
