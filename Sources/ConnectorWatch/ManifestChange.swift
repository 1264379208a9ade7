/// One debounced change of the watched manifests: raw events arrived and the fingerprint differs
/// from the last one seen.
public struct ManifestChange: Sendable, Equatable {
    /// The fingerprint now (what the daemon's closure returned).
    public var fingerprint: String?
    /// How many raw events the burst held.
    public var eventCount: Int
    /// The first few distinct paths the events named, for logs (a directory path when only the
    /// directory itself was reported).
    public var paths: [String]
    /// Whether events were lost or the backend changed during the burst, so the daemon re-read everything.
    public var eventsLost: Bool

    /// Creates a change.
    public init(fingerprint: String?, eventCount: Int, paths: [String], eventsLost: Bool) {
        self.fingerprint = fingerprint
        self.eventCount = eventCount
        self.paths = paths
        self.eventsLost = eventsLost
    }
}
