import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// Applies a page in as few round trips as its content allows: a page of files all stored unchanged (most pages
    /// of a re-sync) takes one statement, any other page without removals two (classify, then write files, folders
    /// and cursor), and a page with removals a transaction after its classification. Each round trip cost the
    /// page a wake-up on both sides, and a page spent more time in them than in the server.
    /// - Parameters:
    ///   - checkingRange: Whether to look for a stored id in the page's id range before probing each file (worth it
    ///     while pages find nothing stored, as on a first sync of ids that come in order).
    ///   - assumingNew: Whether to try the page as all new first (the endpoint's last page found nothing stored).
    /// - Returns: What the page changed, and whether the catalog held any of its files.
    static func apply(
        _ page: SyncPageWrite, store: String, checkingRange: Bool, assumingNew: Bool, on connection: PostgresConnection, logger: Logger
    ) async throws -> (counts: SyncPageCounts, foundStored: Bool) {
        let filesOnly =
            page.removedIDs.isEmpty && page.folders.isEmpty && page.removedFolderIDs.isEmpty
            && !page.files.contains { !$0.metadata.parents.isEmpty }
        let noRemovals = page.removedIDs.isEmpty && page.removedFolderIDs.isEmpty
        let unknown = StoreError(.notFound, store: store, "no endpoint named \(page.endpoint) to write files for")
        if assumingNew, noRemovals {
            // The endpoint's last page found none of its files stored (a first sync): write this one as all new,
            // without classifying it. New files go in by plain INSERT, so a file stored after all fails the whole
            // statement (nothing of the page is written) and the page is classified as usual.
            let allNew = PageClassification(page.files, stored: [:])
            do {
                guard try await write(page, classified: allNew, changed: [:], on: connection, logger: logger) else { throw unknown }
                return (allNew.counts, false)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
                // unique_violation: classified below (the statement, its events with it, wrote nothing).
            }
        }
        var classification = try await classify(
            page, settlingWhenUnchanged: filesOnly, checkingRange: checkingRange, store: store, on: connection, logger: logger)
        if case .unsettled = classification {
            classification = try await classify(
                page, settlingWhenUnchanged: false, checkingRange: false, store: store, on: connection, logger: logger)
        }
        switch classification {
        case .unknownEndpoint:
            throw unknown
        case .settled:
            return (SyncPageCounts(unchanged: page.files.count), !page.files.isEmpty)
        case .unsettled:
            throw StoreError(.query, store: store, "the page of \(page.endpoint) could not be classified")
        case .classified(let classified) where noRemovals:
            let changed = try await changedFields(classified, endpoint: page.endpoint, store: store, on: connection, logger: logger)
            guard try await write(page, classified: classified, changed: changed, on: connection, logger: logger) else {
                throw unknown
            }
            return (classified.counts, classified.inserts.count < page.files.count)
        case .classified(let classified):
            let counts = try await connection.withTransaction(logger: logger) { connection in
                let changed = try await changedFields(classified, endpoint: page.endpoint, store: store, on: connection, logger: logger)
                guard try await write(page, classified: classified, changed: changed, on: connection, logger: logger) else {
                    throw unknown
                }
                return try await writeRemovals(page, counts: classified.counts, on: connection, logger: logger)
            }
            return (counts, classified.inserts.count < page.files.count)
        }
    }

    /// What ``classify(_:settlingWhenUnchanged:checkingRange:store:on:logger:)`` found.
    private enum PageState {
        /// The page's endpoint does not exist.
        case unknownEndpoint
        /// Every file was stored unchanged: they are marked seen and the cursor stored.
        case settled
        /// Every file was stored unchanged, but a row changed under the statement and was not marked: nothing was
        /// committed for the page (no cursor), which is classified again and written by key.
        case unsettled
        /// What to write.
        case classified(PageClassification)
    }

    /// Classifies the page's files against the stored rows in one statement that finds each stored row once (a probe
    /// of the primary key per file, whatever the planner's statistics say: as a join, a table growing through a
    /// first sync was scanned whole for each page until its statistics caught up; and, with `checkingRange`, no probe
    /// at all when no stored id falls between the page's lowest and highest, as on a first sync of ids that come in
    /// order) and sends back only what the client needs: nothing but a marker when every file is stored unchanged, the changed and
    /// removed rows when every file is stored, every stored row when the page also holds new files (the client tells
    /// new from unchanged by which ids came back). With `settlingWhenUnchanged` (a page of files and a cursor only),
    /// a page found all unchanged is also applied by the same statement: its files marked seen (by the physical
    /// address the lookup found them at) and its cursor stored, the cursor only if every one of them was marked (a
    /// row updated meanwhile by anyone else has moved, and would be skipped without a word). The endpoint's row is locked against deletion while
    /// the statement runs, as the foreign key from `files` did (PostgresSchema.version9).
    private static func classify(
        _ page: SyncPageWrite, settlingWhenUnchanged settleable: Bool, checkingRange: Bool, store: String,
        on connection: PostgresConnection,
        logger: Logger
    ) async throws -> PageState {
        let statement = ClassifyPageStatement(
            query: classifyQuery(page, settlingWhenUnchanged: settleable, checkingRange: checkingRange))
        let rows = try await connection.execute(statement, logger: logger)
        var stored: [FileIDKey: PageClassification.StoredRow] = [:]
        var marker: String?
        for try await (id, hash, state) in rows {
            guard let id, let hash, let state else {
                marker = state
                continue
            }
            stored[FileIDKey(id)] = PageClassification.StoredRow(
                contentHash: hash, state: try StoreCoding.value(state, of: "files.state", store: store))
        }
        switch marker {
        case "unknown": return .unknownEndpoint
        case "settled": return .settled
        case "unsettled": return .unsettled
        case "stored":
            // Every file is stored: the ones that did not come back are unchanged.
            for file in page.files where stored[FileIDKey(file.fileID)] == nil {
                stored[FileIDKey(file.fileID)] = PageClassification.StoredRow(contentHash: file.contentHash, state: .present)
            }
        default: break
        }
        return .classified(PageClassification(page.files, stored: stored))
    }

    /// The statement of ``classify(_:settlingWhenUnchanged:checkingRange:store:on:logger:)``: its text is the same
    /// for every page (each value is a parameter), so it is prepared once per connection (``ClassifyPageStatement``).
    /// Ids compare byte for byte (`COLLATE "C"`, as `files.file_id`), whatever the database's default collation. A
    /// page whose ids ascend (a walk in id order, as the local provider's) finds its stored rows by one scan of the
    /// key's range instead of a probe per file: its rows lie together in the index.
    fileprivate static func classifyQuery(
        _ page: SyncPageWrite, settlingWhenUnchanged settleable: Bool, checkingRange: Bool
    ) -> PostgresQuery {
        let ascending = idsAscend(page.files)
        return """
            WITH endpoint AS (SELECT count(*) = 1 AS known FROM (SELECT 1 FROM endpoints WHERE name = \(page.endpoint) FOR KEY SHARE) e),
            page AS (SELECT p.id COLLATE "C" AS id, p.hash
                FROM unnest(\(page.files.map(\.fileID))::text[], \(page.files.map(\.contentHash))::text[]) AS p(id, hash)),
            range AS MATERIALIZED (
                SELECT ctid AS address, file_id, content_hash, state FROM files
                WHERE \(ascending) AND endpoint = \(page.endpoint)
                    AND file_id BETWEEN (SELECT min(id) FROM page) AND (SELECT max(id) FROM page)),
            stored AS MATERIALIZED (
                SELECT f.address, f.file_id, f.content_hash, f.state, f.state = 'present' AND f.content_hash = p.hash AS unchanged
                FROM page p CROSS JOIN LATERAL (
                    SELECT ctid AS address, file_id, content_hash, state FROM files
                    WHERE endpoint = \(page.endpoint) AND file_id = p.id LIMIT 1) f
                WHERE NOT \(ascending) AND (NOT \(checkingRange) OR EXISTS (SELECT 1 FROM files WHERE endpoint = \(page.endpoint)
                    AND file_id BETWEEN (SELECT min(id) FROM page) AND (SELECT max(id) FROM page)))
                UNION ALL
                SELECT f.address, f.file_id, f.content_hash, f.state, f.state = 'present' AND f.content_hash = p.hash
                FROM range f JOIN page p ON p.id = f.file_id),
            every AS (SELECT count(*) = \(page.files.count) AS stored, count(*) FILTER (WHERE unchanged) = \(page.files.count) AS unchanged
                FROM stored),
            settled AS (SELECT \(settleable) AND every.unchanged AND endpoint.known AS yes FROM every, endpoint),
            seen AS (UPDATE files f SET last_seen_at = \(page.seenAt) FROM stored s, settled
                WHERE settled.yes AND \(page.listingStartedAt)::timestamptz IS NULL AND f.ctid = s.address RETURNING 1),
            stale AS (DELETE FROM listing_sightings
                WHERE endpoint = \(page.endpoint) AND listing_started_at < \(page.listingStartedAt)::timestamptz),
            sighted AS (INSERT INTO listing_sightings (endpoint, listing_started_at, file_ids)
                SELECT \(page.endpoint), \(page.listingStartedAt)::timestamptz, (SELECT array_agg(id) FROM page) FROM settled
                WHERE settled.yes AND \(page.listingStartedAt)::timestamptz IS NOT NULL AND EXISTS (SELECT 1 FROM page)),
            marked AS (SELECT \(page.listingStartedAt)::timestamptz IS NOT NULL OR count(*) = \(page.files.count) AS every FROM seen),
            cursor AS (INSERT INTO cursors (endpoint, cursor, updated_at)
                SELECT \(page.endpoint), \(page.cursor)::text, \(page.seenAt) FROM settled, marked
                WHERE settled.yes AND marked.every AND \(page.cursor)::text IS NOT NULL
                ON CONFLICT (endpoint) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at)
            SELECT s.file_id, s.content_hash, s.state FROM stored s, every, settled WHERE NOT settled.yes AND (NOT s.unchanged OR NOT every.stored)
            UNION ALL
            SELECT NULL, NULL, CASE WHEN NOT endpoint.known THEN 'unknown' WHEN settled.yes AND marked.every THEN 'settled'
                WHEN settled.yes THEN 'unsettled' WHEN every.stored THEN 'stored' END
            FROM endpoint, every, settled, marked
            """
    }

    /// Writes a classified page's files, its folders and its cursor in one statement (its own transaction, or part of
    /// the caller's): new files by plain `INSERT` (PostgreSQL's speculative insertion made an upsert half as slow
    /// again), changed and returning ones by upsert, unchanged ones marked seen; the folders recorded (the last
    /// record of an id wins; one that does not say whether the folder is empty keeps what the catalog knew) and the
    /// parents of the page's files and folders no longer known empty (recorded folders among them in their own row,
    /// as two parts of one statement must not change one row). Every part runs only if the endpoint exists,
    /// and its row stays locked against deletion until the statement's transaction ends (the foreign key from
    /// `files` did that for every row; PostgresSchema.version9). The rows travel as one binary array per column,
    /// expanded by `unnest`, so neither side spends time on a text format (rows as one JSON document cost the
    /// client more CPU than the server spent inserting them). The files' events are written by the same statement
    /// (``PostgresQuery/StringInterpolation/appendInterpolation(changeEvents:when:)``). Returns false when the endpoint
    /// does not exist.
    private static func write(
        _ page: SyncPageWrite, classified: PageClassification, changed: [FileIDKey: [String]], on connection: PostgresConnection,
        logger: Logger
    ) async throws -> Bool {
        let events = ChangeEventRow.written(classified, of: page, changed: changed)
        var latest: [String: CatalogFolder] = [:]
        for folder in page.folders { latest[folder.id] = folder }
        let folders = Array(latest.values)
        var parents = Set(page.folders.compactMap(\.parentID))
        for file in page.files { parents.formUnion(file.metadata.parents) }
        let parentIDs = Array(parents)
        let rows = PageRowArrays(classified.writes)
        let isNew = Array(repeating: true, count: classified.inserts.count) + Array(repeating: false, count: classified.rewrites.count)
        let answer = try await connection.query(
            """
            WITH endpoint AS (SELECT 1 FROM endpoints WHERE name = \(page.endpoint) FOR KEY SHARE),
            cursor AS (INSERT INTO cursors (endpoint, cursor, updated_at)
                SELECT \(page.endpoint), \(page.cursor)::text, \(page.seenAt) FROM endpoint WHERE \(page.cursor)::text IS NOT NULL
                ON CONFLICT (endpoint) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at),
            seen AS (UPDATE files SET last_seen_at = \(page.seenAt)
                WHERE endpoint = \(page.endpoint) AND file_id = ANY(\(classified.unchanged)::text[]) AND EXISTS (SELECT 1 FROM endpoint)
                    AND \(page.listingStartedAt)::timestamptz IS NULL),
            stale AS (DELETE FROM listing_sightings
                WHERE endpoint = \(page.endpoint) AND listing_started_at < \(page.listingStartedAt)::timestamptz),
            sighted AS (INSERT INTO listing_sightings (endpoint, listing_started_at, file_ids)
                SELECT \(page.endpoint), \(page.listingStartedAt)::timestamptz, \(classified.unchanged)::text[] FROM endpoint
                WHERE \(page.listingStartedAt)::timestamptz IS NOT NULL AND cardinality(\(classified.unchanged)::text[]) > 0),
            rows AS (
                SELECT \(page.endpoint) AS endpoint, r.file_id, r.name, r.path, r.mime_type, r.size, r.checksums::jsonb AS checksums,
                    r.created_at, r.modified_at, r.version, r.web_link, r.export_links::jsonb AS export_links,
                    r.parents::jsonb AS parents, r.extras, 'present' AS state, \(page.seenAt)::timestamptz AS first_seen_at,
                    \(page.seenAt)::timestamptz AS last_seen_at, NULL::timestamptz AS removed_at, r.content_hash, r.is_new
                FROM unnest(\(rows.ids)::text[], \(rows.names)::text[], \(rows.paths)::text[], \(rows.mimeTypes)::text[],
                    \(rows.sizes)::int8[], \(rows.checksums)::text[], \(rows.createdAts)::timestamptz[],
                    \(rows.modifiedAts)::timestamptz[], \(rows.versions)::text[], \(rows.webLinks)::text[], \(rows.exportLinks)::text[],
                    \(rows.parents)::text[], \(rows.extras)::text[], \(rows.contentHashes)::text[], \(isNew)::bool[]
                ) AS r(file_id, name, path, mime_type, size, checksums, created_at, modified_at, version, web_link,
                    export_links, parents, extras, content_hash, is_new)
                WHERE EXISTS (SELECT 1 FROM endpoint)),
            recorded AS (INSERT INTO folders (endpoint, folder_id, name, path, parent_id, last_seen_at, is_empty, listed_at)
                SELECT \(page.endpoint), r.folder_id, r.name, r.path, NULLIF(r.parent_id, ''), \(page.seenAt),
                    CASE WHEN NULLIF(r.is_empty, '')::boolean AND r.folder_id = ANY(\(parentIDs)::text[]) THEN false
                        ELSE NULLIF(r.is_empty, '')::boolean END,
                    CASE WHEN r.listed THEN \(page.seenAt)::timestamptz END
                FROM unnest(\(folders.map(\.id))::text[], \(folders.map(\.name))::text[], \(folders.map(\.path))::text[],
                    \(folders.map { $0.parentID ?? "" })::text[], \(folders.map(\.isEmptyText))::text[],
                    \(folders.map(\.childrenListed))::boolean[]) AS r(folder_id, name, path, parent_id, is_empty, listed)
                WHERE EXISTS (SELECT 1 FROM endpoint)
                ON CONFLICT (endpoint, folder_id) DO UPDATE SET name = excluded.name, path = excluded.path,
                    parent_id = excluded.parent_id, last_seen_at = excluded.last_seen_at,
                    is_empty = CASE WHEN coalesce(excluded.is_empty, folders.is_empty) AND folders.folder_id = ANY(\(parentIDs)::text[])
                        THEN false ELSE coalesce(excluded.is_empty, folders.is_empty) END,
                    listed_at = coalesce(excluded.listed_at, folders.listed_at)),
            filled AS (UPDATE folders SET is_empty = false
                WHERE endpoint = \(page.endpoint) AND is_empty AND folder_id = ANY(\(parentIDs)::text[])
                    AND folder_id <> ALL(\(folders.map(\.id))::text[]) AND EXISTS (SELECT 1 FROM endpoint)),
            inserted AS (\(unescaped: FileUpsertSQL.insertColumns)
                SELECT \(unescaped: Self.rowColumns) FROM rows WHERE is_new),
            rewritten AS (\(unescaped: FileUpsertSQL.insertColumns)
                SELECT \(unescaped: Self.rowColumns) FROM rows WHERE NOT is_new
                \(unescaped: FileUpsertSQL.onConflictRewrite)),
            \(changeEvents: events, when: "EXISTS (SELECT 1 FROM endpoint)")
            SELECT (SELECT count(*) FROM endpoint), (SELECT count(*) FROM events_announced)
            """, logger: logger)
        var known = false
        for try await (count, _) in answer.decode((Int, Int).self) { known = count == 1 }
        return known
    }

    /// The fields each changed file's metadata changed (not those of files back after a removal, which are restored
    /// whole), from its stored row, by file id.
    private static func changedFields(
        _ classified: PageClassification, endpoint: String, store: String, on connection: PostgresConnection, logger: Logger
    ) async throws -> [FileIDKey: [String]] {
        let updates = classified.updates
        guard !updates.isEmpty else { return [:] }
        return classified.changedFields(
            since: try await storedFiles(endpoint: endpoint, ids: updates.map(\.fileID), store: store, on: connection, logger: logger))
    }

    /// The `files` columns in ``FileUpsertSQL/insertColumns`` order, as ``write(_:classified:on:logger:)``'s rows name them.
    private static let rowColumns = """
        endpoint, file_id, name, path, mime_type, size, checksums, created_at, modified_at, version, web_link,
        export_links, parents, extras, state, first_seen_at, last_seen_at, removed_at, content_hash
        """

    /// A page's removals, after its files and folders: files by id, then folder subtrees.
    private static func writeRemovals(
        _ page: SyncPageWrite, counts: SyncPageCounts, on connection: PostgresConnection, logger: Logger
    ) async throws -> SyncPageCounts {
        var counts = counts
        var removed: [String] = []
        if !page.removedIDs.isEmpty {
            let gone = try await connection.query(
                """
                UPDATE files SET state = 'removed', removed_at = \(page.seenAt),
                    last_seen_at = GREATEST(last_seen_at, \(unescaped: Self.sweptListingStart))
                WHERE endpoint = \(page.endpoint) AND state = 'present' AND file_id = ANY(\(page.removedIDs)) RETURNING file_id
                """, logger: logger)
            for try await id in gone.decode(String.self) { removed.append(id) }
        }
        removed += try await removeFolderSubtrees(
            page.removedFolderIDs, endpoint: page.endpoint, removedAt: page.seenAt, on: connection, logger: logger)
        counts.removed = removed.count
        try await record(
            ChangeEventRow.removed(removed, endpoint: page.endpoint, correlationID: page.correlationID, at: page.seenAt), on: connection,
            logger: logger)
        return counts
    }
}

