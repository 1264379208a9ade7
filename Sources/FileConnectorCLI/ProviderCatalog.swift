import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import ConnectorProviderAutodesk
import ConnectorProviderGoogleDrive
import ConnectorProviderLocal
import Logging

/// The composition root for providers: the one place that names each provider target.
/// Adding a provider is one line here and one target (see docs/providers.md).
enum ProviderCatalog {
    /// Runs `body` with every provider registered, cloud providers sharing one HTTP client (pooled connections,
    /// one circuit breaker per host) that is shut down when `body` ends.
    static func withRegistry<Result>(_ body: (ProviderRegistry) async throws -> Result) async throws -> Result {
        let logger = Logger(label: "file-connector.http")
        return try await ProviderHTTPClient.withClient(logger: logger) { client in
            try await body(registry(client: client))
        }
    }

    /// The registry over `client`.
    static func registry(client: ProviderHTTPClient) -> ProviderRegistry {
        ProviderRegistry()
            .registering(.local, LocalProvider.factory)
            .registering(.googleDrive, GoogleDriveProvider.factory(client: client))
            .registering(.autodeskAcc, AutodeskACCProvider.factory(client: client, pacers: AutodeskAppPacers()))
    }
}
