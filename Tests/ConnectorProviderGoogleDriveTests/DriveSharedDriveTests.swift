import ConnectorHTTP
import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorTestSupport
import FakeGoogleDrive
import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// Shared drives as Drive behaves: the listing corpus and the change log follow from the folder itself and the
/// account's membership, `sharedDriveId` is only a check, and `changes.list` falls back to a full listing only for a
/// rejected page token.
@Suite(.timeLimit(.minutes(2))) struct DriveSharedDriveTests {
    /// The `files.list` and `changes.list` requests the fake received.
    static func listings(_ drive: FakeGoogleDrive) -> (files: [RecordedRequest], changes: [RecordedRequest]) {
        let requests = drive.requests
        return (requests.filter { $0.path == "/drive/v3/files" }, requests.filter { $0.path == "/drive/v3/changes" })
    }

    /// Full sync, mutations below `folder`, incremental sync: both equal the fake's ground truth.
    static func fullThenIncremental(
        _ harness: DriveTestHarness, folder: String, sharedDrive: String? = nil
    ) async throws -> (SyncRunRecord, SyncRunRecord) {
        let directory = try TemporaryDirectory()
        let store = try await DriveEngineSyncTests.store(
            directory, endpoints: ["drive": harness.spec(folder: folder, sharedDrive: sharedDrive)])
        let engine = DriveEngineSyncTests.engine(store, harness)
        let full = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual)
        #expect(full.status == .succeeded, "\(full.error ?? "")")
        #expect(try await DriveEngineSyncTests.differences(store, "drive", harness.drive.truth(under: folder)) == [])
        let added = harness.drive.createFile(name: "added.pdf", parent: folder)
        let children = harness.drive.children(of: folder).filter { !$0.isFolder && $0.id != added }
        harness.drive.modify(try #require(children.first).id)
        harness.drive.trash(try #require(children.last).id)
        let incremental = try await engine.sync(try await DriveEngineSyncTests.endpoint(store, "drive"), trigger: .manual)
        #expect(incremental.status == .succeeded && incremental.mode == .incremental, "\(incremental.error ?? "")")
        #expect(incremental.created == 1 && incremental.updated == 1 && incremental.removed == 1)
        #expect(try await DriveEngineSyncTests.differences(store, "drive", harness.drive.truth(under: folder)) == [])
        try store.close()
        return (full, incremental)
    }

    @Test func aMemberListsTheDriveAndFollowsItsLogWithoutSharedDriveIdInTheManifest() async throws {
        try await DriveTestHarness.run { harness in
            let driveID = harness.drive.createSharedDrive(name: "Team")
            let folder = harness.drive.createFolder(name: "Projects", parent: driveID)
            harness.drive.generateTree(under: folder, files: 120, filesPerFolder: 20, subfoldersPerFolder: 2)
            _ = try await Self.fullThenIncremental(harness, folder: folder)
            let (files, changes) = Self.listings(harness.drive)
            #expect(files.allSatisfy { $0.queryValue("corpora") == "drive" && $0.queryValue("driveId") == driveID })
            #expect(!changes.isEmpty && changes.allSatisfy { $0.queryValue("driveId") == driveID })
            #expect(harness.drive.requestCount("drives.get") == 2, "membership is asked once per sync")
        }
    }

    @Test func anAccountSharedIntoAFolderOfADriveItIsNoMemberOfListsAllDrivesAndFollowsTheUserLog() async throws {
        try await DriveTestHarness.run { harness in
            let driveID = harness.drive.createSharedDrive(name: "Partner")
            let folder = harness.drive.createFolder(name: "Shared with us", parent: driveID)
            harness.drive.generateTree(under: folder, files: 120, filesPerFolder: 20, subfoldersPerFolder: 2)
            harness.drive.removeMembership(ofSharedDrive: driveID)
            // The manifest may still name the drive: it is a check, and the folder is on it.
            _ = try await Self.fullThenIncremental(harness, folder: folder, sharedDrive: driveID)
            let (files, changes) = Self.listings(harness.drive)
            #expect(files.allSatisfy { $0.queryValue("corpora") == "allDrives" && $0.queryValue("driveId") == nil })
            #expect(
                !changes.isEmpty
                    && changes.allSatisfy { $0.queryValue("driveId") == nil && $0.queryValue("includeItemsFromAllDrives") == "true" })
        }
    }

    @Test func theFakeRefusesDriveScopedRequestsToANonMember() async throws {
        try await DriveTestHarness.run { harness in
            let driveID = harness.drive.createSharedDrive(name: "Partner")
            harness.drive.removeMembership(ofSharedDrive: driveID)
            var spec = harness.spec(folder: driveID)
            spec.googleDrive?.sharedDriveId = driveID
            let api = try #require(try harness.provider(spec) as? GoogleDriveProvider).api
            #expect(try await api.isMember(ofSharedDrive: driveID) == false)
            var scoped = api
            scoped.corpus = .sharedDrive(driveID)
            await #expect(throws: HTTPError.self) { _ = try await scoped.list(q: "'\(driveID)' in parents", pageToken: nil, pageSize: 10) }
            await #expect(throws: ProviderError.self) { _ = try await scoped.startPageToken() }
        }
    }

    /// With `sharedDriveId` in the manifest, the drive's membership is asked for beside the folder, not after it: one
    /// round trip before the listing instead of two. Without it, `drives.get` needs the folder's answer first.
    @Test func aConfiguredSharedDriveIsLookedUpBesideTheFolder() async throws {
        for configured in [true, false] {
            try await DriveTestHarness.run { harness in
                let driveID = harness.drive.createSharedDrive(name: "Team")
                let folder = harness.drive.createFolder(name: "Projects", parent: driveID)
                let provider = try #require(
                    try harness.provider(harness.spec(folder: folder, sharedDrive: configured ? driveID : nil)) as? GoogleDriveProvider)
                // The token first, with no latency: only the two lookups are in flight together, or not. Each answer is
                // a second away, so the second lookup has long been sent, however loaded the machine, when the first
                // answers.
                _ = try await provider.api.isMember(ofSharedDrive: driveID)
                harness.drive.injectLatency(fixed: .seconds(1))
                _ = try await provider.location.resolve()
                #expect(harness.drive.requestCount("drives.get") == 2 && harness.drive.requestCount("files.get") == 1)
                #expect(harness.drive.maxRequestsInFlight == (configured ? 2 : 1), "configured: \(configured)")
            }
        }
    }

    /// With `sharedDriveId` in the manifest, the drive's change-log token is asked for beside the folder and its
    /// membership, and kept when they confirm it; for a folder of a drive the account is no member of, that token is
    /// dropped and the user's log asked for after.
    @Test func aConfiguredSharedDrivesStartTokenIsAskedForBesideTheFolder() async throws {
        for member in [true, false] {
            try await DriveTestHarness.run { harness in
                let driveID = harness.drive.createSharedDrive(name: "Team")
                let folder = harness.drive.createFolder(name: "Projects", parent: driveID)
                if !member { harness.drive.removeMembership(ofSharedDrive: driveID) }
                let provider = try #require(
                    try harness.provider(harness.spec(folder: folder, sharedDrive: driveID)) as? GoogleDriveProvider)
                _ = try await provider.api.isMember(ofSharedDrive: driveID)
                harness.drive.injectLatency(fixed: .seconds(1))
                _ = try #require(try await provider.changeFeedStartToken())
                let asked = harness.drive.requests.filter { $0.path == "/drive/v3/changes/startPageToken" }
                if member {
                    #expect(harness.drive.maxRequestsInFlight == 3, "files.get, drives.get and the token at once")
                    #expect(asked.map { $0.queryValue("driveId") } == [driveID])
                } else {
                    #expect(asked.map { $0.queryValue("driveId") } == [driveID, nil], "the drive's token dropped, the user's asked")
                }
            }
        }
    }

    @Test func aSharedDriveIdThatDoesNotMatchTheFolderIsAClearError() async throws {
        try await DriveTestHarness.run { harness in
            let driveID = harness.drive.createSharedDrive(name: "Team")
            let other = harness.drive.createSharedDrive(name: "Other")
            let folder = harness.drive.createFolder(name: "Projects", parent: driveID)
            for (folder, sharedDrive, expected) in [
                (folder, other, "is on shared drive \(driveID)"), (harness.root, driveID, "is not on a shared drive"),
            ] {
                let provider = try harness.provider(harness.spec(folder: folder, sharedDrive: sharedDrive))
                do {
                    _ = try await provider.changeFeedStartToken()
                    Issue.record("a mismatched sharedDriveId was accepted")
                } catch let error as ProviderError {
                    #expect(error.code == .configuration)
                    #expect(error.message.contains(expected) && error.message.contains("sharedDriveId"), "\(error.message)")
                }
            }
        }
    }

    @Test func onlyARejectedPageTokenFallsBackToAFullListing() async throws {
        try await DriveTestHarness.run { harness in
            let driveID = harness.drive.createSharedDrive(name: "Team")
            let api = try #require(try harness.provider(harness.spec(folder: driveID)) as? GoogleDriveProvider).api
            var member = api
            member.corpus = .sharedDrive(driveID)
            let token = try await member.startPageToken()
            // A token Drive does not know: 400 "Invalid Value" blaming pageToken.
            await #expect { _ = try await member.changes(pageToken: "999999", pageSize: 10) } throws: { error in
                (error as? ProviderError)?.code == .cursorExpired
            }
            // Membership lost: 404 "Shared drive not found" is a configuration error naming the drive, not a reason
            // to list a whole drive again.
            harness.drive.removeMembership(ofSharedDrive: driveID)
            await #expect { _ = try await member.changes(pageToken: token, pageSize: 10) } throws: { error in
                guard let error = error as? ProviderError else { return false }
                return error.code == .configuration && error.message.contains(driveID) && error.message.contains("member")
            }
            // Any other 400 (here a fields mask Drive rejects) names its cause.
            let server = FaultInjectingHTTPServer { _ in
                .json(
                    400,
                    #"{"error":{"code":400,"message":"Invalid field selection newStartPageTokn","errors":[{"domain":"global","reason":"invalidParameter","message":"Invalid field selection newStartPageTokn","locationType":"parameter","location":"fields"}]}}"#
                )
            }
            _ = try await server.start()
            let proxied = DriveAPI(client: api.client, context: api.context, apiRoot: server.baseURL, account: api.account)
            await #expect { _ = try await proxied.changes(pageToken: token, pageSize: 10) } throws: { error in
                guard let error = error as? ProviderError else { return false }
                return error.code == .configuration && error.message.contains("parameter fields")
                    && error.message.contains("Invalid field selection")
            }
            await server.stop()
        }
    }
}
