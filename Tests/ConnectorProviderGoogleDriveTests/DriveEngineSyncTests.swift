import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import ConnectorProviderGoogleDrive
import ConnectorStore
import ConnectorStoreSQLite
import ConnectorSync
import ConnectorTestSupport
import FakeGoogleDrive
import Foundation
import Testing

/// The provider under the real engine and a real SQLite store, over loopback: full syncs, incremental syncs after
/// every kind of mutation, injected faults, token expiry and a revoked key.
@Suite struct DriveEngineSyncTests {
    /// A store in a temporary directory holding endpoint `name` with `spec`.
    static func store(_ directory: TemporaryDirectory, endpoints: [String: EndpointSpec]) async throws -> SQLiteCatalogStore {
        let store = try await SQLiteCatalogStore(path: directory.url("catalog.db"))
        for (name, spec) in endpoints {
            var record = try StoreConformance.sample(name)
            record.spec = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
            let written = record
            _ = try await store.reconcile { _ in ([EndpointWrite(record: written, resetsCursor: true)], ()) }
        }
        return store
    }

    static func engine(_ store: any CatalogStore, _ harness: DriveTestHarness, key: String? = nil) -> SyncEngine {
        let registry = ProviderRegistry().registering(.googleDrive, GoogleDriveProvider.factory(client: harness.client))
        return SyncEngine(store: store, registry: registry, environment: harness.environment(key: key))
    }

    static func endpoint(_ store: any CatalogStore, _ name: String) async throws -> StoredEndpoint {
        try #require(try await store.snapshot().endpoints[name])
    }

    /// Differences between the store's present files and the fake's ground truth.
    static func differences(_ store: any CatalogStore, _ name: String, _ truth: [String: FakeDriveTruth]) async throws -> [String] {
        let model = CatalogModel()
        for file in try await store.files(endpoint: name, limit: nil) where file.state == .present {
            model.files[file.fileID] = file.metadata
        }
        return model.differences(from: truth)
    }

    @Test(.timeLimit(.minutes(2)))
    func aFullSyncStoresTheTree() async throws {
        try await DriveTestHarness.run { harness in
            let made = DriveFullListingTests.populate(harness.drive, root: harness.root)
            let driveID = harness.drive.createSharedDrive(name: "Team")
            harness.drive.generateTree(under: driveID, files: 1_500, filesPerFolder: 50, subfoldersPerFolder: 4)
            harness.drive.createWorkspaceFile(name: "Budget", parent: driveID, kind: "spreadsheet")
            let directory = try TemporaryDirectory()
            let store = try await Self.store(
                directory, endpoints: ["drive": harness.spec(), "team": harness.spec(folder: driveID, sharedDrive: driveID)])
            let engine = Self.engine(store, harness)
            for name in ["drive", "team"] {
                let run = try await engine.sync(try await Self.endpoint(store, name), trigger: .manual)
                #expect(run.status == .succeeded, "\(run.error ?? "")")
                #expect(run.mode == .full)
            }
            #expect(try await Self.differences(store, "drive", harness.drive.truth(under: harness.root)) == [])
            #expect(try await Self.differences(store, "team", harness.drive.truth(under: driveID)) == [])
            let files = Dictionary(
                uniqueKeysWithValues: try await store.files(endpoint: "drive", limit: nil).map { ($0.fileID, $0.metadata) })
            #expect(files[made.doc]?.exportLinks.isEmpty == false && files[made.doc]?.size == nil)
            #expect(files[made.shortcut]?.extras?.contains("shortcutTargetMimeType") == true)
            #expect(try await store.folder(endpoint: "drive", id: harness.root)?.path == "")
            try store.close()
        }
    }

