import ConnectorHTTP
import ConnectorModel
import ConnectorProvider

/// A `.full` listing: finds the root folder (``DriveLocation``), then walks it breadth first (``DriveFolderWalk``) in
/// the folder's corpus.
///
/// The first page reports the root folder itself (path "", no parent) with the folders found; every page reports
/// the folders it found, and the folders whose children it now has all, so the engine records them for the change
/// feed and for a resume.
///
/// Resume: every page carries the resume token ``resumeToken``. The walk's own state (the queue of folders still to
/// ask for) can be far larger than a cursor should be, so it is not in the token: the catalog holds it. An
/// interrupted listing resumed with the token asks the catalog which folders this listing recorded and which of
/// them it finished (``FolderDirectory/listingProgress()``), and walks on from the unfinished ones; the finished
/// folders are not asked for again. Without recorded progress it starts at the root. Either way the sweep stays
/// correct: the engine keeps the listing's start time and sweeps only what the completed listing did not see. A
/// `files.list` page token Drive rejects mid-listing restarts the walk once.
final class DriveFullListing: @unchecked Sendable {
    // @unchecked: the listing stream's unfolding closure calls `next()` one call at a time, never concurrently.
    /// The resume token of every page: "resume from the catalog's record of this listing".
    static let resumeToken = "drive-walk/1"

    private let location: DriveLocation
    private let pageSize: Int
    private let includeSubfolders: Bool
    private let catalog: any FolderDirectory
    private let maxInFlight: Int
    private var resuming: Bool
    private var walk: DriveFolderWalk?
    private var root: CatalogFolder?
    private var reportRoot = true
    private var restarted = false
    private var finished = false

    init(
        location: DriveLocation, pageSize: Int, includeSubfolders: Bool, catalog: any FolderDirectory, resumeToken: String?,
        maxInFlight: Int
    ) {
        self.location = location
        self.maxInFlight = maxInFlight
        self.catalog = catalog
        self.pageSize = pageSize
        self.includeSubfolders = includeSubfolders
        resuming = resumeToken == Self.resumeToken
    }

    /// The next page, or nil after the last.
    func next() async throws -> ProviderPage? {
        guard !finished else { return nil }
        let walk = try await currentWalk()
        let step: DriveFolderWalk.Step?
        do {
            step = try await walk.next()
        } catch let error as HTTPError {
            guard !restarted, walk.failedWhilePaging, error.status == 400 || error.status == 404 else {
                throw ProviderError(.invalidResponse, "Google Drive rejected a files.list request: \(error.description)")
            }
            // The page token was rejected (they are valid "typically for several hours"): start over once.
            restarted = true
            resuming = false
            walk.cancel()
            self.walk = nil
            reportRoot = true
            return try await next()
        }
        finished = step?.isLast ?? true
        // A resumed walk with nothing left to ask for still ends with a last page, so the listing completes.
        var folders = step?.folders ?? []
        if reportRoot, let root {
            folders.insert(root, at: 0)
            reportRoot = false
        }
        return ProviderPage(
            files: step?.files ?? [], folders: folders, resumeToken: Self.resumeToken, isLast: finished,
            incompleteReason: step?.incompleteReason)
    }

    private func currentWalk() async throws -> DriveFolderWalk {
        if let walk { return walk }
        let resolved = try await location.resolve()
        let walk: DriveFolderWalk
        if resuming, let progress = try await catalog.listingProgress(), progress.contains(where: { $0.id == resolved.root.id }) {
            // The root was recorded by this listing's first page: walk on from what it had not finished.
            walk = DriveFolderWalk(
                api: resolved.api, resuming: progress, pageSize: pageSize, descends: includeSubfolders, catalog: catalog,
                maxInFlight: maxInFlight)
            reportRoot = false
        } else {
            walk = DriveFolderWalk(
                api: resolved.api, start: resolved.root, pageSize: pageSize, descends: includeSubfolders, catalog: catalog,
                maxInFlight: maxInFlight)
            root = resolved.root
        }
        self.walk = walk
        return walk
    }
}
