// Delivers COUNT file events from a real SQLite store to a receiver over loopback (an in-process HTTP server that
// answers 204), BATCH events per signed request, and prints one line of JSON: events per second of delivery (the
// events are written first, not timed). scripts/bench/sink.sh drives it.
//   SinkBenchmark COUNT BATCH
import AsyncHTTPClient
import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorSinks
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorTestSupport
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[1]), let batch = Int(arguments[2]) else {
    FileHandle.standardError.write(Data("usage: SinkBenchmark COUNT BATCH\n".utf8))
    exit(2)
}

let directory = try TemporaryDirectory()
let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
_ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("drawings"), resetsCursor: false)], ()) }
let receiver = FaultInjectingHTTPServer { _ in .status(204) }
let port = try await receiver.start()
let client = HTTPClient(eventLoopGroupProvider: .singleton)
let target = SinkTarget(
    name: "bench", url: "http://127.0.0.1:\(port)/hooks", secret: try WebhookSecret(encoded: WebhookSecret.generate()), batchSize: batch)
let deliverer = SinkDeliverer(target: target, store: store, client: client, owner: "bench")
let time = Date()
_ = try await deliverer.deliverOnce(now: time)  // the sink starts after the newest event: none yet
for page in stride(from: 0, to: count, by: 1000) {
    let files = (page..<min(count, page + 1000)).map { index in
        CatalogFile(
            endpoint: "drawings",
            metadata: FileMetadata(
                id: "file-\(index)", name: "drawing-\(index).pdf", path: "project/drawings/drawing-\(index).pdf", size: 1000),
            firstSeenAt: time, lastSeenAt: time, contentHash: "h")
    }
    _ = try await store.applySyncPage(SyncPageWrite(endpoint: "drawings", files: files, seenAt: time, cursor: nil, correlationID: "run"))
}
let started = ContinuousClock.now
var delivered = 0
while true {
    switch try await deliverer.deliverOnce(now: time) {
    case .delivered(let events, _): delivered += events
    case .idle: break
    case let other:
        FileHandle.standardError.write(Data("unexpected: \(other)\n".utf8))
        exit(1)
    }
    if delivered >= count { break }
}
let elapsed = ContinuousClock.now - started
let seconds = elapsed.timeInterval
print(
    #"{"events": \#(delivered), "batch": \#(batch), "requests": \#(receiver.requests.count), "seconds": \#(String(format: "%.2f", seconds)), "events_per_second": \#(Int(Double(delivered) / seconds))}"#
)
try await client.shutdown()
await receiver.stop()
try store.close()
