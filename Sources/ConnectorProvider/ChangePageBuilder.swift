import ConnectorModel

/// Collects the effects of change-feed entries into provider pages, in order (the Google Drive and Microsoft 365
/// change feeds use it).
///
/// Within a page the last action on a file id wins (a file removed and then found again by a folder re-list is a
/// file, not a removal). A page never holds both folder removals and upserts: when one follows the other a new
/// page starts, so the engine applies them in the order the service reported them, whatever order it uses inside a
/// page.
public struct ChangePageBuilder {
    /// The page's files in first-seen order (nil where one was removed again), and where each id is.
    private var fileList: [FileMetadata?] = []
    private var filePositions: [String: Int] = [:]
    private var removedIDs: Set<String> = []
    private var removedOrder: [String] = []
    private var folders: [String: CatalogFolder] = [:]
    private var folderOrder: [String] = []
    private var removedFolderIDs: [String] = []
    public private(set) var completed: [ProviderPage] = []
    /// The most files on one page.
    public let pageSize: Int

    /// An empty builder.
    public init(pageSize: Int) {
        self.pageSize = max(pageSize, 1)
    }

    private var hasUpserts: Bool { !filePositions.isEmpty || !folderOrder.isEmpty }

    /// A file at its (new) path.
    public mutating func upsert(_ file: FileMetadata) {
        if !removedFolderIDs.isEmpty || (filePositions.count >= pageSize && filePositions[file.id] == nil) { flush() }
        if !removedIDs.isEmpty, removedIDs.remove(file.id) != nil { removedOrder.removeAll { $0 == file.id } }
        if let position = filePositions.updateValue(fileList.count, forKey: file.id) {
            // Seen before on this page: its last state replaces the first, in the first one's place.
            filePositions[file.id] = position
            fileList[position] = file
        } else {
            fileList.append(file)
        }
    }

    /// A folder inside the subtree at its (new) path.
    public mutating func upsert(_ folder: CatalogFolder) {
        if !removedFolderIDs.isEmpty { flush() }
        if folders.updateValue(folder, forKey: folder.id) == nil { folderOrder.append(folder.id) }
    }

    /// A file gone from the subtree.
    public mutating func removeFile(_ id: String) {
        if let position = filePositions.removeValue(forKey: id) { fileList[position] = nil }
        if removedIDs.insert(id).inserted { removedOrder.append(id) }
    }

    /// A folder gone from the subtree, with everything below it.
    public mutating func removeFolder(_ id: String) {
        if hasUpserts { flush() }
        removedFolderIDs.append(id)
    }

    /// Closes the current page (if it holds anything) as an intermediate page without a resume token.
    public mutating func flush() {
        guard hasUpserts || !removedOrder.isEmpty || !removedFolderIDs.isEmpty else { return }
        let page = takePage()
        completed.append(page)
    }

    /// Every page so far; the last one carries the feed's tokens. Empties the builder.
    public mutating func finish(resumeToken: String?, nextChangeToken: String?) -> [ProviderPage] {
        var page = takePage()
        page.resumeToken = resumeToken
        page.nextChangeToken = nextChangeToken
        page.isLast = nextChangeToken != nil
        let pages = completed + [page]
        completed = []
        return pages
    }

    private mutating func takePage() -> ProviderPage {
        let page = ProviderPage(
            files: fileList.compactMap { $0 }, removedIDs: removedOrder,
            folders: folderOrder.compactMap { folders[$0] }, removedFolderIDs: removedFolderIDs, isLast: false)
        fileList = []
        filePositions = [:]
        removedIDs = []
        removedOrder = []
        folders = [:]
        folderOrder = []
        removedFolderIDs = []
        return page
    }
}
