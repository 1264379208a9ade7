/// Every endpoint and sink the store knows, retired ones included, and the version of the manifests last applied, as
/// read at one moment.
public struct StoreSnapshot: Sendable, Hashable {
    /// The endpoints, by name.
    public var endpoints: [String: StoredEndpoint]
    /// The sinks, by name.
    public var sinks: [String: StoredSink]
    /// The version of the manifests the last reconcile that had one applied.
    public var manifestVersion: ManifestVersion?

    /// Creates a snapshot.
    public init(endpoints: [StoredEndpoint], sinks: [StoredSink] = [], manifestVersion: ManifestVersion? = nil) {
        self.manifestVersion = manifestVersion
        self.endpoints = Dictionary(endpoints.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.sinks = Dictionary(sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An empty store.
    public static let empty = StoreSnapshot(endpoints: [])
}
