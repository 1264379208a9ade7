/// A versioned change to the store's schema. Each store records the versions applied and never
/// re-runs one; a store holding a version this binary does not know is refused.
public struct StoreMigration: Sendable, Hashable, Comparable {
    /// Increasing version number.
    public var version: Int
    /// A short name (`initial-schema`).
    public var name: String

    /// Creates a migration description.
    public init(version: Int, name: String) {
        self.version = version
        self.name = name
    }

    /// Orders by version.
    public static func < (lhs: StoreMigration, rhs: StoreMigration) -> Bool { lhs.version < rhs.version }

    /// `0001-initial-schema`.
    public var identifier: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "-" + name
    }

    /// The migrations this binary knows, in order. Both stores implement each one.
    public static let all: [StoreMigration] = [
        StoreMigration(version: 1, name: "initial-schema"),
        StoreMigration(version: 2, name: "sync-bookkeeping"),
        StoreMigration(version: 3, name: "folders-and-seen-index"),
        StoreMigration(version: 4, name: "sync-leases"),
        StoreMigration(version: 5, name: "running-runs-index"),
        StoreMigration(version: 6, name: "room-for-seen-updates"),
        StoreMigration(version: 7, name: "folders-known-empty-and-listed"),
        StoreMigration(version: 8, name: "files-in-arrival-order"),
        StoreMigration(version: 9, name: "files-endpoint-checked-per-page"),
        StoreMigration(version: 10, name: "listing-sightings"),
        StoreMigration(version: 11, name: "change-events"),
        StoreMigration(version: 12, name: "file-events"),
        StoreMigration(version: 13, name: "sink-deliveries"),
        StoreMigration(version: 14, name: "sinks"),
        StoreMigration(version: 15, name: "manifest-version"),
        StoreMigration(version: 16, name: "shared-budgets"),
    ]
}
