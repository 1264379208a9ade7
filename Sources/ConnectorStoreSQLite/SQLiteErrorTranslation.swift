import ConnectorStore
import GRDB

/// SQLite result codes as one-line, actionable store errors.
enum SQLiteErrorTranslation {
    /// The store error for a SQLite failure; any other error (a caller's own) passes through unchanged.
    static func storeError(_ error: any Error, store: String) -> any Error {
        guard let database = error as? DatabaseError else { return error }
        switch database.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(
                .corrupt, store: store,
                "the file is not a SQLite database, or it is damaged (restore it from a backup or point --database elsewhere)",
                underlying: error)
        case .SQLITE_READONLY, .SQLITE_PERM:
            return StoreError(
                .readOnly, store: store, "the database is read-only: check the file's and its directory's permissions", underlying: error)
        case .SQLITE_CANTOPEN:
            return StoreError(
                .readOnly, store: store, "cannot open the database file: check that its directory exists and is writable", underlying: error
            )
        case .SQLITE_FULL:
            return StoreError(.diskFull, store: store, "the disk is full: nothing was written; free space and run again", underlying: error)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(.busy, store: store, "another process held the database lock for too long; try again", underlying: error)
        default:
            return StoreError(
                .query, store: store, "SQLite error \(database.resultCode.rawValue): \(database.message ?? "unknown")", underlying: error)
        }
    }
}
