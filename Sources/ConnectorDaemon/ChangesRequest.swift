import ConnectorModel
import ConnectorSchedule
import ConnectorStore
import Foundation
import Hummingbird

/// `GET /api/v1/changes`: its query parameters, checked (docs/api.md).
struct ChangesRequest: Sendable {
    /// The longest `wait` a request may ask for.
    static let longestWait = Duration.seconds(60)

    var query: ChangeQuery
    /// Only events of the endpoints whose labels this selects (`labelSelector`), chosen again at each look at the log.
    var selector: LabelSelector?
    /// How long to wait for a first event when there is none yet (long polling); zero answers at once.
    var wait: Duration

    /// Reads `after`, `limit` (1 to 1,000, default 100), `endpoint`, `labelSelector` (as kubectl's `-l`), `type`
    /// (repeatable, or comma-separated) and `wait` (a Go duration up to 60s).
    /// - Throws: a message naming the parameter and what it takes.
    init(_ parameters: Parameters) throws(ChangesRequestError) {
        query = ChangeQuery(limit: 100)
        func get(_ name: String) -> String? { parameters.get(name) }
        if let text = get("after") {
            guard let after = Int64(text), after >= 0 else {
                throw ChangesRequestError("after must be a sequence number (0 or more), not \(text)")
            }
            query.after = after
        }
        if let text = get("limit") {
            guard let limit = Int(text), (1...1000).contains(limit) else {
                throw ChangesRequestError("limit must be 1 to 1000, not \(text)")
            }
            query.limit = limit
        }
        query.endpoint = get("endpoint")
        if let text = get("labelSelector") {
            do {
                selector = try LabelSelector(parsing: text)
            } catch {
                throw ChangesRequestError("labelSelector: \(error.message)")
            }
        }
        let names = parameters.getAll("type").flatMap { $0.split(separator: ",").map(String.init) }
        if !names.isEmpty {
            var types = Set<ChangeEventType>()
            for name in names {
                guard let type = ChangeEventType(rawValue: name) else {
                    throw ChangesRequestError(
                        "type \(name) is not an event type (\(ChangeEventType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                types.insert(type)
            }
            query.types = types
        }
        wait = .zero
        if let text = get("wait") {
            guard let duration = try? GoDuration(parsing: text), duration.nanoseconds >= 0,
                duration.nanoseconds <= Int64(Self.longestWait.components.seconds) * 1_000_000_000
            else { throw ChangesRequestError("wait must be a duration up to 60s (30s, 500ms), not \(text)") }
            wait = .nanoseconds(duration.nanoseconds)
        }
    }
}

/// Why a changes request was refused.
struct ChangesRequestError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
