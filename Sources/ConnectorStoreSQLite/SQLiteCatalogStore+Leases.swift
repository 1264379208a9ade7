import ConnectorModel
import ConnectorStore
import Foundation
import GRDB

extension SQLiteCatalogStore {
    /// Takes the lease when it is free (or expired, or already ours) and, with `onlyIfDue`, the endpoint is due.
    public func claimSyncLease(
        endpoint: String, owner: String, now: Date, expiresAt: Date, onlyIfDue: Bool, staleOwner: String?
    ) async throws -> Bool {
        try await translating {
            try await pool.writeWithoutTransaction { db in
                var claimed = false
                try db.inTransaction(.immediate) {
                    if onlyIfDue {
                        let row = try Row.fetchOne(
                            db, sql: "SELECT state, next_sync_at FROM endpoints WHERE name = ?", arguments: [endpoint])
                        let due: String? = row?["next_sync_at"]
                        guard row?["state"] == EndpointState.active.rawValue, let due, due <= Self.text(now) else { return .commit }
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO sync_leases (endpoint, owner, expires_at) VALUES (?, ?, ?)
                            ON CONFLICT (endpoint) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
                            WHERE sync_leases.expires_at <= ? OR sync_leases.owner = excluded.owner OR sync_leases.owner = ?
                            """,
                        arguments: [endpoint, owner, Self.text(expiresAt), Self.text(now), staleOwner])
                    claimed = db.changesCount == 1
                    return .commit
                }
                return claimed
            }
        }
    }

    /// The lease holder, if any.
    public func syncLeaseHolder(endpoint: String) async throws -> String? {
        try await translating {
            try await pool.read { db in
                try String.fetchOne(db, sql: "SELECT owner FROM sync_leases WHERE endpoint = ?", arguments: [endpoint])
            }
        }
    }

    /// Extends our lease.
    public func renewSyncLease(endpoint: String, owner: String, expiresAt: Date) async throws -> Bool {
        try await translating {
            try await pool.write { db in
                try db.execute(
                    sql: "UPDATE sync_leases SET expires_at = ? WHERE endpoint = ? AND owner = ?",
                    arguments: [Self.text(expiresAt), endpoint, owner])
                return db.changesCount == 1
            }
        }
    }

    /// Gives up our lease.
    public func releaseSyncLease(endpoint: String, owner: String) async throws {
        try await translating {
            try await pool.write { db in
                try db.execute(sql: "DELETE FROM sync_leases WHERE endpoint = ? AND owner = ?", arguments: [endpoint, owner])
            }
        }
    }
}
