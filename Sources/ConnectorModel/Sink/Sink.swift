/// A validated Sink manifest: a named receiver of change events (`kind: Sink`, docs/events.md).
public struct Sink: Sendable, Hashable {
    /// `metadata.name`: a DNS-1123 label, unique among sinks.
    public var name: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// `metadata.annotations` (`fileconnector/prune: disabled` keeps it when it leaves the manifests).
    public var annotations: [String: String]
    /// The typed spec.
    public var configuration: SinkConfiguration
    /// Where the document starts.
    public var origin: SourceLocation

    /// Creates a sink.
    public init(
        name: String, labels: [String: String] = [:], annotations: [String: String] = [:], configuration: SinkConfiguration,
        origin: SourceLocation
    ) {
        self.name = name
        self.labels = labels
        self.annotations = annotations
        self.configuration = configuration
        self.origin = origin
    }

    /// The spec as written.
    public var spec: SinkSpec { configuration.spec }
}
