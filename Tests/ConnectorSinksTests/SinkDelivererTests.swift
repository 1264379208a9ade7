import AsyncHTTPClient
import ConnectorHTTPTestSupport
import ConnectorJSON
import ConnectorModel
import ConnectorSinks
import ConnectorStore
import ConnectorStorePostgres
import ConnectorStoreSQLite
import ConnectorTestSupport
import Foundation
import Testing

/// A sink's deliveries against a real receiver over loopback (an in-process HTTP server that checks every
/// signature), into a real SQLite store: every event at least once and in order through injected failures, a
/// dead letter with its reason, one replica at a time.
@Suite struct SinkDelivererTests {
    static let start = Date(timeIntervalSince1970: 1_796_000_000)

    /// A store with an endpoint, a receiver, a client, and a way to write `count` file events.
    struct Setup {
        let directory: TemporaryDirectory
        let store: SQLiteCatalogStore
        let receiver: FaultInjectingHTTPServer
        let client: HTTPClient
        let port: Int
        let secret: String

        init() async throws {
            directory = try TemporaryDirectory()
            store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
            _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("drawings"), resetsCursor: false)], ())
            }
            receiver = FaultInjectingHTTPServer { _ in .status(204) }
            port = try await receiver.start()
            client = HTTPClient(eventLoopGroupProvider: .singleton)
            secret = WebhookSecret.generate()
        }

        func target(_ retry: SinkRetryPolicy = SinkRetryPolicy(maxAttempts: 5), batch: Int = 100) throws -> SinkTarget {
            SinkTarget(
                name: "warehouse", url: "http://127.0.0.1:\(port)/hooks", secret: try WebhookSecret(encoded: secret), batchSize: batch,
                retry: retry, timeout: .seconds(2))
        }

        /// Writes a page of `count` new files named from `first`.
        func files(_ count: Int, from first: Int) async throws {
            let files = (first..<first + count).map { index in
                CatalogFile(
                    endpoint: "drawings", metadata: FileMetadata(id: "f\(index)", name: "f\(index)", path: "f\(index)"),
                    firstSeenAt: SinkDelivererTests.start, lastSeenAt: SinkDelivererTests.start, contentHash: "h")
            }
            _ = try await store.applySyncPage(
                SyncPageWrite(endpoint: "drawings", files: files, seenAt: SinkDelivererTests.start, cursor: nil, correlationID: "run"))
        }

        /// The file ids the receiver got, in order, from requests it answered with 2xx; every request's signature
        /// is checked.
        func accepted(_ statuses: [Int: Int] = [:]) throws -> [String] {
            let key = try WebhookSecret(encoded: secret)
            var ids: [String] = []
            for request in receiver.requests {
                let message = WebhookMessage(
                    id: request.header("webhook-id") ?? "", timestamp: Int64(request.header("webhook-timestamp") ?? "") ?? 0,
                    body: request.body)
                #expect(request.header("webhook-signature") == message.signature(with: key), "request \(request.index) is signed")
                guard (statuses[request.index] ?? 204) < 300 else { continue }
                let events = try JSONParser.parse(String(decoding: request.body, as: UTF8.self)).value["data"]?["events"]?.arrayValue ?? []
                ids += events.compactMap { $0["data"]?["id"]?.stringValue }
            }
            return ids
        }

        func close() async {
            try? await client.shutdown()
            await receiver.stop()
            try? store.close()
        }

        /// Runs `body` with a new setup, closed after it whatever happens.
        static func with(_ body: (Setup) async throws -> Void) async throws {
            let setup = try await Setup()
            do {
                try await body(setup)
            } catch {
                await setup.close()
                throw error
            }
            await setup.close()
        }
    }

    @Test func everyEventArrivesInOrderThroughFailures() async throws {
        try await Setup.with { setup in
            let deliverer = SinkDeliverer(
                target: try setup.target(batch: 30), store: setup.store, client: setup.client, owner: "a", random: { 0.5 })
            #expect(try await deliverer.deliverOnce(now: Self.start) == .idle, "a new sink starts after the newest event")
            try await setup.files(50, from: 0)
            try await setup.files(50, from: 50)
            // The receiver fails the first attempt (500), asks for 30 s on the second (503 + Retry-After), drops the
            // third's connection, then accepts.
            setup.receiver.enqueue(.status(500), .status(503, headers: [("Retry-After", "30")]), .closeConnection())
            var now = Self.start
            var outcomes: [SinkDeliverer.Outcome] = []
            for _ in 0..<20 {
                let outcome = try await deliverer.deliverOnce(now: now)
                outcomes.append(outcome)
                switch outcome {
                case .failed(let retryAt, _), .waiting(let retryAt): now = retryAt
                case .idle: break
                default: now = now.addingTimeInterval(1)
                }
                if outcome == .idle { break }
            }
            guard case .failed(let first, let reason) = outcomes[0] else {
                Issue.record("\(outcomes)")
                return
            }
            #expect(
                reason == "the receiver answered 500" && first == Self.start.addingTimeInterval(0.75), "backoff with jitter: \(outcomes[0])"
            )
            guard case .failed(let second, _) = outcomes[1] else {
                Issue.record("\(outcomes)")
                return
            }
            #expect(second == first.addingTimeInterval(30), "Retry-After honoured over a shorter backoff")
            let latest = try await setup.store.latestChangeSequence()
            #expect(outcomes.contains(.delivered(count: 30, through: latest - 70)), "\(outcomes)")
            #expect(outcomes.last == .idle)
            let ids = try setup.accepted([0: 500, 1: 503, 2: 999])  // 999: the dropped connection
            #expect(ids == (0..<100).map { "f\($0)" }, "every event once, in order: \(ids.count)")
            let state = try await setup.store.sinkDeliveries().first
            let newest = try await setup.store.latestChangeSequence()
            #expect(state?.cursor == newest && state?.failures == 0)
            // Every attempt at one batch carries one message id.
            let firstIDs = setup.receiver.requests.prefix(4).map { $0.header("webhook-id") }
            #expect(Set(firstIDs).count == 1 && firstIDs.first??.hasPrefix("fc_warehouse_") == true, "\(firstIDs)")
        }
    }

    @Test func eventsTheSinkDoesNotWantArePassedOver() async throws {
        try await Setup.with { setup in
            var target = try setup.target(batch: 4)
            target.types = [.fileRemoved]
            let deliverer = SinkDeliverer(target: target, store: setup.store, client: setup.client, owner: "a")
            _ = try await deliverer.deliverOnce(now: Self.start)
            try await setup.files(10, from: 0)
            #expect(try await deliverer.deliverOnce(now: Self.start) == .idle)
            let newest = try await setup.store.latestChangeSequence()
            let state = try await setup.store.sinkDeliveries().first
            #expect(state?.cursor == newest && state?.lastDeliveryAt == nil, "the cursor passed them: \(String(describing: state))")
            #expect(setup.receiver.requestCount == 0, "nothing was sent")
            // A wanted event after them is delivered, and the cursor ends at the newest event read.
            _ = try await setup.store.applySyncPage(
                SyncPageWrite(endpoint: "drawings", files: [], removedIDs: ["f3"], seenAt: Self.start, cursor: nil, correlationID: "run"))
            let delivered = try await deliverer.deliverOnce(now: Self.start)
            let ids = try setup.accepted()
            #expect(delivered == .delivered(count: 1, through: newest + 1) && ids == ["f3"], "\(delivered)")
        }
    }

    @Test func aReceiverThatRefusesTheSignatureDeadLettersTheSink() async throws {
        try await Setup.with { setup in
            let logs = LogCapture()
            let deliverer = SinkDeliverer(
                target: try setup.target(SinkRetryPolicy(maxAttempts: 3)), store: setup.store, client: setup.client, owner: "a",
                random: { 0 }, logger: logs.logger())
            _ = try await deliverer.deliverOnce(now: Self.start)
            try await setup.files(5, from: 0)
            setup.receiver.enqueue(.status(401), .status(401), .status(401), .status(204))
            var now = Self.start
            var last: SinkDeliverer.Outcome = .idle
            var gaveUp = 0
            for _ in 0..<5 {
                last = try await deliverer.deliverOnce(now: now)
                if case .failed(let retryAt, _) = last { now = retryAt }
                if case .gaveUp = last { gaveUp += 1 }
            }
            #expect(gaveUp == 1, "the third failure gives up, once; later steps find the sink dead-lettered")
            guard case .deadLettered(let reason) = last else {
                Issue.record("\(last)")
                return
            }
            #expect(reason.contains("401") && reason.contains("signing secret") && reason.contains("3 attempts"), "\(reason)")
            #expect(!reason.contains(setup.secret))
            // The log says which sink, which events and which runs, and never the secret (nor its key's base64).
            let key = String(setup.secret.dropFirst("whsec_".count))
            #expect(
                logs.all.contains {
                    $0.contains("sink dead-lettered") && $0.contains("sink=warehouse") && $0.contains("correlation_ids=run")
                })
            #expect(logs.all.filter { $0.contains("sink batch failed") }.count == 2)
            #expect(!logs.all.contains { $0.contains(key) }, "\(logs.all)")
            for file in ["catalog.db", "catalog.db-wal"] {
                let stored = (try? Data(contentsOf: URL(fileURLWithPath: setup.directory.url(file)))) ?? Data()
                #expect(stored.range(of: Data(key.utf8)) == nil && stored.range(of: Data(setup.secret.utf8)) == nil, "not in \(file)")
            }
            #expect(setup.receiver.requests.count == 3, "nothing sent after the dead letter")
            let state = try await setup.store.sinkDeliveries().first
            #expect(state?.deadLetteredAt != nil && state?.lastError == reason)
            // Resumed (its secret fixed), it delivers from where it stopped.
            try await setup.store.resumeSinkDelivery("warehouse")
            let newest = try await setup.store.latestChangeSequence()
            #expect(try await deliverer.deliverOnce(now: now) == .delivered(count: 5, through: newest))
        }
    }

    /// A receiver slower than the sink's timeout (half a second, kept whole) is a failed attempt, tried again after
    /// the backoff; the batch then arrives.
    @Test func aSlowAnswerIsAFailedAttempt() async throws {
        try await Setup.with { setup in
            var target = try setup.target()
            target.timeout = .milliseconds(500)
            #expect(target.timeoutNanoseconds == 500_000_000, "the fraction of a second is kept")
            let deliverer = SinkDeliverer(target: target, store: setup.store, client: setup.client, owner: "a", random: { 1 })
            _ = try await deliverer.deliverOnce(now: Self.start)
            try await setup.files(2, from: 0)
            setup.receiver.enqueue(.delayed(.seconds(5), then: .status(204)))
            let slow = try await deliverer.deliverOnce(now: Self.start)
            guard case .failed(let retryAt, let reason) = slow else {
                Issue.record("\(slow)")
                return
            }
            #expect(reason.hasPrefix("no answer within") && retryAt == Self.start.addingTimeInterval(1), "\(slow)")
            // The same replica, patient this time (the suite's load must not decide the outcome), delivers the batch.
            target.timeout = .seconds(60)
            let patient = SinkDeliverer(target: target, store: setup.store, client: setup.client, owner: "a", random: { 1 })
            let newest = try await setup.store.latestChangeSequence()
            #expect(try await patient.deliverOnce(now: retryAt) == .delivered(count: 2, through: newest))
        }
    }

    @Test func oneReplicaDeliversAtATime() async throws {
        try await Setup.with { setup in
            let a = SinkDeliverer(target: try setup.target(), store: setup.store, client: setup.client, owner: "a", lease: .seconds(60))
            let b = SinkDeliverer(target: try setup.target(), store: setup.store, client: setup.client, owner: "b", lease: .seconds(60))
            _ = try await a.deliverOnce(now: Self.start)
            try await setup.files(3, from: 0)
            #expect(try await b.deliverOnce(now: Self.start.addingTimeInterval(10)) == .notHolder)
            let three = try await setup.store.latestChangeSequence()
            #expect(try await a.deliverOnce(now: Self.start.addingTimeInterval(11)) == .delivered(count: 3, through: three))
            // a stops renewing: after its lease, b goes on from the cursor.
            try await setup.files(2, from: 3)
            let five = try await setup.store.latestChangeSequence()
            #expect(try await b.deliverOnce(now: Self.start.addingTimeInterval(80)) == .delivered(count: 2, through: five))
            #expect(try setup.accepted() == (0..<5).map { "f\($0)" })
        }
    }
}

