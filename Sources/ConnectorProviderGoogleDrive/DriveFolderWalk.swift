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
final class DriveFolderWalk {
    /// What one `files.list` response contributed.
    struct Step {
        var files: [FileMetadata] = []
        var folders: [CatalogFolder] = []
        var isIncomplete = false
        /// True when nothing is left to ask for.
        var isLast = false
    }

    private let api: DriveAPI
    private let pageSize: Int
    private let descends: Bool
    private var queue: [CatalogFolder]
    private var queueStart = 0
    private var batch: [String: CatalogFolder] = [:]
    private var batchQuery: String?
    private var pageToken: String?
    private var pages = PageSequenceGuard(api: "Google Drive files.list")
    private var visitedFolders: Set<String>
    private var emittedFiles: Set<String> = []

    /// A walk below `start` (whose own record the caller reports).
    /// - Parameters:
    ///   - api: The Drive calls.
    ///   - start: The folder to list, with its path relative to the endpoint's root.
    ///   - pageSize: `pageSize` of each `files.list` request (at most 1000).
    ///   - descends: Whether subfolders are walked (`includeSubfolders`); when false only `start`'s files are listed.
    init(api: DriveAPI, start: CatalogFolder, pageSize: Int, descends: Bool) {
        self.api = api
        self.pageSize = pageSize
        self.descends = descends
        queue = [start]
        visitedFolders = [start.id]
    }

    /// Whether the walk is inside a multi-page response (its next request carries a page token).
    var isPaging: Bool { pageToken != nil }

    /// The next response's files and folders, or nil when the walk is over.
    /// - Throws: ``HTTPError`` for a rejected request (the caller decides about restarts), ``ProviderError`` otherwise.
    func next() async throws -> Step? {
        if batchQuery == nil, !takeBatch() { return nil }
        guard let query = batchQuery else { return nil }
        let response = try await api.list(q: query, pageToken: pageToken, pageSize: pageSize)
        var step = Step(isIncomplete: response.incompleteSearch ?? false)
        for file in response.files ?? [] {
            guard let parent = file.parents?.lazy.compactMap({ self.batch[$0] }).first else { continue }
            let path = parent.childPath(file.name ?? file.id)
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
            batchQuery = nil
            batch = [:]
            pages.restart()
        }
        step.isLast = batchQuery == nil && queueStart == queue.count
        return step
    }

    /// Takes the next folders from the queue, as many as fit one query.
    private func takeBatch() -> Bool {
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
