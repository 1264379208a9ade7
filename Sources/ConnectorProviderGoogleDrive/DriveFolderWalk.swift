import ConnectorHTTP
import ConnectorModel
import ConnectorProvider

/// A breadth-first walk of a folder tree that asks for the children of many folders at once
/// (`('a' in parents or 'b' in parents …) and trashed = false`, as rclone's fast-list does), so a tree needs about
/// as many requests as it has pages of results, not one per folder.
///
/// Paths are rebuilt from parents as the walk descends. A folder reachable twice is walked once; a file reachable
/// twice (several parents) is reported once; two files with the same name in one folder keep their own ids.
/// Only folders whose path is known wait in the queue, so memory holds folders, never files.
///
/// Drive's multi-parent query bug (Google issue 149522397, rclone's `fast_list_bug_fix`): a query naming several
/// parents sometimes answers with nothing, or without the children of some of them, and still says
/// `incompleteSearch: false`. So a batched answer that shows no child for a folder is never taken as proof that the
/// folder is empty: unless the catalog already knows it empty (``CatalogFolder/isEmpty``, which the store keeps
/// true only while nothing is recorded below it), the folder is asked for again on its own, the form that is not
/// affected. Each folder is reported with what the walk learnt (empty or not), so the next listing asks again
/// only for folders that gained no child and were not known empty.
final class DriveFolderWalk {
    /// What one `files.list` response contributed.
    struct Step {
        var files: [FileMetadata] = []
        var folders: [CatalogFolder] = []
        /// Why the walk cannot vouch for this response, if it cannot.
        var incompleteReason: String?
        /// True when nothing is left to ask for.
        var isLast = false
    }

    private let api: DriveAPI
    private let pageSize: Int
    private let descends: Bool
    private let catalog: any FolderDirectory
    private var queue: [CatalogFolder]
    private var queueStart = 0
    /// Folders to ask for again one by one because a batched answer showed them no child.
    private var recheck: [CatalogFolder] = []
    private var batch: [String: CatalogFolder] = [:]
    private var batchWithChildren: Set<String> = []
    private var batchQuery: String?
    private var pageToken: String?
    private var pages = PageSequenceGuard(api: "Google Drive files.list")
    private var visitedFolders: Set<String>
    private var emittedFiles: Set<String> = []
    /// Folders asked for again one by one so far (the cost of the bug defence, in requests before paging).
    private(set) var recheckedFolders = 0

    /// A walk below `start` (whose own record the caller reports).
    /// - Parameters:
    ///   - api: The Drive calls.
    ///   - start: The folder to list, with its path relative to the endpoint's root.
    ///   - pageSize: `pageSize` of each `files.list` request (at most 1000).
    ///   - descends: Whether subfolders are walked (`includeSubfolders`); when false only `start`'s files are listed.
    ///   - catalog: The folders the catalog recorded, for the ones it knows to be empty.
    init(api: DriveAPI, start: CatalogFolder, pageSize: Int, descends: Bool, catalog: any FolderDirectory) {
        self.api = api
        self.pageSize = pageSize
        self.descends = descends
        self.catalog = catalog
        queue = [start]
        visitedFolders = [start.id]
    }

    /// A walk that goes on where an interrupted one stopped: `progress` holds the folders it had recorded, and the
    /// ones whose children it had not all listed are asked for again (shallowest first); the others are not.
    init(api: DriveAPI, resuming progress: [CatalogFolder], pageSize: Int, descends: Bool, catalog: any FolderDirectory) {
        self.api = api
        self.pageSize = pageSize
        self.descends = descends
        self.catalog = catalog
        queue = progress.filter { !$0.childrenListed }.sorted { ($0.depth, $0.path, $0.id) < ($1.depth, $1.path, $1.id) }
        visitedFolders = Set(progress.map(\.id))
    }

    /// Whether the walk is inside a multi-page response (its next request carries a page token).
    var isPaging: Bool { pageToken != nil }

