/// One endpoint as the manifests declare it: a named source of files and how to catalog it.
///
/// Identity is `name`; the store keeps the rest as the endpoint's desired spec.
public struct Endpoint: Sendable, Hashable {
    /// `metadata.name`, a DNS-1123 label unique across all manifests.
    public var name: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// `metadata.annotations` (e.g. `fileconnector/prune: disabled`).
    public var annotations: [String: String]
    /// The validated `spec` block.
    public var spec: EndpointSpec
    /// Where the manifest came from.
    public var origin: SourceLocation

    /// Creates an endpoint.
    public init(
        name: String,
        labels: [String: String] = [:],
        annotations: [String: String] = [:],
        spec: EndpointSpec,
        origin: SourceLocation
    ) {
        self.name = name
        self.labels = labels
        self.annotations = annotations
        self.spec = spec
        self.origin = origin
    }

    /// The annotation that keeps an endpoint from being retired automatically.
    public static let pruneAnnotation = "fileconnector/prune"

    /// False when `fileconnector/prune: disabled` is set.
    public var isPrunable: Bool {
        annotations[Self.pruneAnnotation] != "disabled"
    }
}
