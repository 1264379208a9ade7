/// Why this version cannot use the spec a store holds for an endpoint: text it never writes (a newer version's
/// provider or field, or a hand edit). The endpoint's record still reads, so one such row never hides the others, and
/// reconciling the manifests rewrites it; a sync of it fails with this reason.
public struct UnusableSpecError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The endpoint (or sink) whose spec it is.
    public var endpoint: String
    /// `endpoint` or `sink`.
    public var kind: String = "endpoint"
    /// What is wrong with it, without quoting it.
    public var reason: String

    /// Creates an error.
    public init(endpoint: String, reason: String) {
        self.endpoint = endpoint
        self.reason = reason
    }

    /// Creates an error about a sink's spec.
    public init(sink: String, reason: String) {
        self.init(endpoint: sink, reason: reason)
        kind = "sink"
    }

    /// `the stored spec of endpoint NAME cannot be used (REASON); reconcile again`.
    public var description: String { "the stored spec of \(kind) \(endpoint) cannot be used (\(reason)); reconcile again" }
}
