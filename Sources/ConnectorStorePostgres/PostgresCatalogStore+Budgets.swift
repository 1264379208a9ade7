import ConnectorModel
import Crypto
import Foundation
import PostgresNIO

extension PostgresCatalogStore {
    /// Grants `cost` units of an app's `family` budget (`limit` units per `window`) to the calling process now, or
    /// grants nothing and answers how long to wait before asking again: the budget every replica on this store shares.
    ///
    /// One transaction under an advisory lock per app and family counts the units granted in the last window, on the
    /// database's clock (one clock for every replica), and records the grant when it fits. A replica that stops
    /// asking returns its share as its grants age out of the window. Grants older than two windows are deleted on the
    /// way. The app's key is kept as a digest.
    public func grantBudget(app: String, family: String, cost: Int, limit: Int, window: Duration) async throws -> Duration {
        let key = SHA256.hash(data: Data(app.utf8)).hexString.prefix(32).description
        let seconds = window.timeInterval
        return try await translating {
            try await self.client.withTransaction(logger: self.logger) { connection in
                try await connection.query(
                    "SELECT pg_advisory_xact_lock(hashtextextended(\(key) || '|' || \(family), 7))", logger: self.logger)
                try await connection.query(
                    """
                    DELETE FROM budget_grants WHERE app = \(key) AND family = \(family)
                        AND granted_at < clock_timestamp() - make_interval(secs => \(seconds * 2))
                    """, logger: self.logger)
                let used = try await connection.query(
                    """
                    SELECT coalesce(sum(cost), 0)::int8 FROM budget_grants WHERE app = \(key) AND family = \(family)
                        AND granted_at > clock_timestamp() - make_interval(secs => \(seconds))
                    """, logger: self.logger)
                var total: Int64 = 0
                for try await value in used.decode(Int64.self) { total = value }
                if total + Int64(cost) <= Int64(limit) {
                    try await connection.query(
                        "INSERT INTO budget_grants (app, family, granted_at, cost) VALUES (\(key), \(family), clock_timestamp(), \(cost))",
                        logger: self.logger)
                    return .zero
                }
                // The wait until enough of the window's units have aged out: the first grant whose running total frees them.
                let freed = try await connection.query(
                    """
                    SELECT extract(epoch FROM granted_at + make_interval(secs => \(seconds)) - clock_timestamp())::float8
                    FROM (
                        SELECT granted_at, sum(cost) OVER (ORDER BY granted_at) AS freed FROM budget_grants
                        WHERE app = \(key) AND family = \(family)
                            AND granted_at > clock_timestamp() - make_interval(secs => \(seconds))
                    ) AS running
                    WHERE freed >= \(total + Int64(cost) - Int64(limit)) ORDER BY granted_at LIMIT 1
                    """, logger: self.logger)
                var wait = 0.05
                for try await value in freed.decode(Double.self) { wait = max(0.01, value) }
                return .milliseconds(Int64((wait * 1000).rounded(.up)))
            }
        }
    }
}
