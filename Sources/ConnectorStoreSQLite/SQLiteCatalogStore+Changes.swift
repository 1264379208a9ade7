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
                var sql = "SELECT sequence, time, type, endpoint, correlation_id, data, file_id FROM change_events WHERE sequence > ?"
                var arguments: StatementArguments = [query.after]
                if let since = query.since {
                    sql += " AND time >= ?"
                    arguments += [Self.text(since)]
                }
                if let endpoint = query.endpoint {
                    sql += " AND endpoint = ?"
                    arguments += [endpoint]
                }
                if let types = query.types {
                    let names = types.map(\.rawValue).sorted()
                    sql += " AND type IN (\(Self.placeholders(names.count)))"
                    arguments += StatementArguments(names)
                }
                sql += " ORDER BY sequence LIMIT ?"
                arguments += [max(0, query.limit)]
                return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                    ChangeEvent(
                        sequence: row[0], time: Self.date(row[1]) ?? .distantPast,
                        type: try StoreCoding.value(row[2], of: "change_events.type", store: description), endpoint: row[3],
                        correlationID: row[4], data: row[5], fileID: row[6])
                }
            }
        }
    }

    /// The newest event's sequence number, or 0.
    public func latestChangeSequence() async throws -> Int64 {
        try await translating {
            try await pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM change_events") ?? 0 }
        }
    }

    /// Deletes what `retention` no longer keeps: every event up to the newest one that is too old or beyond the
    /// newest `maxCount` (by sequence, so what stays is always one unbroken run).
    public func compactChanges(keeping retention: ChangeRetention, now: Date) async throws -> Int {
        try await translating {
            try await pool.write { db in
                var horizon: Int64 = 0
                if let maxAge = retention.maxAge {
                    let cutoff = Self.text(now.addingTimeInterval(-maxAge.timeInterval))
                    horizon =
                        try Int64.fetchOne(db, sql: "SELECT max(sequence) FROM change_events WHERE time < ?", arguments: [cutoff]) ?? 0
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

    /// Adds `events` to the outbox, in order, inside the caller's transaction: by up to ``eventBatch`` rows per
    /// statement, as files are written (a first sync writes an event per file).
    static func record(_ events: [ChangeEvent], in db: Database) throws {
        guard !events.isEmpty else { return }
        var parameters = SQLiteParameters(reservingCapacity: min(events.count, eventBatch) * 6, textBytes: eventBatch * 160)
        var lastTime: (date: Date, text: String)?
        for chunk in events.chunked(eventBatch) {
            let insert = try db.cachedStatement(sql: chunk.count == eventBatch ? fullEventBatchSQL : eventInsertSQL(rows: chunk.count))
            parameters.removeAll()
            for event in chunk {
                // A page's events share one time: formatted once.
                if lastTime?.date != event.time { lastTime = (event.time, text(event.time)) }
                parameters.append(lastTime?.text)
                parameters.append(event.type.rawValue)
                parameters.append(event.endpoint)
                parameters.append(event.correlationID)
                parameters.append(event.fileID)
                parameters.append(event.data)
            }
            try insert.run(binding: parameters, in: db)
        }
    }

    /// Events per INSERT statement.
    static let eventBatch = 100

    private static let fullEventBatchSQL = eventInsertSQL(rows: eventBatch)

    private static func eventInsertSQL(rows: Int) -> String {
        "INSERT INTO change_events (time, type, endpoint, correlation_id, file_id, data) VALUES "
            + Array(repeating: "(?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
    }
}
