import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import PostgresNIO

extension PostgresCatalogStore {
    /// Takes the lease when it is free (or expired, or already ours) and, with `onlyIfDue`, the endpoint is due.
    /// The endpoint row is locked first, so racing replicas serialise on it and the loser sees the winner's lease.
    public func claimSyncLease(
        endpoint: String, owner: String, now: Date, expiresAt: Date, onlyIfDue: Bool, staleOwner: String?
    ) async throws -> Bool {
        try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                let rows = try await connection.query(
                    "SELECT state, next_sync_at FROM endpoints WHERE name = \(endpoint) FOR UPDATE", logger: self.logger)
                var due = false
                for try await (state, next) in rows.decode((String, Date?).self) {
                    due = state == EndpointState.active.rawValue && next.map { $0 <= now } == true
                }
                if onlyIfDue, !due { return false }
                let claimed = try await connection.query(
                    """
                    INSERT INTO sync_leases (endpoint, owner, expires_at) VALUES (\(endpoint), \(owner), \(expiresAt))
                    ON CONFLICT (endpoint) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                    WHERE sync_leases.expires_at <= \(now) OR sync_leases.owner = excluded.owner OR sync_leases.owner = \(staleOwner)
                    RETURNING 1
                    """, logger: self.logger)
                var taken = false
                for try await _ in claimed.decode(Int.self) { taken = true }
                return taken
            }
        }
    }

    /// The lease holder, if any.
    public func syncLeaseHolder(endpoint: String) async throws -> String? {
        try await translating {
            let rows = try await self.client.query("SELECT owner FROM sync_leases WHERE endpoint = \(endpoint)", logger: self.logger)
            for try await owner in rows.decode(String.self) { return owner }
            return nil
        }
    }

    /// Extends our lease.
    public func renewSyncLease(endpoint: String, owner: String, expiresAt: Date) async throws -> Bool {
        try await translating {
            let rows = try await self.client.query(
                "UPDATE sync_leases SET expires_at = \(expiresAt) WHERE endpoint = \(endpoint) AND owner = \(owner) RETURNING 1",
                logger: self.logger)
            for try await _ in rows.decode(Int.self) { return true }
            return false
        }
    }

    /// Gives up our lease.
    public func releaseSyncLease(endpoint: String, owner: String) async throws {
        _ = try await translating {
            try await self.client.query(
                "DELETE FROM sync_leases WHERE endpoint = \(endpoint) AND owner = \(owner)", logger: self.logger)
        }
    }
}
