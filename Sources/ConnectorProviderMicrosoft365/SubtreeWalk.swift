import ConnectorModel
import ConnectorProvider

/// Lists a folder's subtree again with `children` (breadth first, up to `maxInFlight` folders at a time), reporting
/// every file and folder at its current path: what a change listing does for a folder that was renamed, moved within
/// or moved in, whose descendants Graph's delta does not re-send.
struct SubtreeWalk {
    let api: GraphAPI
    let driveID: String
    let maxInFlight: Int

    /// Walks below `folderID` (at `path`), recording folders in `tree` and pages in `builder`.
    func walk(folderID: String, path: String, tree: LibraryTree, into builder: inout ChangePageBuilder) async throws {
        var queue: [(id: String, path: String)] = [(folderID, path)]
        while !queue.isEmpty {
            let batch = Array(queue.prefix(max(1, maxInFlight)))
            queue.removeFirst(batch.count)
            let listed = try await withThrowingTaskGroup(of: (Int, [DriveItem]).self) { group in
                for (index, folder) in batch.enumerated() {
                    group.addTask { (index, try await children(of: folder.id)) }
                }
                var listed = [[DriveItem]](repeating: [], count: batch.count)
                for try await (index, items) in group { listed[index] = items }
                return listed
            }
            for (folder, items) in zip(batch, listed) {
                for item in items {
                    switch item.kind {
                    case .folder:
                        let name = item.name ?? item.id
                        let childPath = LibraryTree.join(folder.path, name)
                        tree.record(item.id, name: name, parentID: folder.id)
                        builder.upsert(CatalogFolder(id: item.id, name: name, path: childPath, parentID: folder.id))
                        queue.append((item.id, childPath))
                    case .file, .package:
                        builder.upsert(item.fileMetadata(folderPath: folder.path))
                    case .root, .deleted:
                        continue
                    }
                }
            }
        }
    }

    /// Every child of `id`, following `@odata.nextLink`; none when the folder is gone.
    private func children(of id: String) async throws -> [DriveItem] {
        var items: [DriveItem] = []
        var next: String? =
            api.root + "/drives/" + GraphURL.escapedSegment(driveID) + "/items/" + GraphURL.escapedSegment(id) + "/children?$select="
            + DriveItem.selectedFields + "&$top=1000"
        var pages = PageSequenceGuard(api: "Microsoft Graph children")
        while let url = next {
            let page: DriveItemPage
            do {
                page = try await api.page(url, cost: .multiple)
            } catch let refusal as GraphRefusal where refusal.status == 404 {
                return []
            }
            items += page.value
            next = page.nextLink
            if let next { try pages.followed(by: next, itemCount: page.value.count) }
        }
        return items
    }
}
