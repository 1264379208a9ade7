import ConnectorModel
import ConnectorProvider
import NIOConcurrencyHelpers

/// Where the endpoint's folder is, found once per sync: the folder itself (`files.get`: that it exists, is a folder,
/// is not in the trash, and on which shared drive it is), then, for a folder on a shared drive, whether the service
/// account is a member of that drive (`drives.get`). The answer decides the corpus the walk lists in and the change
/// log the feed follows (``DriveCorpus``); `googleDrive.sharedDriveId`, when given, is checked against it.
final class DriveLocation: Sendable {
    /// What was found.
    struct Resolved: Sendable {
        /// The API, asking in the folder's corpus.
        var api: DriveAPI
        /// The root folder's record (path "", no parent).
        var root: CatalogFolder
    }

    private let api: DriveAPI
    private let folderID: String
    private let expectedDriveID: String?
    private let resolved = NIOLockedValueBox<Resolved?>(nil)

    init(api: DriveAPI, folderID: String, expectedDriveID: String?) {
        self.api = api
        self.folderID = folderID
        self.expectedDriveID = expectedDriveID
    }

    /// The folder and the API for its corpus, asked for once and then remembered for the rest of the sync.
    /// - Throws: ``ProviderError`` when the folder is missing, not a folder, in the trash, or not on the shared drive
    ///   the manifest names.
    func resolve() async throws -> Resolved {
        if let known = resolved.withLockedValue({ $0 }) { return known }
        // With the drive named in the manifest, its membership is asked for beside the folder (one round trip
        // instead of two); the answer is used only if the folder turns out to be on that drive.
        async let expectedDriveMembership = Self.membership(of: expectedDriveID, api: api)
        let file = try await api.folder(id: folderID)
        guard file.isFolder else {
            throw ProviderError(
                .configuration, "googleDrive.folderId \(folderID) is not a folder (it is \(file.mimeType ?? "of unknown type"))")
        }
        guard file.trashed != true else {
            throw ProviderError(.notFound, "folder \(folderID) is in the trash")
        }
        var located = api
        switch (file.driveId, expectedDriveID) {
        case (nil, nil):
            located.corpus = .myDrive
        case (nil, let expected?):
            throw ProviderError(
                .configuration,
                "googleDrive.sharedDriveId is \(expected), but folder \(folderID) is not on a shared drive: remove sharedDriveId")
        case (let actual?, let expected?) where actual != expected:
            throw ProviderError(
                .configuration,
                "googleDrive.sharedDriveId is \(expected), but folder \(folderID) is on shared drive \(actual): correct or remove sharedDriveId"
            )
        case (let actual?, let expected):
            let member = expected == actual ? try await expectedDriveMembership ?? false : try await api.isMember(ofSharedDrive: actual)
            located.corpus = member ? .sharedDrive(actual) : .sharedFolder(driveID: actual)
        }
        let result = Resolved(api: located, root: CatalogFolder(id: folderID, name: file.name ?? folderID, path: "", parentID: nil))
        resolved.withLockedValue { $0 = result }
        return result
    }

    /// `changes.getStartPageToken` of the change log the folder's corpus follows. With the drive named in the
    /// manifest and the folder not yet found, the token of that drive's log is asked for beside the folder (the usual
    /// answer, one round trip sooner) and used only if the folder turns out to be on that drive and the account a
    /// member; otherwise it is dropped and the right log asked. A token taken early only replays more changes.
    func startPageToken() async throws -> String {
        guard resolved.withLockedValue({ $0 }) == nil, let expectedDriveID else { return try await resolve().api.startPageToken() }
        var speculative = api
        speculative.corpus = .sharedDrive(expectedDriveID)
        // A refusal of the early ask says nothing the right ask would not say again: it is dropped.
        async let early: String? = try? speculative.startPageToken()
        let located = try await resolve()
        if located.api.corpus.changeLogDriveID == expectedDriveID, let token = await early { return token }
        return try await located.api.startPageToken()
    }

    /// Whether the service account is a member of `driveID`; nil without a drive.
    private static func membership(of driveID: String?, api: DriveAPI) async throws -> Bool? {
        guard let driveID else { return nil }
        return try await api.isMember(ofSharedDrive: driveID)
    }
}
