import Foundation
import Logging
import PostgresNIO

/// A fresh, empty database on the throwaway PostgreSQL server `scripts/test.sh` starts.
///
/// The server is found through `FILE_CONNECTOR_TEST_POSTGRES_URL`. When it is not set the tests
/// fail (they are never skipped): run them through `scripts/test.sh`.
public enum PostgresTestDatabase {
    /// Why there is no server to test against.
    public struct Unavailable: Error, CustomStringConvertible {
        /// What to do.
        public var description: String
    }

    /// The admin URL of the test server.
    public static func serverURL() throws -> URL {
        guard let text = ProcessInfo.processInfo.environment["FILE_CONNECTOR_TEST_POSTGRES_URL"],
            let url = URL(string: text)
        else {
            throw Unavailable(
                description:
                    "FILE_CONNECTOR_TEST_POSTGRES_URL is not set: run the tests through scripts/test.sh, which starts a throwaway PostgreSQL"
            )
        }
        return url
    }

    /// Creates a new database and returns its URL (`postgres://user:pass@host:port/fc_test_...`).
    public static func create() async throws -> String {
        let server = try serverURL()
        let name = "fc_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        _ = try await admin(server) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        var components = URLComponents(url: server, resolvingAgainstBaseURL: false)
        components?.path = "/\(name)"
        return components?.string ?? server.absoluteString
    }

    /// Runs `body` with a client connected to `database` (default: the admin database) on the server.
    public static func admin<Result: Sendable>(
        _ server: URL, database: String = "postgres", _ body: @Sendable (PostgresClient) async throws -> Result
    ) async throws -> Result {
        let configuration = PostgresClient.Configuration(
            host: server.host ?? "127.0.0.1", port: server.port ?? 5432, username: server.user ?? "postgres",
            password: server.password, database: database, tls: .disable)
        let client = PostgresClient(configuration: configuration, backgroundLogger: Logger(label: "test.postgres"))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}