    /// The next response's files and folders, or nil when the walk is over.
    /// - Throws: ``HTTPError`` for a rejected request (the caller decides about restarts), ``ProviderError`` otherwise.
    func next() async throws -> Step? {
        if batchQuery == nil, !takeBatch() { return nil }
        guard let query = batchQuery else { return nil }
        let response = try await api.list(q: query, pageToken: pageToken, pageSize: pageSize)
        var step = Step()
        if response.incompleteSearch == true {
            step.incompleteReason = "Google Drive answered a files.list query with incompleteSearch: true"
        }
        for file in response.files ?? [] {
            guard let parent = file.parents?.lazy.compactMap({ self.batch[$0] }).first else { continue }
            for id in file.parents ?? [] where batch[id] != nil { batchWithChildren.insert(id) }
            let path = parent.childPath(driveName: file.name ?? file.id)
            if file.isFolder {
                guard descends, visitedFolders.insert(file.id).inserted else { continue }
                let folder = CatalogFolder(id: file.id, name: file.name ?? file.id, path: path, parentID: parent.id)
                step.folders.append(folder)
                queue.append(folder)
            } else if emittedFiles.insert(file.id).inserted {
                step.files.append(file.metadata(path: path))
            }
        }
        pageToken = response.nextPageToken
        if let pageToken {
            try pages.followed(by: pageToken, itemCount: response.files?.count ?? 0)
        } else {
            step.folders += try await finishBatch(vouched: step.incompleteReason == nil)
            batchQuery = nil
            batch = [:]
            batchWithChildren = []
            pages.restart()
        }
        step.isLast = batchQuery == nil && queueStart == queue.count && recheck.isEmpty
        return step
    }

    /// What the finished batch taught about its folders, as records to report (each now with all its children
    /// listed): a folder with a child is not empty; one asked for alone and answered without a child is; one a
    /// batched answer showed without a child is asked for again alone, unless the catalog knows it to be empty.
    private func finishBatch(vouched: Bool) async throws -> [CatalogFolder] {
        var learnt: [CatalogFolder] = []
        for folder in batch.values.sorted(by: { $0.path < $1.path }) {
            var record = folder
            record.childrenListed = true
            if batchWithChildren.contains(folder.id) {
                record.isEmpty = false
            } else if batch.count == 1 {
                // A single-parent answer is the reliable form; an incomplete one proves nothing.
                guard vouched else { continue }
                record.isEmpty = true
            } else if try await catalog.folder(id: folder.id)?.isEmpty == true {
                record.isEmpty = true
            } else {
                recheck.append(folder)
                recheckedFolders += 1
                continue
            }
            learnt.append(record)
        }
        return learnt
    }

    /// Takes the next folder to ask for again alone, or the next folders from the queue, as many as fit one query.
    private func takeBatch() -> Bool {
        if let folder = recheck.popLast() {
            batch[folder.id] = folder
            batchQuery = DriveQuery.children(of: [folder.id])
            pageToken = nil
            return true
        }
        guard queueStart < queue.count else { return false }
        var ids: [String] = []
        var length = 0
        while queueStart < queue.count, ids.count < DriveQuery.maxParentsPerQuery {
            let folder = queue[queueStart]
            let termLength = folder.id.utf8.count + 20
            if !ids.isEmpty, length + termLength > DriveQuery.maxQueryLength { break }
            ids.append(folder.id)
            batch[folder.id] = folder
            length += termLength
            queueStart += 1
        }
        if queueStart > 4096, queueStart * 2 > queue.count {
            queue.removeFirst(queueStart)
            queueStart = 0
        }
        batchQuery = DriveQuery.children(of: ids)
        pageToken = nil
        return true
    }
}

extension CatalogFolder {
    /// How deep the folder is below the endpoint's root (0 for the root).
    fileprivate var depth: Int { path.isEmpty ? 0 : path.utf8.reduce(1) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 } }
}
