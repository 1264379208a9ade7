import ConnectorModel
import Foundation

/// The store's schema: which migrations it has, and applying the ones this binary adds.
/// Used by `migrate`, by read-only commands that refuse an older schema, and by the stores' own opening.
public protocol StoreSchema: Sendable {
    /// Applies pending migrations and returns the ones applied now.
    /// - Throws: ``StoreError`` when the store was written by a newer binary, or is unusable.
    func migrate() async throws -> [StoreMigration]

    /// The migrations already applied, oldest first.
    func appliedMigrations() async throws -> [StoreMigration]

    /// The migrations this binary knows and the store lacks, oldest first (all of them for a store never migrated);
    /// reads only.
    /// - Throws: ``StoreError`` when the store was written by a newer binary, or is unusable.
    func pendingMigrations() async throws -> [StoreMigration]
}
