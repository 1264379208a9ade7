/// Every endpoint and sink the store knows, retired ones included, as read at one moment.
public struct StoreSnapshot: Sendable, Hashable {
    /// The endpoints, by name.
    public var endpoints: [String: StoredEndpoint]
    /// The sinks, by name.
    public var sinks: [String: StoredSink]

    /// Creates a snapshot.
    public init(endpoints: [StoredEndpoint], sinks: [StoredSink] = []) {
        self.endpoints = Dictionary(endpoints.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        self.sinks = Dictionary(sinks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An empty store.
    public static let empty = StoreSnapshot(endpoints: [])
}
