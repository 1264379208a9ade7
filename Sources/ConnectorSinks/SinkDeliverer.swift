import AsyncHTTPClient
import ConnectorHTTP
import ConnectorModel
import ConnectorStore
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Delivers a sink's events, one batch per ``deliverOnce(now:)``: under the sink's lease (one replica at a time), in
/// sequence order from the sink's cursor, as a signed Standard Webhooks request. The cursor moves only when the
/// receiver accepts a batch (a 2xx), so every event reaches it at least once, in order; a batch that fails is sent
/// again, with the same message id, after a backoff (or the receiver's `Retry-After`), until the policy's last
/// attempt dead-letters the sink.
public struct SinkDeliverer: Sendable {
    /// What one call did.
    public enum Outcome: Sendable, Equatable {
        /// The receiver accepted `count` events, through sequence number `through`.
        case delivered(count: Int, through: Int64)
        /// Nothing new to send.
        case idle
        /// Another process holds the sink's lease.
        case notHolder
        /// A failure's backoff has not ended.
        case waiting(until: Date)
        /// The attempt failed; the next one is not before `retryAt`.
        case failed(retryAt: Date, reason: String)
        /// Delivery gave up with this attempt (or found its cursor expired); nothing is sent until it is resumed.
        case gaveUp(reason: String)
        /// Delivery gave up before; nothing is sent until it is resumed.
        case deadLettered(reason: String)
    }

    private let target: SinkTarget
    private let store: any CatalogStore
    private let client: HTTPClient
    private let owner: String
    private let lease: Duration
    private let random: @Sendable () -> Double
    private let isGone: @Sendable (String) -> Bool
    private let logger: Logger

    /// A deliverer for `target`, reading `store` and sending with `client`, as `owner` (this process) of leases of
    /// `lease`; `random` (0 to 1) draws the backoff's jitter. Its log lines carry the sink, the batch's sequence
    /// numbers and the correlation ids of the runs in it, never the secret or the body. `isGone` tells a lease holder
    /// known to be gone (a killed process on this host), whose lease is taken over before it expires.
    public init(
        target: SinkTarget, store: any CatalogStore, client: HTTPClient, owner: String, lease: Duration = .seconds(60),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        isGone: @escaping @Sendable (String) -> Bool = { _ in false }, logger: Logger = Logger(label: "file-connector.sink")
    ) {
        self.target = target
        self.store = store
        self.client = client
        self.owner = owner
        self.lease = lease
        self.random = random
        self.isGone = isGone
        var logger = logger
        logger[metadataKey: "sink"] = "\(target.name)"
        self.logger = logger
    }

    /// One step of delivery at `now`. A sink seen for the first time starts after the newest event then. Events the
    /// sink does not want (by type or endpoint) are passed over: once a read finds fewer than a batch of wanted
    /// events, the cursor moves to the newest event read before it (events are committed in sequence order, so
    /// none at or below that number can appear later), and the sink's lag falls to zero.
    public func deliverOnce(now: Date) async throws -> Outcome {
        let newest = try await store.latestChangeSequence()
        let expiresAt = now.addingTimeInterval(lease.timeInterval)
        var claimed = try await store.claimSinkDelivery(target.name, owner: owner, startingAfter: newest, now: now, expiresAt: expiresAt)
        if claimed == nil, let holder = try await store.sinkDeliveries().first(where: { $0.sink == target.name })?.leaseOwner,
            isGone(holder)
        {
            logger.notice("taking over the sink's lease from a process that is gone", metadata: ["holder": "\(holder)"])
            claimed = try await store.claimSinkDelivery(
                target.name, owner: owner, startingAfter: newest, now: now, expiresAt: expiresAt, staleOwner: holder)
        }
        guard let state = claimed else { return .notHolder }
        if state.deadLetteredAt != nil { return .deadLettered(reason: state.lastError ?? "dead-lettered") }
        if let retryAt = state.retryAt, retryAt > now { return .waiting(until: retryAt) }
        let query = ChangeQuery(after: state.cursor, types: target.types, limit: target.batchSize)
        let events: [ChangeEvent]
        do {
            events = try await store.changesWithFiles(query, selectedBy: target.selector)
        } catch let error as StoreError where error.code == .expired {
            // Events after the cursor were compacted before they were delivered: say so, and stop, rather than skip.
            let reason = "\(error.message); events were compacted before delivery"
            _ = try await store.recordSinkFailure(target.name, owner: owner, error: reason, retryAt: nil, deadLettered: true, at: now)
            logger.error("sink dead-lettered", metadata: ["reason": "\(reason)"])
            return .gaveUp(reason: reason)
        }
        guard let last = events.last?.sequence else {
            if newest > state.cursor {
                _ = try await store.recordSinkDelivered(target.name, owner: owner, through: newest, at: nil)
            }
            return .idle
        }
        let through = events.count < target.batchSize ? max(last, newest) : last
        let message = WebhookMessage.changes(events, sink: target.name, at: now)
        var batchLogger = logger
        batchLogger[metadataKey: "first_sequence"] = "\(events.first?.sequence ?? last)"
        batchLogger[metadataKey: "last_sequence"] = "\(last)"
        batchLogger[metadataKey: "correlation_ids"] = "\(Set(events.compactMap(\.correlationID)).sorted().joined(separator: ","))"
        let failure = await send(message, now: now)
        guard let (reason, retryAfter) = failure else {
            _ = try await store.recordSinkDelivered(target.name, owner: owner, through: through, at: now)
            batchLogger.info("sink batch delivered", metadata: ["events": "\(events.count)"])
            return .delivered(count: events.count, through: last)
        }
        let failures = state.failures + 1
        if failures >= target.retry.maxAttempts {
            let given = "\(reason); gave up after \(failures) attempts"
            _ = try await store.recordSinkFailure(target.name, owner: owner, error: given, retryAt: nil, deadLettered: true, at: now)
            batchLogger.error("sink dead-lettered", metadata: ["reason": "\(given)"])
            return .gaveUp(reason: given)
        }
        let delay = target.retry.delay(afterFailures: failures, retryAfter: retryAfter, random: random())
        let retryAt = now.addingTimeInterval(delay.timeInterval)
        _ = try await store.recordSinkFailure(target.name, owner: owner, error: reason, retryAt: retryAt, deadLettered: false, at: now)
        batchLogger.warning(
            "sink batch failed", metadata: ["reason": "\(reason)", "attempt": "\(failures)", "retry_at": "\(Timestamp.rfc3339(retryAt))"])
        return .failed(retryAt: retryAt, reason: reason)
    }

    /// Sends `message`; nil when the receiver accepted it, else why not and the `Retry-After` it asked for. The reason
    /// names the status or the transport's failure, never the secret or the body.
    private func send(_ message: WebhookMessage, now: Date) async -> (String, Duration?)? {
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        for (name, value) in message.headers(signedWith: target.secret) { request.headers.add(name: name, value: value) }
        request.headers.add(name: "user-agent", value: "file-connector (webhook sink)")
        request.body = .bytes(ByteBuffer(bytes: message.body))
        do {
            let response = try await client.execute(request, timeout: TimeAmount(target.timeout))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return nil }
            let retryAfter = response.headers.first(name: "retry-after").flatMap { RetryAfter.parse($0, now: now) }
            let hint = status == 401 || status == 403 ? " (does it verify with this sink's signing secret?)" : ""
            return ("the receiver answered \(status)\(hint)", retryAfter)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            return ("no answer within \(target.timeout)", nil)
        } catch {
            return ("the request failed: \(Self.describe(error))", nil)
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError { return String(describing: error) }
        return String(describing: type(of: error))
    }
}
