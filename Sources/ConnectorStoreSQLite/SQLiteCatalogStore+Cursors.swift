import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// The stored cursor of `endpoint`.
    public func cursor(endpoint: String) async throws -> String? {
        try await translating {
            try await pool.read { db in
                try String.fetchOne(db, sql: "SELECT cursor FROM cursors WHERE endpoint = ?", arguments: [endpoint])
            }
        }
    }

    /// Stores the cursor that resumes `endpoint`'s listing.
    public func saveCursor(_ cursor: String, endpoint: String, at time: Date) async throws {
        try await translating {
            try await pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO cursors (endpoint, cursor, updated_at) VALUES (?, ?, ?)
                        ON CONFLICT (endpoint) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
                        """,
                    arguments: [endpoint, cursor, Self.text(time)])
            }
        }
    }
}
