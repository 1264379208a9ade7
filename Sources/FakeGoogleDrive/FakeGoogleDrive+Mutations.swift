import ConnectorModel
import Foundation
import NIOConcurrencyHelpers

/// The mutation API tests use; every mutation is recorded in the change log with a new, larger sequence number.
extension FakeGoogleDrive {
    /// Creates a folder under `parent` (nil: top level of My Drive) and returns its id.
    @discardableResult
    public func createFolder(name: String, parent: String?) -> String {
        insert(name: name, mimeType: FakeDriveItem.folderMIMEType, parent: parent) { _ in }
    }

    /// Creates a binary file and returns its id.
    @discardableResult
    public func createFile(name: String, parent: String?, mimeType: String = "application/pdf", size: Int64 = 1024) -> String {
        insert(name: name, mimeType: mimeType, parent: parent) { item in
            item.size = size
            Self.setChecksums(&item)
        }
    }

    /// Creates a Google Workspace file (`document`, `spreadsheet`, `presentation`, …): no size or checksums, export links.
    @discardableResult
    public func createWorkspaceFile(name: String, parent: String?, kind: String = "document") -> String {
        insert(name: name, mimeType: "application/vnd.google-apps.\(kind)", parent: parent) { item in
            item.exportLinks = [
                "application/pdf": "https://docs.google.com/feeds/download/documents/export/Export?id=\(item.id)&exportFormat=pdf",
                "text/plain": "https://docs.google.com/feeds/download/documents/export/Export?id=\(item.id)&exportFormat=txt",
            ]
        }
    }

    /// Creates a shortcut to `target` and returns its id.
    @discardableResult
    public func createShortcut(name: String, parent: String?, target: String) -> String {
        let targetType = state.withLockedValue { $0.items[target]?.mimeType }
        return insert(name: name, mimeType: FakeDriveItem.shortcutMIMEType, parent: parent) { item in
            item.shortcutTargetID = target
            item.shortcutTargetMimeType = targetType
        }
    }

    /// Creates a shared drive and returns its id, which is also the id of its root folder.
    @discardableResult
    public func createSharedDrive(name: String) -> String {
        state.withLockedValue { state in
            let id = state.ids.sharedDriveID()
            var item = Self.newItem(id: id, name: name, mimeType: FakeDriveItem.folderMIMEType, parents: [], state: &state)
            item.driveID = id
            state.items[id] = item
            Self.log(id, driveID: id, in: &state)
            return id
        }
    }

    /// Changes a file's content: a new size, checksum, version and modification time.
    public func modify(_ id: String) {
        update(id) { item in
            if let size = item.size { item.size = size + 17 }
            if item.size != nil { Self.setChecksums(&item) }
        }
    }

    /// Renames a file or folder.
    public func rename(_ id: String, to name: String) {
        update(id) { $0.name = name }
    }

    /// Moves a file or folder under `parent` (replacing all its parents; nil: top level).
    public func move(_ id: String, to parent: String?) {
        state.withLockedValue { state in
            guard let old = state.items[id] else { return }
            for previous in old.parents { state.children[previous]?.removeAll { $0 == id } }
            let parents = parent.map { [$0] } ?? []
            for next in parents { state.children[next, default: []].append(id) }
            let driveID = parent.flatMap { state.items[$0]?.driveID }
            Self.touch(id, in: &state) { item in item.parents = parents }
            if driveID != old.driveID { Self.setDrive(driveID, below: id, in: &state) }
        }
    }

    /// Adds a second parent (a file reachable twice).
    public func addParent(_ id: String, _ parent: String) {
        state.withLockedValue { state in
            guard state.items[id] != nil, state.items[parent] != nil else { return }
            state.children[parent, default: []].append(id)
            Self.touch(id, in: &state) { $0.parents.append(parent) }
        }
    }

    /// Moves a file or folder to the trash (its subtree is trashed through it).
    public func trash(_ id: String) {
        update(id) { $0.explicitlyTrashed = true }
    }

    /// Restores a file or folder from the trash.
    public func untrash(_ id: String) {
        update(id) { $0.explicitlyTrashed = false }
    }

    /// Deletes a file or folder for good, with everything below it; each deletion is a `removed` change.
    public func delete(_ id: String) {
        state.withLockedValue { state in
            var pending = [id]
            while let next = pending.popLast() {
                guard let item = state.items.removeValue(forKey: next) else { continue }
                pending += state.children.removeValue(forKey: next) ?? []
                for parent in item.parents { state.children[parent]?.removeAll { $0 == next } }
                Self.log(next, driveID: item.driveID, in: &state)
            }
        }
    }

    /// The item with `id`, if it exists.
    public func item(_ id: String) -> FakeDriveItem? {
        state.withLockedValue { $0.items[id] }
    }

