import ConnectorStore
import NIOCore
import PostgresNIO

/// PostgresNIO errors as one-line, actionable store errors that never carry the password.
enum PostgresErrorTranslation {
    /// The store error for a PostgreSQL or network failure; any other error (a caller's own) passes through unchanged.
    static func storeError(_ error: any Error, store: String) -> any Error {
        if let transaction = error as? PostgresTransactionError {
            let cause = transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? transaction.rollbackError
            if let cause { return storeError(cause, store: store) }
        }
        if error is DeadlineExceeded {
            return StoreError(
                .unreachable, store: store,
                "cannot connect to PostgreSQL (no answer in time): is the server running and the host and port right?")
        }
        if let psql = error as? PSQLError {
            let sqlState = psql.serverInfo?[.sqlState]
            switch sqlState {
            case "28P01", "28000":
                return StoreError(.authentication, store: store, "PostgreSQL refused the user name or password", underlying: error)
            case "3D000":
                return StoreError(.notFound, store: store, "the database does not exist: create it first", underlying: error)
            case "53100":
                return StoreError(.diskFull, store: store, "the server's disk is full: nothing was written", underlying: error)
            case "25006":
                return StoreError(.readOnly, store: store, "the server is read-only (a standby?)", underlying: error)
            default: break
            }
            if psql.code == .connectionError || psql.code == .serverClosedConnection || psql.code == .poolClosed {
                return StoreError(
                    .unreachable, store: store, "cannot connect to PostgreSQL: is the server running and the host and port right?",
                    underlying: error)
            }
            if psql.code == .sslUnsupported {
                return StoreError(
                    .unreachable, store: store, "the server does not support TLS: use sslmode=disable or prefer", underlying: error)
            }
            let message = psql.serverInfo?[.message] ?? "\(psql.code)"
            return StoreError(.query, store: store, "PostgreSQL error \(sqlState ?? "?"): \(message)", underlying: error)
        }
        if error is ChannelError || error is IOError {
            return StoreError(
                .unreachable, store: store, "cannot connect to PostgreSQL: is the server running and the host and port right?",
                underlying: error)
        }
        return error
    }
}
