import ConnectorModel

/// One file as a provider reports it, before filters and before the store.
public typealias ProviderFile = FileMetadata
