import GRDB
import GRDBSQLite

/// Positional parameters for a prepared statement, kept in one byte buffer and bound straight through SQLite's C API.
///
/// The page writes of a sync bind tens of thousands of values. GRDB's `StatementArguments` boxes each one in an
/// existential, and text bound as `SQLITE_TRANSIENT` costs SQLite an allocation (under its memory mutex) and a copy
/// per value. Here every text is copied once into a buffer that outlives the statement's step, so SQLite reads it in
/// place (`SQLITE_STATIC`); NUL bytes and any length survive. Reuse one value across statements with `removeAll()`.
struct SQLiteParameters {
    private enum Slot {
        case text(start: Int, count: Int)
        case integer(Int64)
        case null
    }

    /// Every text, back to back, after one leading byte that empty texts point at (a zero-length text still needs an
    /// address, or SQLite would take it for NULL).
    private var bytes: [UInt8] = [0]
    private var slots: [Slot] = []

    /// Parameters for about `count` values of about `textBytes` bytes of text in all.
    init(reservingCapacity count: Int = 0, textBytes: Int = 0) {
        slots.reserveCapacity(count)
        bytes.reserveCapacity(textBytes + 1)
    }

    /// The number of parameters.
    var count: Int { slots.count }

    /// Appends a text parameter; `nil` binds NULL.
    mutating func append(_ text: String?) {
        guard let text else { return slots.append(.null) }
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        slots.append(bytes.count == start ? .text(start: 0, count: 0) : .text(start: start, count: bytes.count - start))
    }

    /// Appends an integer parameter; `nil` binds NULL.
    mutating func append(_ number: Int64?) {
        slots.append(number.map { .integer($0) } ?? .null)
    }

    /// Forgets the parameters and keeps the storage.
    mutating func removeAll() {
        bytes.removeSubrange(1...)
        slots.removeAll(keepingCapacity: true)
    }

    /// Binds the parameters to `handle` by position, runs `body` while the bound text is valid, and unbinds them.
    func withBound<T>(to handle: OpaquePointer, _ body: () throws -> T) throws -> (code: Int32, value: T?) {
        try bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return (SQLITE_NOMEM, nil) }
            defer { sqlite3_clear_bindings(handle) }
            for (offset, slot) in slots.enumerated() {
                let index = Int32(offset + 1)
                let code: Int32
                switch slot {
                case .text(let start, let count):
                    code = (base + start).withMemoryRebound(to: CChar.self, capacity: max(count, 1)) { pointer in
                        sqlite3_bind_text(handle, index, pointer, Int32(count), nil)
                    }
                case .integer(let number):
                    code = sqlite3_bind_int64(handle, index, number)
                case .null:
                    code = sqlite3_bind_null(handle, index)
                }
                guard code == SQLITE_OK else { return (code, nil) }
            }
            return (SQLITE_OK, try body())
        }
    }
}

extension Statement {
    /// Binds `parameters` and steps the statement to its end; GRDB's own bookkeeping is bypassed, so use it only for
    /// plain INSERT/UPDATE statements inside a transaction.
    /// - Throws: `DatabaseError` with SQLite's message when a bind or the step fails.
    func run(binding parameters: SQLiteParameters, in db: Database) throws {
        try forEachRow(binding: parameters, in: db) { _ in }
    }

    /// Binds `parameters`, steps the statement and hands `body` the statement at each result row (read its columns with
    /// `sqlite3_column_*`, valid only during the call).
    /// - Throws: `DatabaseError` with SQLite's message when a bind or a step fails, or what `body` throws.
    func forEachRow(binding parameters: SQLiteParameters, in db: Database, _ body: (OpaquePointer) throws -> Void) throws {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        let (bindCode, stepCode) = try parameters.withBound(to: handle) { () throws -> Int32 in
            defer { sqlite3_reset(handle) }
            while true {
                let code = sqlite3_step(handle)
                guard code == SQLITE_ROW else { return code }
                try body(handle)
            }
        }
        guard bindCode == SQLITE_OK else { throw failure(bindCode, in: db) }
        guard let stepCode, stepCode == SQLITE_DONE else { throw failure(stepCode ?? SQLITE_ERROR, in: db) }
    }

    private func failure(_ code: Int32, in db: Database) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(db.sqliteConnection)), sql: sql)
    }
}

/// The text of column `index` of the current row (empty for NULL).
func sqliteColumnText(_ handle: OpaquePointer, _ index: Int32) -> String {
    guard let text = sqlite3_column_text(handle, index) else { return "" }
    return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, index))), as: UTF8.self)
}

/// The integer of column `index` of the current row (0 for NULL).
func sqliteColumnInteger(_ handle: OpaquePointer, _ index: Int32) -> Int64 {
    sqlite3_column_int64(handle, index)
}