/// A page's files as one array per `files` column (the nullable ones as ``PostgresNullableArray``), for `unnest`.
private struct PageRowArrays {
    var ids: [String] = [], names: [String] = [], paths: [String] = []
    var mimeTypes = PostgresNullableArray<String>([]), sizes = PostgresNullableArray<Int64>([])
    var checksums: [String] = []
    var createdAts = PostgresNullableArray<Date>([]), modifiedAts = PostgresNullableArray<Date>([])
    var versions = PostgresNullableArray<String>([]), webLinks = PostgresNullableArray<String>([])
    var exportLinks: [String] = [], parents: [String] = []
    var extras = PostgresNullableArray<String>([])
    var contentHashes: [String] = []

    init(_ files: [CatalogFile]) {
        let metadata = files.map(\.metadata)
        ids = metadata.map(\.id)
        names = metadata.map(\.name)
        paths = metadata.map(\.path)
        mimeTypes = PostgresNullableArray(metadata.map(\.mimeType))
        sizes = PostgresNullableArray(metadata.map(\.size))
        checksums = metadata.map { StoreCoding.json($0.checksums) }
        createdAts = PostgresNullableArray(metadata.map(\.createdAt))
        modifiedAts = PostgresNullableArray(metadata.map(\.modifiedAt))
        versions = PostgresNullableArray(metadata.map(\.version))
        webLinks = PostgresNullableArray(metadata.map(\.webLink))
        exportLinks = metadata.map { StoreCoding.json($0.exportLinks) }
        parents = metadata.map { StoreCoding.json($0.parents) }
        extras = PostgresNullableArray(metadata.map(\.extras))
        contentHashes = files.map(\.contentHash)
    }
}

extension PostgresCatalogStore {
    /// Whether `files`' ids strictly ascend byte for byte.
    static func idsAscend(_ files: [CatalogFile]) -> Bool {
        files.indices.dropFirst().allSatisfy { FileIDKey(files[$0 - 1].fileID) < FileIDKey(files[$0].fileID) }
    }
}

/// The classification of a page, prepared once per connection: it ran about a thousand times per million files, and
/// parsing and planning it each time was a sixth of the server's time on a re-sync.
private struct ClassifyPageStatement: PostgresPreparedStatement {
    typealias Row = (String?, String?, String?)

    /// The text of every page's query (a page with no files builds the same text as any other).
    static let sql = PostgresCatalogStore.classifyQuery(
        SyncPageWrite(endpoint: "", files: [], seenAt: Date(timeIntervalSince1970: 0), cursor: nil),
        settlingWhenUnchanged: false, checkingRange: false
    ).sql

    /// This page's query.
    let query: PostgresQuery

    func makeBindings() throws -> PostgresBindings { query.binds }

    func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
}
