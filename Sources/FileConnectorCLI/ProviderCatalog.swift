import ConnectorModel
import ConnectorProvider
import ConnectorProviderLocal

/// The composition root for providers: the one place that names each provider target.
/// Adding a provider is one line here and one target (see docs/providers.md).
enum ProviderCatalog {
    static let registry = ProviderRegistry()
        .registering(.local, LocalProvider.factory)
}
