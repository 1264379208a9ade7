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
                password: location.password, database: location.database, tls: try tls(for: location.sslMode))
        }
        configuration.options.connectTimeout = .nanoseconds(Int64(connectTimeout.components.seconds) * 1_000_000_000)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: logger)
        try await connection.close()
    }

    /// The same sslmode semantics as the pool's (``PostgresCatalogStore/tls(for:)``), as a connection's TLS.
    private static func tls(for mode: String) throws -> PostgresConnection.Configuration.TLS {
        guard mode != "disable" else { return .disable }
        var client = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case "allow", "prefer", "require": client.certificateVerification = .none
        case "verify-ca": client.certificateVerification = .noHostnameVerification
        default: break
        }
        let context = try NIOSSLContext(configuration: client)
        return mode == "allow" || mode == "prefer" ? .prefer(context) : .require(context)
    }
}
