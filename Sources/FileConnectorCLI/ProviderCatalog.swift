import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import ConnectorProviderAutodesk
import ConnectorProviderGoogleDrive
import ConnectorProviderLocal
import ConnectorProviderMicrosoft365
import Logging

/// The composition root for providers: the one place that names each provider target.
/// Adding a provider is one line here and one target (see docs/providers.md).
enum ProviderCatalog {
    /// Receives every HTTP attempt of a cloud provider, labelled with the provider's kind (the daemon's metrics).
    typealias Observer = @Sendable (ProviderKind, RequestObservation) -> Void

    /// Runs `body` with every provider registered, their HTTP clients made with `configuration`. Each cloud provider gets one HTTP client shared by all its
    /// endpoints (pooled connections, one circuit breaker per host), shut down when `body` ends.
    /// `ledger` shares the apps' budgets with the other replicas on the store.
    static func withRegistry<Result>(
        _ configuration: ProviderHTTPClient.Configuration, observer: Observer? = nil, ledger: (any BudgetLedger)? = nil,
        _ body: (ProviderRegistry) async throws -> Result
    ) async throws -> Result {
        let logger = Logger(label: "file-connector.http")
        let drive = observing(.googleDrive, observer)
        let autodesk = observing(.autodeskAcc, observer)
        let microsoft = observing(.microsoft365, observer)
        let userAgent = Microsoft365Provider.userAgent(version: FileConnectorVersion.current)
        return try await ProviderHTTPClient.withClient(configuration: configuration, logger: logger, observer: drive) { drive in
            try await ProviderHTTPClient.withClient(configuration: configuration, logger: logger, observer: autodesk) { autodesk in
                try await ProviderHTTPClient.withClient(configuration: configuration, logger: logger, observer: microsoft) { microsoft in
                    try await body(
                        ProviderRegistry()
                            .registering(.local, LocalProvider.factory)
                            .registering(.googleDrive, GoogleDriveProvider.factory(client: drive))
                            .registering(
                                .autodeskAcc, AutodeskACCProvider.factory(client: autodesk, pacers: AutodeskAppPacers(ledger: ledger))
                            )
                            .registering(
                                .microsoft365,
                                Microsoft365Provider.factory(
                                    client: microsoft, apps: Microsoft365Apps(ledger: ledger), userAgent: userAgent)))
                }
            }
        }
    }

    /// `observer` with the provider's kind filled in.
    private static func observing(_ kind: ProviderKind, _ observer: Observer?) -> (@Sendable (RequestObservation) -> Void)? {
        guard let observer else { return nil }
        return { observation in observer(kind, observation) }
    }
}
