import Foundation
import NIOConcurrencyHelpers

extension FakeAutodeskAPS {
    /// A file the catalog should hold: what a correct sync of the fake records.
    public struct ExpectedFile: Sendable, Hashable {
        /// The item (lineage) id.
        public var id: String
        /// The tip version's file name.
        public var name: String
        /// The path from the endpoint's root, starting with the root folder's name.
        public var path: String
        /// The tip's version number.
        public var version: String
        /// The tip's storage size.
        public var size: Int64
        /// The tip's last-modified time.
        public var modifiedAt: Date
    }

    /// The visible files below `roots` (folder ids; the top folders by default), with paths that start with the
    /// root's name: the ground truth of a sync.
    public func visibleFiles(roots: [String]? = nil) -> [ExpectedFile] {
        state.withLockedValue { state in
            let project = state.project
            let rootIndexes = Set((roots ?? project.topFolders.map { project.folders[$0].id }).compactMap { project.folderIndex[$0] })
            var files: [ExpectedFile] = []
            for item in project.items where !item.hidden && !item.deleted {
                var names: [String] = []
                var current: Int? = item.folder
                var visible = true
                var reached = false
                while let folder = current {
                    visible = visible && !project.folders[folder].hidden
                    names.append(project.folders[folder].name)
                    if rootIndexes.contains(folder) {
                        reached = true
                        break
                    }
                    current = project.folders[folder].parent
                }
                guard visible, reached else { continue }
                files.append(
                    ExpectedFile(
                        id: item.id, name: item.name, path: (names.reversed() + [item.name]).joined(separator: "/"),
                        version: String(item.versionCount), size: item.size(ofVersion: item.versionCount),
                        modifiedAt: Date(timeIntervalSince1970: Double(item.tipTime) / 1000)))
            }
            return files
        }
    }

    /// Ids of every item, hidden ones included.
    public var itemIDs: [String] { state.withLockedValue { $0.project.items.map(\.id) } }
    /// Ids of visible items.
    public var visibleItemIDs: [String] { state.withLockedValue { $0.project.items.filter { !$0.hidden }.map(\.id) } }
    /// Ids of every folder below the top folders (top folders included).
    public var folderIDs: [String] { state.withLockedValue { state in state.project.folders.filter { $0.parent != nil }.map(\.id) } }
    /// The top folders' ids.
    public var topFolderIDs: [String] { state.withLockedValue { state in state.project.topFolders.map { state.project.folders[$0].id } } }
    /// The folder holding item `id`.
    public func folderID(ofItem id: String) -> String? {
        state.withLockedValue { state in state.project.itemIndex[id].map { state.project.folders[state.project.items[$0].folder].id } }
    }

    /// Whether folder `ancestor` is folder `folder` or one of its ancestors.
    public func isAncestor(_ ancestor: String, of folder: String) -> Bool {
        state.withLockedValue { state in
            guard let a = state.project.folderIndex[ancestor], let f = state.project.folderIndex[folder] else { return false }
            return state.project.isBelow(f, a)
        }
    }

    /// Adds a version to item `id` (a new tip); returns whether the item exists.
    @discardableResult
    public func addVersion(item id: String) -> Bool {
        mutateItem(id) { item, now in
            item.versionCount += 1
            item.tipTime = now
            item.modified = now
        }
    }

    /// Adds a new item named `name` to folder `folderID`; returns its id.
    @discardableResult
    public func addItem(folder folderID: String, name: String, size: Int64 = 123_456) -> String? {
        state.withLockedValue { state in
            guard let folder = state.project.folderIndex[folderID] else { return nil }
            let now = stamp(&state)
            var random = SeededGenerator(seed: SeededGenerator.hash(configuration.seed, 0x17E4, UInt64(state.project.items.count)))
            let item = FakeItem(
                id: FakeIdentifiers.lineageID(&random), fileToken: FakeIdentifiers.fileToken(&random), folder: folder, name: name,
                versionCount: 1, created: now, modified: now, tipTime: now, baseSize: size, user: 1)
            state.project.addItem(item)
            state.project.bump(folder, to: now)
            return item.id
        }
    }

