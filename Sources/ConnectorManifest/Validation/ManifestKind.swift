/// The kinds of manifest (`kind:`), each with its schema and its typed value.
enum ManifestKind: String, CaseIterable, Sendable {
    /// A source of files (``ConnectorModel/Endpoint``).
    case endpoint = "Endpoint"
    /// A receiver of change events (``ConnectorModel/Sink``).
    case sink = "Sink"

    /// The word for it in messages.
    var noun: String {
        switch self {
        case .endpoint: "endpoint"
        case .sink: "sink"
        }
    }
}
