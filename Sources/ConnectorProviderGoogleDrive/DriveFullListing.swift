import ConnectorHTTP
import ConnectorModel
import ConnectorProvider

/// A `.full` listing: finds the root folder (``DriveLocation``), then walks it breadth first (``DriveFolderWalk``) in
/// the folder's corpus.
///
/// The first page reports the root folder itself (path "", no parent) with the folders found; every page reports
/// the folders it found so the engine records them for the change feed.
///
/// Resume: pages carry no resume token, so an interrupted full listing starts again from the root. The walk's state
/// (the queue of folders still to ask for and the files already reported) can be far larger than a cursor should
/// be; restarting is safe because the engine keeps the listing's start time and sweeps only what the completed
/// listing did not see. A `files.list` page token Drive rejects mid-listing restarts the walk once.
final class DriveFullListing: @unchecked Sendable {
    // @unchecked: the listing stream's unfolding closure calls `next()` one call at a time, never concurrently.
    private let location: DriveLocation
    private let pageSize: Int
    private let includeSubfolders: Bool
    private let catalog: any FolderDirectory
    private var walk: DriveFolderWalk?
    private var root: CatalogFolder?
    private var reportRoot = true
    private var restarted = false
    private var finished = false

    init(location: DriveLocation, pageSize: Int, includeSubfolders: Bool, catalog: any FolderDirectory) {
        self.location = location
        self.catalog = catalog
        self.pageSize = pageSize
        self.includeSubfolders = includeSubfolders
    }

    /// The next page, or nil after the last.
    func next() async throws -> ProviderPage? {
        guard !finished else { return nil }
        let walk = try await currentWalk()
        let step: DriveFolderWalk.Step?
        do {
            step = try await walk.next()
        } catch let error as HTTPError {
            guard !restarted, walk.isPaging, error.status == 400 || error.status == 404 else {
                throw ProviderError(.invalidResponse, "Google Drive rejected a files.list request: \(error.description)")
            }
            // The page token was rejected (they are valid "typically for several hours"): start over once.
            restarted = true
            self.walk = nil
            reportRoot = true
            return try await next()
        }
        guard let step else {
            finished = true
            return nil
        }
        finished = step.isLast
        var folders = step.folders
        if reportRoot, let root {
            folders.insert(root, at: 0)
            reportRoot = false
        }
        return ProviderPage(files: step.files, folders: folders, isLast: step.isLast, incompleteReason: step.incompleteReason)
    }

    private func currentWalk() async throws -> DriveFolderWalk {
        if let walk { return walk }
        let resolved = try await location.resolve()
        root = resolved.root
        let walk = DriveFolderWalk(api: resolved.api, start: resolved.root, pageSize: pageSize, descends: includeSubfolders, catalog: catalog)
        self.walk = walk
        return walk
    }
}
