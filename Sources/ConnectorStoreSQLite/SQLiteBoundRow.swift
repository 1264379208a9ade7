import GRDB
import GRDBSQLite

/// One row of values bound straight to a prepared statement through SQLite's C API.
///
/// The page writes of a sync bind tens of thousands of rows; GRDB's `StatementArguments` boxes every value in an
/// existential, which costs more than SQLite's own work. Here text is bound from the string's UTF-8 storage
/// (copied by SQLite, so NUL bytes and any length survive) and integers as they are.
enum SQLiteBoundValue {
    case text(String?)
    case integer(Int64?)
}

extension Statement {
    /// Binds `values` by position and steps the statement once; GRDB's own bookkeeping is bypassed, so use it only
    /// for plain INSERT/UPDATE statements inside a transaction.
    /// - Throws: `DatabaseError` with SQLite's message when a bind or the step fails.
    func run(binding values: [SQLiteBoundValue], in db: Database) throws {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .text(.some(var text)):
                code = text.withUTF8 { bytes in
                    // A zero-length buffer may have no address, which SQLite would take for NULL.
                    guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, nil) }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                        sqlite3_bind_text(handle, index, pointer, Int32(bytes.count), Self.transient)
                    }
                }
            case .integer(.some(let number)):
                code = sqlite3_bind_int64(handle, index, number)
            case .text(.none), .integer(.none):
                code = sqlite3_bind_null(handle, index)
            }
            guard code == SQLITE_OK else { throw failure(code, in: db) }
        }
        let step = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard step == SQLITE_DONE else { throw failure(step, in: db) }
    }

    private func failure(_ code: Int32, in db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }

    /// `SQLITE_TRANSIENT`: SQLite copies the bytes before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
