import ConnectorModel
import ConnectorStore
import Foundation
import GRDB
import Synchronization

/// The embedded store: one SQLite file in WAL mode, on GRDB.
///
/// Two processes on one file wait for each other (a busy timeout) instead of failing, and a
/// reconcile holds SQLite's write lock (`BEGIN IMMEDIATE`) from reading the snapshot to committing.
public final class SQLiteCatalogStore: CatalogStore {
    /// Tuning; the defaults suit the CLI and the daemon.
    public struct Configuration: Sendable {
        /// How long to wait for another process's write lock.
        public var busyTimeout: TimeInterval = 30
        /// Whether opening applies pending migrations; commands that never write open without (see
        /// ``CatalogStore/pendingMigrations()``).
        public var migratesOnOpen = true
        /// A cap on the file's size in pages, used by tests to produce a full disk.
        var maximumPageCount: Int?

        /// Creates a configuration.
        public init(busyTimeout: TimeInterval = 30, migratesOnOpen: Bool = true) {
            self.busyTimeout = busyTimeout
            self.migratesOnOpen = migratesOnOpen
        }
    }

    let pool: DatabasePool
    let path: String
    /// Checkpoints the log beside the writer (see ``WALCheckpointer``).
    let checkpointer: WALCheckpointer
    /// Whether each endpoint's last page found any of its files stored: while none did (a first sync), a page is
    /// first written as all new (see ``apply(_:assumingNew:in:store:)``).
    let pagesFoundStoredRows = Mutex<[String: Bool]>([:])

    /// The writer's page cache (SQLite's default is 2 MiB). A page of random cloud ids dirties index pages all over the
    /// id index, and with 2 MiB most of them were read back from the file for the next page: 8 MiB made the Drive
    /// 100,000-file first sync about 10% faster, for about 6 MiB more resident memory once the cache is full.
    /// Readers keep the default: their caches made no difference.
    static let writerCacheKiB = 8192

    /// The page size of a new store's file (SQLite's default is 4 KiB). A Microsoft 365 row is about 1.4 KB (web link,
    /// path, the item's SharePoint ids and people), so two filled a 4 KiB page and a quarter of every table page was
    /// left empty; five fill 8 KiB. Measured on a 2-core machine, release builds, alternating, medians of five: the
    /// 100,000-file library's first sync went 21,108 → 24,381 files/s (16 KiB: 24,059); Drive's rows of about 600
    /// bytes and the local provider's smaller ones were unchanged, as was the Drive sync's peak memory (the caches are
    /// sized in bytes). A store created before keeps its 4 KiB pages (see docs/operations.md to convert one).
    static let pageSize = 8192

    /// `sqlite:PATH`.
    public var description: String { "sqlite:\(path)" }

    /// Opens (creating if needed) the store at `path` and applies pending migrations unless the configuration says not to.
    /// - Throws: ``StoreError`` when the file is not a database, cannot be written, or is newer than this binary.
    public init(path: String, configuration: Configuration = .init()) async throws {
        self.path = path
        var config = GRDB.Configuration()
        config.busyMode = .timeout(configuration.busyTimeout)
        let pageLimit = configuration.maximumPageCount
        config.prepareDatabase { db in
            // Takes effect only while the file is still empty: a store keeps the page size it was created with.
            try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            // Statement journals and sorts stay in memory: a page write's multi-row upsert would otherwise open and
            // write a temporary file for every statement.
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // The log is checkpointed beside the writer (WALCheckpointer); the writer's own checkpoint is a backstop.
            let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? Self.pageSize
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(WALCheckpointer.backstopPages(pageSize: pageSize))")
            if let pageLimit { try db.execute(sql: "PRAGMA max_page_count = \(pageLimit)") }
        }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try await pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -\(Self.writerCacheKiB)") }
        } catch {
            throw SQLiteErrorTranslation.storeError(error, store: "sqlite:\(path)")
        }
        do {
            checkpointer = try WALCheckpointer(path: path)
        } catch {
            throw SQLiteErrorTranslation.storeError(error, store: "sqlite:\(path)")
        }
        if configuration.migratesOnOpen { _ = try await migrate() }
    }

    /// Closes the file.
    public func close() throws {
        // The pool closes even if the checkpointer's connection could not.
        let checkpointerClosed = Result { try checkpointer.close() }
        try pool.close()
        try checkpointerClosed.get()
    }

    func translating<T>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch {
            throw SQLiteErrorTranslation.storeError(error, store: description)
        }
    }
}
