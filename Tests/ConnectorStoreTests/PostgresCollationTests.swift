import ConnectorModel
import ConnectorStore
import ConnectorTestSupport
import Foundation
import PostgresNIO
import Testing

@testable import ConnectorStorePostgres

/// File ids compare byte for byte on a database whose default collation is linguistic, as most production databases'
/// is (en_US): there `_x` sorts before `a` and `a` before `Z`, where bytes put `Z` first. A page's id range computed
/// in one order and compared in the other found nothing stored, so stored files were taken for new.
@Suite struct PostgresCollationTests {
    /// A new database whose default collation is ICU's en-US.
    static func linguisticDatabase() async throws -> PostgresLocation {
        let server = try PostgresTestDatabase.serverURL()
        let name = "fc_test_icu_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        _ = try await PostgresTestDatabase.admin(server) { client in
            try await client.query(
                PostgresQuery(
                    unsafeSQL:
                        "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
                ))
        }
        var components = try #require(URLComponents(url: server, resolvingAgainstBaseURL: false))
        components.path = "/\(name)"
        return try PostgresLocation(parsing: try #require(components.string))
    }

    @Test func pagesOfMixedCaseIdsAreClassifiedByteForByte() async throws {
        let location = try await Self.linguisticDatabase()
        try await PostgresCatalogStore.withStore(location) { store in
            var collation = ""
            let query: PostgresQuery =
                "SELECT datcollate || '/' || coalesce(daticulocale, '') FROM pg_database WHERE datname = current_database()"
            for try await value in try await store.client.query(query).decode(String.self) { collation = value }
            #expect(collation.hasSuffix("/en-US"), "the database collates linguistically: \(collation)")
            _ = try await store.reconcile { _ in ([EndpointWrite(record: try StoreConformance.sample("mixed"), resetsCursor: false)], ()) }
            let seen = Date(timeIntervalSince1970: 1_795_000_000)
            func page(_ ids: [String], at offset: TimeInterval) -> SyncPageWrite {
                let files = ids.map { id in
                    CatalogFile(
                        endpoint: "mixed", metadata: FileMetadata(id: id, name: id, path: id), firstSeenAt: seen, lastSeenAt: seen,
                        contentHash: "h-" + id)
                }
                return SyncPageWrite(endpoint: "mixed", files: files, seenAt: seen.addingTimeInterval(offset), cursor: nil)
            }
            #expect(try await store.applySyncPage(page(["_x"], at: 0)) == SyncPageCounts(created: 1))
            // Not in byte order: each file is probed, after a check of the page's range for anything stored.
            #expect(try await store.applySyncPage(page(["a", "Z", "_x"], at: 1)) == SyncPageCounts(created: 2, unchanged: 1))
            // In byte order (Z < _x < a < b): the page's range is scanned.
            #expect(try await store.applySyncPage(page(["Z", "_x", "a", "b"], at: 2)) == SyncPageCounts(created: 1, unchanged: 3))
            #expect(Set(try await store.files(endpoint: "mixed", limit: nil).map(\.fileID)) == ["_x", "a", "Z", "b"])
        }
    }
}