    /// Deletes item `id` as ACC does: a `versions:autodesk.core:Deleted` tip and `hidden: true`.
    @discardableResult
    public func deleteItem(_ id: String) -> Bool {
        mutateItem(id) { item, now in
            item.versionCount += 1
            item.deleted = true
            item.hidden = true
            item.tipTime = now
            item.modified = now
        }
    }

    /// Hides item `id` (`hidden: true`, tip unchanged).
    @discardableResult
    public func hideItem(_ id: String) -> Bool {
        mutateItem(id) { item, now in
            item.hidden = true
            item.modified = now
        }
    }

    /// Moves item `id` to folder `folderID`.
    @discardableResult
    public func moveItem(_ id: String, to folderID: String) -> Bool {
        state.withLockedValue { state in
            guard let index = state.project.itemIndex[id], let target = state.project.folderIndex[folderID] else { return false }
            let now = stamp(&state)
            let source = state.project.items[index].folder
            state.project.folders[source].items.removeAll { $0 == index }
            state.project.folders[target].items.append(index)
            state.project.items[index].folder = target
            state.project.items[index].modified = now
            state.project.bump(source, to: now)
            state.project.bump(target, to: now)
            return true
        }
    }

    /// Adds a subfolder named `name` to `parentID`; returns its id.
    @discardableResult
    public func addFolder(parent parentID: String, name: String) -> String? {
        state.withLockedValue { state in
            guard let parent = state.project.folderIndex[parentID] else { return nil }
            let now = stamp(&state)
            var random = SeededGenerator(seed: SeededGenerator.hash(configuration.seed, 0xF01D, UInt64(state.project.folders.count)))
            let index = state.project.addFolder(id: FakeIdentifiers.folderID(&random), name: name, parent: parent, at: now)
            state.project.bump(parent, to: now)
            return state.project.folders[index].id
        }
    }

    /// Takes the app's permission on folder `id` away: its contents answer 403 (what it holds stays in the ground
    /// truth, which says what the project has, not what the app may see).
    @discardableResult
    public func forbidFolder(_ id: String) -> Bool {
        state.withLockedValue { state in
            guard let index = state.project.folderIndex[id] else { return false }
            state.project.forbiddenFolders.insert(index)
            return true
        }
    }

    /// Renames folder `id` (its own `lastModifiedTime` changes; the items below keep theirs).
    @discardableResult
    public func renameFolder(_ id: String, to name: String) -> Bool {
        mutateFolder(id) { folder, _ in folder.name = name }
    }

    /// Deletes folder `id` (`hidden: true`); everything below it leaves the visible tree.
    @discardableResult
    public func deleteFolder(_ id: String) -> Bool {
        mutateFolder(id) { folder, _ in folder.hidden = true }
    }

    private func mutateItem(_ id: String, _ change: (inout FakeItem, Int64) -> Void) -> Bool {
        state.withLockedValue { state in
            guard let index = state.project.itemIndex[id] else { return false }
            let now = stamp(&state)
            change(&state.project.items[index], now)
            state.project.bump(state.project.items[index].folder, to: now)
            return true
        }
    }

    private func mutateFolder(_ id: String, _ change: (inout FakeFolder, Int64) -> Void) -> Bool {
        state.withLockedValue { state in
            guard let index = state.project.folderIndex[id] else { return false }
            let now = stamp(&state)
            change(&state.project.folders[index], now)
            state.project.folders[index].modified = now
            state.project.bump(index, to: now)
            return true
        }
    }

    /// The mutation time: the configured clock, strictly after the previous stamp.
    private func stamp(_ state: inout State) -> Int64 {
        let now = max(configuration.now(), state.project.lastStamp + 1)
        state.project.lastStamp = now
        return now
    }
}
