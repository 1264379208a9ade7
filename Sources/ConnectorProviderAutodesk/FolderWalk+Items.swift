import ConnectorProvider
import Foundation

extension FolderWalk {
    /// How many tips are fetched at once when a page came without `included`.
    static let tipConcurrency = 8

    /// Turns a page's items into files (or removals), with their tip versions from `included`, fetching the tips
    /// that are missing from `GET items/{id}/tip`.
    func addItems(
        _ items: [JSONAPIResource], included: [JSONAPIResource], of folder: WalkCursor.Folder, into page: inout WalkPage
    ) async throws {
        guard !items.isEmpty else { return }
        if folder.mode == .removed {
            page.removedIDs += items.map(\.id)
            return
        }
        var tips: [String: JSONAPIResource] = [:]
        for version in included where version.type == "versions" { tips[version.id] = version }
        let missing = items.filter { item in
            guard let tipID = item.relationships?.tip?.data?.id else { return true }
            return tips[tipID] == nil
        }
        var fetched: [String: JSONAPIResource] = [:]
        if !missing.isEmpty { fetched = try await fetchTips(missing.map(\.id), problems: &page.problems) }
        for item in items {
            let tip = item.relationships?.tip?.data?.id.flatMap { tips[$0] } ?? fetched[item.id]
            if item.isHidden || tip?.isDeletedVersion == true {
                if isChangesWalk { page.removedIDs.append(item.id) }
                continue
            }
            guard let tip else { continue }
            page.files.append(ItemFile.make(item: item, tip: tip, folderID: folder.id, folderPath: folder.path))
        }
    }

    /// Tips by item id; an item whose tip is gone (404) is skipped with a problem.
    private func fetchTips(_ itemIDs: [String], problems: inout [String]) async throws -> [String: JSONAPIResource] {
        let api = self.api
        var tips: [String: JSONAPIResource] = [:]
        var gone: [String] = []
        try await withThrowingTaskGroup(of: (String, JSONAPIResource?).self) { group in
            var queue = itemIDs[...]
            func addNext() {
                guard let id = queue.popFirst() else { return }
                group.addTask {
                    do {
                        return (id, try await api.get(api.tipURL(id), family: .tip, as: JSONAPISingle.self).data)
                    } catch let refusal as DataManagementAPI.Refusal where refusal.error.code == .notFound {
                        return (id, nil)
                    }
                }
            }
            for _ in 0..<Self.tipConcurrency { addNext() }
            while let (id, tip) = try await group.next() {
                if let tip { tips[id] = tip } else { gone.append(id) }
                addNext()
            }
        }
        problems += gone.map { "item \($0) has no tip version any more; skipped" }
        return tips
    }
}
