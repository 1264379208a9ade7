import ConnectorStore
import Foundation
import PostgresNIO

extension PostgresCatalogStore {
    /// The stored cursor of `endpoint`.
    public func cursor(endpoint: String) async throws -> String? {
        try await translating {
            let rows = try await self.client.query("SELECT cursor FROM cursors WHERE endpoint = \(endpoint)", logger: self.logger)
            for try await cursor in rows.decode(String.self) { return cursor }
            return nil
        }
    }

    /// Stores the cursor that resumes `endpoint`'s listing.
    public func saveCursor(_ cursor: String, endpoint: String, at time: Date) async throws {
        try await translating {
            try await self.client.query("""
                INSERT INTO cursors (endpoint, cursor, updated_at) VALUES (\(endpoint), \(cursor), \(time))
                ON CONFLICT (endpoint) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
                """, logger: self.logger)
        }
    }
}
