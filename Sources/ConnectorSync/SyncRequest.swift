import ConnectorModel
import Foundation

/// Progress of a running sync, reported after every page (for the terminal progress line).
public struct SyncProgress: Sendable {
    /// The endpoint.
    public var endpoint: String
    /// Files seen so far.
    public var filesSeen: Int
    /// Time since the run started.
    public var elapsed: Duration

    /// Files per second so far.
    public var rate: Double {
        let seconds = elapsed.timeInterval
        return seconds > 0 ? Double(filesSeen) / seconds : 0
    }
}
