/// One attempt as the client saw it, for metrics (`fileconnector_api_requests_total` and friends). Carries no URL,
/// header or body, so an observer cannot leak a token.
public struct RequestObservation: Sendable {
    /// The status code, or nil when the attempt failed before a response (reset, timeout, refused).
    public var status: Int?
    /// From sending to the end of the response (or the failure).
    public var duration: Duration
    /// Whether the attempt was a retry.
    public var isRetry: Bool

    /// `200`, `429`, ... or `error` for a transport failure: the metrics' `code` label.
    public var code: String { status.map(String.init) ?? "error" }
}
