import ConnectorModel
import Foundation

/// The engine's cursor, stored with every page so a sync resumes after a crash without loss or
/// duplicates. Compact JSON; the provider's own tokens are opaque strings inside it.
enum SyncCursor: Equatable {
    /// A full listing in progress: when it started, where to resume, the change token taken before it (to follow
    /// once the listing completes), and why the provider could not vouch for a page committed so far, if it could
    /// not (a resumed listing then completes without a sweep too).
    case full(startedAt: Date, resumeToken: String?, changeToken: String?, unvouched: String? = nil)
    /// Incremental: follow the change feed from `token`.
    case incremental(token: String)
    /// The last full listing completed and the provider has no change feed: the next sync lists again.
    case complete

    private struct Stored: Codable {
        var phase: String
        var startedAt: String?
        var resumeToken: String?
        var changeToken: String?
        var unvouched: String?
    }

    /// Parses a stored cursor; nil for none or one this version cannot read (the next sync lists everything).
    init?(_ text: String?) {
        guard let data = text?.data(using: .utf8), let stored = try? JSONDecoder().decode(Stored.self, from: data) else { return nil }
        switch stored.phase {
        case "full":
            guard let started = stored.startedAt.flatMap({ Timestamp.parse($0) }) else { return nil }
            self = .full(startedAt: started, resumeToken: stored.resumeToken, changeToken: stored.changeToken, unvouched: stored.unvouched)
        case "incremental":
            guard let token = stored.changeToken else { return nil }
            self = .incremental(token: token)
        case "complete":
            self = .complete
        default:
            return nil
        }
    }

    /// The JSON stored in the `cursors` table.
    var text: String {
        let stored: Stored
        switch self {
        case .full(let startedAt, let resumeToken, let changeToken, let unvouched):
            stored = Stored(
                phase: "full", startedAt: Timestamp.rfc3339Milliseconds(startedAt), resumeToken: resumeToken, changeToken: changeToken,
                unvouched: unvouched)
        case .incremental(let token):
            stored = Stored(phase: "incremental", changeToken: token)
        case .complete:
            stored = Stored(phase: "complete")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(stored)).map { String(decoding: $0, as: UTF8.self) } ?? #"{"phase":"complete"}"#
    }
}
