import ConnectorModel
import ConnectorStore
import ConnectorTestSupport
import Foundation
import Logging
import PostgresNIO
import Testing

@testable import ConnectorStorePostgres

/// Every committed batch of change events is announced on `file_connector_changes` with its newest sequence number;
/// a transaction that rolls back announces nothing.
@Suite(.timeLimit(.minutes(1))) struct PostgresChangeNotificationTests {
    @Test func committedEventsAreAnnouncedAndRolledBackOnesAreNot() async throws {
        let location = try PostgresLocation(parsing: try await PostgresTestDatabase.create())
        let server = try PostgresTestDatabase.serverURL()
        try await PostgresCatalogStore.withStore(location) { store in
            let heard = try await PostgresTestDatabase.admin(server, database: location.database) { client in
                try await client.withConnection { connection in
                    let notifications = try await connection.listen(PostgresCatalogStore.changesChannel)
                    struct Refusal: Error {}
                    do {
                        _ = try await store.reconcile { (_) throws -> (ReconcileWrites, Void) in throw Refusal() }
                    } catch {}
                    let record = try StoreConformance.sample("announced")
                    _ = try await store.reconcile { _ in ([EndpointWrite(record: record, resetsCursor: false)], ()) }
                    let run = SyncRunRecord(
                        id: 0, endpoint: "announced", trigger: .manual, mode: .full, startedAt: record.updatedAt, status: .running,
                        correlationID: "c")
                    _ = try await store.startSyncRun(run)
                    var payloads: [String] = []
                    for try await notification in notifications {
                        payloads.append(notification.payload)
                        if payloads.count == 2 { break }
                    }
                    return payloads
                }
            }
            #expect(heard == ["1", "2"], "one announcement per committed batch, the refused reconcile none: \(heard)")
            #expect(try await store.latestChangeSequence() == 2)
        }
    }
}
