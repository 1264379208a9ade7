import ConnectorStore
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One direct connection attempt before the pool starts.
///
/// The pool retries failed connections quietly, so a wrong password or a missing database would
/// only show as a wait; a single attempt reports the real reason at once.
enum PostgresConnectionProbe {
    static func check(_ location: PostgresLocation, connectTimeout: Duration, logger: Logger) async throws {
        var configuration: PostgresConnection.Configuration
        if let socket = location.socketDirectory {
            configuration = PostgresConnection.Configuration(
                unixSocketPath: "\(socket)/.s.PGSQL.\(location.port)", username: location.username,
                password: location.password, database: location.database)
        } else {
            configuration = PostgresConnection.Configuration(
                host: location.host ?? "localhost", port: location.port, username: location.username,
                password: location.password, database: location.database, tls: try PostgresSSLPolicy(mode: location.sslMode).connectionTLS()
            )
        }
        let (seconds, attoseconds) = connectTimeout.components
        configuration.options.connectTimeout = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        try await connection.close()
    }
}
