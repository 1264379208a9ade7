/// Every endpoint the store knows, retired ones included, as read at one moment.
public struct StoreSnapshot: Sendable, Hashable {
    /// The endpoints, by name.
    public var endpoints: [String: StoredEndpoint]

    /// Creates a snapshot.
    public init(endpoints: [StoredEndpoint]) {
        self.endpoints = Dictionary(endpoints.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An empty store.
    public static let empty = StoreSnapshot(endpoints: [])
}