/// Two replicas delivering to one sink on one PostgreSQL store, concurrently, with leases short enough to change
/// hands: the receiver gets every event, in order (a batch may come twice, never out of order), and the store's
/// cursor ends at the newest event.
@Suite struct SinkReplicaTests {
    @Test func twoReplicasOnPostgreSQLDeliverEveryEventInOrder() async throws {
        let location = try PostgresLocation(parsing: try await PostgresTestDatabase.create())
        try await PostgresCatalogStore.withStore(location) { store in
            _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("drawings"), resetsCursor: false)], ())
            }
            let receiver = FaultInjectingHTTPServer { request in request.index % 7 == 3 ? .status(503) : .status(204) }
            let port = try await receiver.start()
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let secret = try WebhookSecret(encoded: WebhookSecret.generate())
            let target = SinkTarget(
                name: "warehouse", url: "http://127.0.0.1:\(port)/hooks", secret: secret, batchSize: 40,
                retry: SinkRetryPolicy(maxAttempts: 100, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(1)))
            let start = Date(timeIntervalSince1970: 1_796_000_000)
            let replicas = ["a", "b"].map { SinkDeliverer(target: target, store: store, client: client, owner: $0, lease: .seconds(1)) }
            _ = try await replicas[0].deliverOnce(now: start)
            for page in 0..<10 {
                let files = (0..<50).map { index in
                    CatalogFile(
                        endpoint: "drawings", metadata: FileMetadata(id: "f\(page * 50 + index)", name: "f", path: "f\(page * 50 + index)"),
                        firstSeenAt: start, lastSeenAt: start, contentHash: "h")
                }
                _ = try await store.applySyncPage(SyncPageWrite(endpoint: "drawings", files: files, seenAt: start, cursor: nil))
            }
            let newest = try await store.latestChangeSequence()
            // Each replica steps its own clock by 1.5 s, longer than a lease: whenever one looks, the other's lease may
            // have run out, so the sink changes hands as they go, at any point of a delivery.
            let gate = StartingGate(expected: replicas.count)
            let batches = try await withThrowingTaskGroup(of: Int.self) { group in
                for (offset, replica) in replicas.enumerated() {
                    group.addTask {
                        await gate.arriveAndWait()  // both replicas running before either delivers
                        var delivered = 0
                        for step in 0..<400 {
                            let outcome = try await replica.deliverOnce(
                                now: start.addingTimeInterval(Double(step) * 1.5 + Double(offset) * 0.7))
                            if case .delivered = outcome { delivered += 1 }
                            if try await store.sinkDeliveries().first?.cursor == newest { break }
                        }
                        return delivered
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(batches.allSatisfy { $0 > 0 }, "both replicas delivered: \(batches)")
            var received: [Int] = []
            for request in receiver.requests where request.index % 7 != 3 {
                let events = try JSONParser.parse(String(decoding: request.body, as: UTF8.self)).value["data"]?["events"]?.arrayValue ?? []
                let sequences = events.compactMap { $0["sequence"]?.intValue }
                // A batch may repeat (its acceptance raced a lease change), never go back past what came before it.
                #expect(sequences.first.map { first in received.isEmpty || first <= received.last! + 1 } ?? true)
                received += sequences.filter { $0 > (received.last ?? 0) }
            }
            #expect(received == Array(Int(newest) - 499...Int(newest)), "every event, in order: \(received.count)")
            #expect(try await store.sinkDeliveries().first?.cursor == newest)
            try await client.shutdown()
            await receiver.stop()
        }
    }
}

/// Holds tasks until `expected` of them have arrived.
actor StartingGate {
    private let expected: Int
    private var arrived = 0

    init(expected: Int) { self.expected = expected }

    func arriveAndWait() async {
        arrived += 1
        while arrived < expected { await Task.yield() }
    }
}
