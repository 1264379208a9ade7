import ConnectorModel
import Logging

/// What a provider is built from: the endpoint and where its manifest was.
public struct ProviderContext: Sendable {
    /// The endpoint's name.
    public var endpoint: String
    /// The endpoint's configuration, as applied.
    public var configuration: EndpointConfiguration
    /// The directory of the manifest the endpoint came from, for relative paths.
    public var manifestDirectory: String?
    /// The process environment, for `credentials.fromEnv`.
    public var environment: [String: String]
    /// The folders the catalog recorded for this endpoint (empty outside a sync).
    public var folders: any FolderDirectory
    /// The files the catalog recorded for this endpoint (empty outside a sync).
    public var catalogedFiles: any CatalogedFiles
    /// The sync run's logger: its lines carry the endpoint and the run's correlation id.
    public var logger: Logger

    /// Creates a context.
    public init(
        endpoint: String, configuration: EndpointConfiguration, manifestDirectory: String?, environment: [String: String],
        folders: any FolderDirectory = EmptyFolderDirectory(), catalogedFiles: any CatalogedFiles = EmptyCatalogedFiles(),
        logger: Logger? = nil
    ) {
        self.endpoint = endpoint
        self.configuration = configuration
        self.manifestDirectory = manifestDirectory
        self.environment = environment
        self.folders = folders
        self.catalogedFiles = catalogedFiles
        var fallback = Logger(label: "file-connector.provider")
        fallback[metadataKey: "endpoint"] = "\(endpoint)"
        self.logger = logger ?? fallback
    }
}

/// The providers this binary knows, by kind: a value built in the composition root and passed in.
public struct ProviderRegistry: Sendable {
    /// Builds a provider for an endpoint.
    public typealias Factory = @Sendable (ProviderContext) throws -> any FileProvider

    private var factories: [ProviderKind: Factory] = [:]

    /// An empty registry.
    public init() {}

    /// The registry with `factory` serving `kind`.
    public func registering(_ kind: ProviderKind, _ factory: @escaping Factory) -> ProviderRegistry {
        var copy = self
        copy.factories[kind] = factory
        return copy
    }

    /// A provider for `context`'s endpoint.
    /// - Throws: ``ProviderError`` when no provider serves the kind, or the provider cannot be built.
    public func provider(for context: ProviderContext) throws -> any FileProvider {
        guard let factory = factories[context.configuration.provider] else {
            throw ProviderError(.configuration, "provider \(context.configuration.provider.rawValue) is not available in this build yet")
        }
        return try factory(context)
    }
}
