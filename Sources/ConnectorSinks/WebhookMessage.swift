import ConnectorJSON
import ConnectorModel
import ConnectorStore
import Crypto
import Foundation

/// One webhook request as the Standard Webhooks specification has senders make it: a JSON body, an id that stays the
/// same when the request is tried again (so a receiver can tell a retry from new events), the time it is sent, and
/// `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` signatures.
public struct WebhookMessage: Sendable, Hashable {
    /// `webhook-id`.
    public var id: String
    /// `webhook-timestamp`: seconds since 1970.
    public var timestamp: Int64
    /// The body, exactly as signed and sent.
    public var body: [UInt8]

    /// Creates a message.
    public init(id: String, timestamp: Int64, body: [UInt8]) {
        self.id = id
        self.timestamp = timestamp
        self.body = body
    }

    /// A batch of change events for the sink `sink`, sent at `time`:
    /// `{"type": "file-connector.changes", "timestamp": …, "data": {"sink": …, "events": […], "next": N}}`, each
    /// event as `get changes --output json` shows it (`schemas/event.v1.schema.json`). Its id names the sink and the
    /// sequence numbers it carries, so every attempt at the same batch has the same id.
    public static func changes(_ events: [ChangeEvent], sink: String, at time: Date) -> WebhookMessage {
        let first = events.first?.sequence ?? 0
        let last = events.last?.sequence ?? 0
        let body: JSONValue = [
            "type": "file-connector.changes", "timestamp": .string(Timestamp.rfc3339(time)),
            "data": ["sink": .string(sink), "events": .array(events.map(CatalogJSON.change)), "next": .integer(Int(last))],
        ]
        return WebhookMessage(
            id: "fc_\(sink)_\(first)-\(last)", timestamp: Int64(time.timeIntervalSince1970.rounded(.down)),
            body: Array(body.jsonString(sortedKeys: true).utf8))
    }

    /// `webhook-signature`'s value for `secret`.
    public func signature(with secret: WebhookSecret) -> String {
        var content = Array("\(id).\(timestamp).".utf8)
        content += body
        let code = HMAC<SHA256>.authenticationCode(for: content, using: secret.key)
        return "v1," + Data(code).base64EncodedString()
    }

    /// The request's headers: the three of the specification, and the content type.
    public func headers(signedWith secret: WebhookSecret) -> [(name: String, value: String)] {
        [
            ("content-type", "application/json"), ("webhook-id", id), ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", signature(with: secret)),
        ]
    }
}
