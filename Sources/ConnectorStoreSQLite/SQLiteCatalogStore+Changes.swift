import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// The events `query` asks for, oldest first.
    public func changes(_ query: ChangeQuery) async throws -> [ChangeEvent] {
        try await translating {
            try await pool.read { [description] db in
                var sql = "SELECT sequence, time, type, endpoint, correlation_id, data FROM change_events WHERE sequence > ?"
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
                        correlationID: row[4], data: row[5])
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

    /// Adds `events` to the outbox, in order, inside the caller's transaction.
    static func record(_ events: [ChangeEvent], in db: Database) throws {
        guard !events.isEmpty else { return }
        let insert = try db.cachedStatement(
            sql: "INSERT INTO change_events (time, type, endpoint, correlation_id, data) VALUES (?, ?, ?, ?, ?)")
        for event in events {
            try insert.execute(arguments: [text(event.time), event.type.rawValue, event.endpoint, event.correlationID, event.data])
        }
    }
}
