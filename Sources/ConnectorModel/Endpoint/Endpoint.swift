/// One endpoint as the manifests declare it: a named source of files and how to catalog it.
///
/// Identity is `name`; the store keeps the rest as the endpoint's desired configuration.
public struct Endpoint: Sendable, Hashable {
    /// `metadata.name`, a DNS-1123 label unique across all manifests.
    public var name: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// `metadata.annotations` (e.g. `fileconnector/prune: disabled`).
    public var annotations: [String: String]
    /// The validated `spec` block, typed.
    public var configuration: EndpointConfiguration
    /// Where the manifest came from.
    public var origin: SourceLocation

    /// Creates an endpoint.
    public init(
        name: String,
        labels: [String: String] = [:],
        annotations: [String: String] = [:],
        configuration: EndpointConfiguration,
        origin: SourceLocation
    ) {
        self.name = name
        self.labels = labels
        self.annotations = annotations
        self.configuration = configuration
        self.origin = origin
    }

    /// Creates an endpoint from a `spec` block, typing it.
    /// - Throws: ``EndpointConfigurationError`` when the spec holds a value the configuration cannot use.
    public init(
        name: String, labels: [String: String] = [:], annotations: [String: String] = [:], spec: EndpointSpec, origin: SourceLocation
    ) throws(EndpointConfigurationError) {
        self.init(
            name: name, labels: labels, annotations: annotations, configuration: try EndpointConfiguration(spec, endpoint: name),
            origin: origin)
    }

    /// The `spec` block as written (after defaults the schema does not add): what the planner canonicalises.
    public var spec: EndpointSpec { configuration.spec }

    /// The annotation that keeps an endpoint from being retired automatically.
    public static let pruneAnnotation = "fileconnector/prune"

    /// False when `fileconnector/prune: disabled` is set.
    public var isPrunable: Bool {
        annotations[Self.pruneAnnotation] != "disabled"
    }
}
