import ConnectorModel
import Crypto
import Foundation
import PostgresNIO

extension PostgresCatalogStore {
    /// Grants `cost` units of an app's `family` budget (`limit` units per `window`) to the calling process now, or
    /// grants nothing and answers how long to wait before asking again: the budget every replica on this store shares.
    ///
    /// The app and family have one row holding the times of the units granted in the last window, on the database's
    /// clock (one clock for every replica). One `UPDATE` drops the times that left the window and adds the new ones
    /// when they fit, computed from the row's own column only: PostgreSQL runs concurrent updates of the row one after
    /// another, and one that waited recomputes its values from the row as the one before left it (read committed's
    /// re-check), so replicas never both take the last units. A replica that stops asking returns its share as
    /// its grants age out of the window. The app's key is kept as a digest. The statement is not cancelled with the
    /// caller (it runs in a task of its own), so a cancelled sync never leaves the row locked.
    public func grantBudget(app: String, family: String, cost: Int, limit: Int, window: Duration) async throws -> Duration {
        try await Task { try await grantBudgetNow(app: app, family: family, cost: cost, limit: limit, window: window) }.value
    }

    private func grantBudgetNow(app: String, family: String, cost: Int, limit: Int, window: Duration) async throws -> Duration {
        let key = SHA256.hash(data: Data(app.utf8)).hexString.prefix(32).description
        let seconds = window.timeInterval
        return try await translating {
            for _ in 0..<2 {
                let rows = try await self.client.query(
                    """
                    UPDATE budget_windows SET
                        granted = (SELECT count(*) FROM unnest(grants) AS t WHERE t > clock_timestamp() - make_interval(secs => \(seconds)))
                            + \(cost) <= \(limit),
                        grants = ARRAY(
                            SELECT t FROM unnest(grants) AS t WHERE t > clock_timestamp() - make_interval(secs => \(seconds)) ORDER BY t)
                            || CASE WHEN (SELECT count(*) FROM unnest(grants) AS t
                                    WHERE t > clock_timestamp() - make_interval(secs => \(seconds))) + \(cost) <= \(limit)
                                THEN array_fill(clock_timestamp(), ARRAY[\(cost)::int4]) ELSE '{}'::timestamptz[] END
                    WHERE app = \(key) AND family = \(family)
                    RETURNING granted,
                        CASE WHEN granted THEN 0::float8 ELSE extract(epoch FROM grants[cardinality(grants) + \(cost) - \(limit)]
                            + make_interval(secs => \(seconds)) - clock_timestamp())::float8 END
                    """, logger: self.logger)
                for try await (granted, wait) in rows.decode((Bool, Double?).self) {
                    return granted ? .zero : .milliseconds(Int64((max(0.01, wait ?? 0.05) * 1000).rounded(.up)))
                }
                try await self.client.query(
                    "INSERT INTO budget_windows (app, family) VALUES (\(key), \(family)) ON CONFLICT DO NOTHING", logger: self.logger)
            }
            return .milliseconds(50)
        }
    }
}