    /// Full sync, the mutations of ``DriveChangeFeedTests/mutate(_:root:outside:)``, then an incremental sync.
    func fullThenIncremental(faults: Double) async throws {
        try await DriveTestHarness.run { harness in
            let outside = harness.drive.createFolder(name: "Elsewhere", parent: nil)
            _ = DriveFullListingTests.populate(harness.drive, root: harness.root)
            harness.drive.injectFaults(rate: faults, seed: 7)
            let directory = try TemporaryDirectory()
            let store = try await Self.store(directory, endpoints: ["drive": harness.spec()])
            let engine = Self.engine(store, harness)
            let full = try await engine.sync(try await Self.endpoint(store, "drive"), trigger: .manual)
            #expect(full.status == .succeeded, "\(full.error ?? "")")
            #expect(try await Self.differences(store, "drive", harness.drive.truth(under: harness.root)) == [])

            DriveChangeFeedTests.mutate(harness.drive, root: harness.root, outside: outside)
            let incremental = try await engine.sync(try await Self.endpoint(store, "drive"), trigger: .manual)
            #expect(incremental.mode == .incremental)
            #expect(incremental.status == .succeeded, "\(incremental.error ?? "")")
            #expect(try await Self.differences(store, "drive", harness.drive.truth(under: harness.root)) == [])
            #expect(incremental.removed > 0 && incremental.created > 0 && incremental.updated > 0)
            if faults > 0 { #expect(full.retries + incremental.retries > 0) }

            // A further incremental sync with no changes changes nothing.
            let quiet = try await engine.sync(try await Self.endpoint(store, "drive"), trigger: .manual)
            #expect(quiet.status == .succeeded && quiet.created == 0 && quiet.removed == 0 && quiet.updated == 0)
            try store.close()
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func mutationsThenAnIncrementalSyncMatchTheGroundTruth() async throws {
        try await fullThenIncremental(faults: 0)
    }

    @Test(.timeLimit(.minutes(2)))
    func tenPercentFaultsGiveTheSameCatalog() async throws {
        try await fullThenIncremental(faults: 0.1)
    }

    @Test(.timeLimit(.minutes(2)))
    func aRejectedChangeTokenFallsBackToAFullListing() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.generateTree(under: harness.root, files: 300, filesPerFolder: 30, subfoldersPerFolder: 3)
            let directory = try TemporaryDirectory()
            let store = try await Self.store(directory, endpoints: ["drive": harness.spec()])
            let engine = Self.engine(store, harness)
            _ = try await engine.sync(try await Self.endpoint(store, "drive"), trigger: .manual)
            let extra = harness.drive.createFile(name: "late.pdf", parent: harness.root)
            harness.drive.forgetChangeHistory()
            let run = try await engine.sync(try await Self.endpoint(store, "drive"), trigger: .manual)
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            #expect(try await Self.differences(store, "drive", harness.drive.truth(under: harness.root)) == [])
            #expect(try await store.files(endpoint: "drive", limit: nil).contains { $0.fileID == extra })
            try store.close()
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func tokenExpiryMidSyncIsRefreshed() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.generateTree(under: harness.root, files: 6_000, filesPerFolder: 200, subfoldersPerFolder: 6)
            let directory = try TemporaryDirectory()
            let store = try await Self.store(directory, endpoints: ["drive": harness.spec()])
            let drive = harness.drive
            let run = try await Self.engine(store, harness).sync(try await Self.endpoint(store, "drive"), trigger: .manual) { progress in
                if progress.filesSeen >= 1000, drive.issuedTokenCount == 1 { drive.expireAccessTokens() }
            }
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            #expect(harness.drive.issuedTokenCount == 2)
            #expect(try await store.fileCounts()["drive"]?.present == 6_000)
            try store.close()
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aRevokedKeyFailsTheRunWithAClearMessage() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.revokeKey(harness.account.keyID)
            let directory = try TemporaryDirectory()
            let store = try await Self.store(directory, endpoints: ["drive": harness.spec()])
            let run = try await Self.engine(store, harness).sync(try await Self.endpoint(store, "drive"), trigger: .manual)
            #expect(run.status == .failed)
            let error = run.error ?? ""
            #expect(error.contains("invalid_grant") && error.contains("clock") && error.contains(harness.account.email), "\(error)")
            let privateKey =
                try #require(try JSONSerialization.jsonObject(with: Data(harness.account.json.utf8)) as? [String: String])["private_key"]
                ?? ""
            for line in privateKey.split(separator: "\n") where line.count > 20 {
                #expect(!error.contains(line))
            }
            try store.close()
        }
    }
}