    /// The ground truth: every file (not folder) reachable from `root` through folders that are not trashed, with
    /// its paths relative to `root`, keyed by id.
    public func truth(under root: String, includeSubfolders: Bool = true) -> [String: FakeDriveTruth] {
        state.withLockedValue { state in
            var result: [String: FakeDriveTruth] = [:]
            var queue: [(String, String)] = [(root, "")]
            var visited: Set<String> = [root]
            var index = 0
            while index < queue.count {
                let (folder, path) = queue[index]
                index += 1
                for child in state.children[folder] ?? [] {
                    guard let item = state.items[child], !item.explicitlyTrashed else { continue }
                    let segment = Self.pathSegment(item.name)
                    let childPath = path.isEmpty ? segment : path + "/" + segment
                    if item.isFolder {
                        if includeSubfolders, visited.insert(child).inserted { queue.append((child, childPath)) }
                    } else {
                        result[child, default: FakeDriveTruth(item: item, paths: [])].paths.append(childPath)
                    }
                }
            }
            return result.mapValues { FakeDriveTruth(item: $0.item, paths: $0.paths.sorted()) }
        }
    }

    // MARK: - Internals

    private func insert(name: String, mimeType: String, parent: String?, configure: (inout FakeDriveItem) -> Void) -> String {
        state.withLockedValue { state in
            let id = state.ids.fileID()
            var item = Self.newItem(id: id, name: name, mimeType: mimeType, parents: parent.map { [$0] } ?? [], state: &state)
            item.driveID = parent.flatMap { state.items[$0]?.driveID }
            configure(&item)
            state.items[id] = item
            if let parent { state.children[parent, default: []].append(id) }
            Self.log(id, driveID: item.driveID, in: &state)
            return id
        }
    }

    private func update(_ id: String, _ change: @escaping (inout FakeDriveItem) -> Void) {
        state.withLockedValue { state in Self.touch(id, in: &state, change) }
    }

    static func newItem(id: String, name: String, mimeType: String, parents: [String], state: inout State) -> FakeDriveItem {
        let time = nextTime(&state)
        return FakeDriveItem(
            id: id, name: name, mimeType: mimeType, parents: parents, explicitlyTrashed: false, size: nil, md5Checksum: nil,
            sha256Checksum: nil, createdTime: time, modifiedTime: time, version: 1, driveID: nil, exportLinks: [:],
            shortcutTargetID: nil, shortcutTargetMimeType: nil)
    }

    static func touch(_ id: String, in state: inout State, _ change: (inout FakeDriveItem) -> Void) {
        guard var item = state.items[id] else { return }
        change(&item)
        item.version += 1
        item.modifiedTime = nextTime(&state)
        state.items[id] = item
        log(id, driveID: item.driveID, in: &state)
    }

    static func setDrive(_ driveID: String?, below id: String, in state: inout State) {
        var pending = [id]
        while let next = pending.popLast() {
            state.items[next]?.driveID = driveID
            pending += state.children[next] ?? []
        }
    }

    static func log(_ id: String, driveID: String?, in state: inout State) {
        let sequence = state.nextSequence
        state.nextSequence += 1
        state.log.append(LogEntry(sequence: sequence, id: id, driveID: driveID, time: nextTime(&state)))
        state.latestChange[id] = sequence
    }

    static func nextTime(_ state: inout State) -> String {
        state.tick += 1
        return Timestamp.rfc3339Milliseconds(Date(timeIntervalSince1970: 1_704_067_200 + Double(state.tick) * 1.5))
    }

    static func setChecksums(_ item: inout FakeDriveItem) {
        let seed = UInt64(truncatingIfNeeded: item.id.hashValue) ^ UInt64(item.version &* 0x9E37_79B9) ^ UInt64(item.size ?? 0)
        item.md5Checksum = hex(seed, 2)
        item.sha256Checksum = hex(seed &* 31, 4)
    }

    static func hex(_ seed: UInt64, _ words: Int) -> String {
        var value = seed
        var text = ""
        for _ in 0..<words {
            value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
            let word = String(value ^ (value >> 31), radix: 16)
            text += String(repeating: "0", count: 16 - word.count) + word
        }
        return text
    }
}

extension FakeGoogleDrive {
    /// The items whose parents include `id`, in creation order (trashed ones included).
    public func children(of id: String) -> [FakeDriveItem] {
        state.withLockedValue { state in (state.children[id] ?? []).compactMap { state.items[$0] } }
    }

    /// A name as a catalog path segment, by the rule `docs/google-drive.md` states: `/` is written `／` (U+FF0F), and
    /// a `／` or `‛` (U+201B) in the name gets a `‛` before it.
    static func pathSegment(_ name: String) -> String {
        var segment = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            if scalar == "\u{FF0F}" || scalar == "\u{201B}" { segment.append("\u{201B}") }
            segment.append(scalar == "/" ? "\u{FF0F}" : scalar)
        }
        return String(segment)
    }
}
