import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// The events `query` asks for, oldest first.
    public func changes(_ query: ChangeQuery) async throws -> [ChangeEvent] {
        try await translating {
            try await pool.read { [description] db in
                let compacted = try Int64.fetchOne(db, sql: "SELECT compacted_through FROM change_log") ?? 0
                if query.after > 0, query.after < compacted {
                    throw StoreError.expiredCursor(query.after, compactedThrough: compacted, store: description)
                }
                var filters = ""
                var arguments: StatementArguments = []
                if let since = query.since {
                    filters += " AND time >= ?"
                    arguments += [Self.text(since)]
                }
                if let endpoint = query.endpoint {
                    filters += " AND endpoint = ?"
                    arguments += [endpoint]
                }
                if let endpoints = query.endpoints {
                    filters += " AND endpoint IN (\(Self.placeholders(endpoints.count)))"
                    arguments += StatementArguments(endpoints.sorted())
                }
                if let types = query.types {
                    let names = types.map(\.rawValue).sorted()
                    filters += " AND type IN (\(Self.placeholders(names.count)))"
                    arguments += StatementArguments(names)
                }
                let sql = """
                    SELECT sequence, time, type, endpoint, correlation_id, data, file_ids, file_data FROM change_events
                    WHERE sequence > ?\(filters) ORDER BY sequence LIMIT ?
                    """
                var gathering = ChangeEventGathering(after: query.after, limit: query.limit)
                while !gathering.isDone {
                    let asked = gathering.rowsToAsk
                    let rows = try Row.fetchAll(db, sql: sql, arguments: [gathering.lastRow] + arguments + [asked]).map { row in
                        let fileIDs: String? = row[6]
                        let fileData: String? = row[7]
                        let stored = ChangeEventRow(
                            type: try StoreCoding.value(row[2], of: "change_events.type", store: description),
                            time: Self.date(row[1]) ?? .distantPast, endpoint: row[3], correlationID: row[4], data: row[5],
                            fileIDs: fileIDs.map(StoreCoding.list), fileData: fileData.map(StoreCoding.list))
                        return (sequence: row[0] as Int64, row: stored)
                    }
                    gathering.add(rows, askedFor: asked)
                }
                return gathering.events
            }
        }
    }

    /// The newest event's sequence number, or 0.
    public func latestChangeSequence() async throws -> Int64 {
        try await translating {
            try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM change_events") ?? 0 }
        }
    }

    /// Deletes what `retention` no longer keeps: the oldest events up to the first one young enough to keep, and
    /// those beyond the newest `maxCount` (by sequence, so what stays is always one unbroken run).
    public func compactChanges(keeping retention: ChangeRetention, now: Date) async throws -> Int {
        try await translating {
            try await pool.write { db in
                var horizon: Int64 = 0
                if let maxAge = retention.maxAge {
                    // From the oldest, in sequence order (no index on time): up to the first event young enough.
                    let cutoff = Self.text(now.addingTimeInterval(-maxAge.timeInterval))
                    let kept = try Int64.fetchOne(
                        db, sql: "SELECT sequence FROM change_events WHERE time >= ? ORDER BY sequence LIMIT 1", arguments: [cutoff])
                    horizon = try kept.map { $0 - 1 } ?? Int64.fetchOne(db, sql: "SELECT max(sequence) FROM change_events") ?? 0
                }
                if let maxCount = retention.maxCount {
                    let latest = try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM change_events") ?? 0
                    horizon = max(horizon, latest - Int64(max(0, maxCount)))
                }
                guard horizon > 0 else { return 0 }
                try db.execute(sql: "DELETE FROM change_events WHERE sequence <= ?", arguments: [horizon])
                let deleted = db.changesCount
                try db.execute(sql: "UPDATE change_log SET compacted_through = max(compacted_through, ?)", arguments: [horizon])
                return deleted
            }
        }
    }

    /// The newest sequence number compaction deleted, or 0.
    public func compactedChangeSequence() async throws -> Int64 {
        try await translating {
            try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT compacted_through FROM change_log") ?? 0 }
        }
    }

    /// Adds `events` to the outbox, in order, inside the caller's transaction: a run of file events of one kind as one
    /// row (``ChangeEventRow``) numbered by the range that ends at its `sequence`, taken after the largest number ever
    /// used (AUTOINCREMENT's record of it, so that a number is never reused, even after compaction).
    static func record(_ events: [ChangeEvent], in db: Database) throws {
        try record(events.map(ChangeEventRow.init), in: db)
    }

    /// Adds `rows` to the outbox, in order, inside the caller's transaction (see ``record(_:in:)-([ChangeEvent],_)``).
    static func record(_ rows: [ChangeEventRow], in db: Database) throws {
        guard !rows.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO change_events (sequence, time, type, endpoint, correlation_id, data, file_ids, file_data)
                VALUES (coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'change_events'), 0) + ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for row in rows {
            try insert.execute(arguments: [
                row.count, text(row.time), row.type.rawValue, row.endpoint, row.correlationID, row.data, row.fileIDs.map(StoreCoding.json),
                row.fileData.map(StoreCoding.json),
            ])
        }
    }
}
