import Foundation
import NIOConcurrencyHelpers

/// The mutation API tests use. Every mutation is a change with a new, larger sequence number, and touches the item's
/// ancestor folders up to the root (their size and `lastModifiedDateTime` change), as the real service re-sends them.
extension FakeMicrosoftGraph {
    /// The id of `drive`'s root folder.
    public func rootID(of drive: String) -> String {
        state.withLockedValue { $0.drives[drive]?.rootID ?? "" }
    }

    /// Creates a folder under `parent` (nil: the root) and returns its id.
    @discardableResult
    public func createFolder(name: String, parent: String?, drive: String) -> String {
        insert(name: name, parent: parent, drive: drive, kind: .folder) { _, _ in }
    }

    /// Creates a file under `parent` (nil: the root) and returns its id. Without `content`, the file gets a size
    /// between 20 KB and 4 MB (content of random bytes then zeros); the MIME type follows the extension unless given.
    /// With `hashPending`, `file.hashes` stays empty until ``completeHash(_:)``.
    @discardableResult
    public func createFile(
        name: String, parent: String?, drive: String, content: [UInt8]? = nil, mimeType: String? = nil, hashPending: Bool = false
    ) -> String {
        insert(name: name, parent: parent, drive: drive, kind: .file) { record, ids in
            let (size, hash) = Self.content(content, ids: ids)
            record.size = size
            record.mimeType = mimeType ?? Self.mimeType(for: name)
            if hashPending { record.pendingHash = hash } else { record.quickXorHash = hash }
        }
    }

    /// Creates a OneNote notebook (`package` facet `{"type":"oneNote"}`) and returns its id.
    @discardableResult
    public func createNotebook(name: String, parent: String?, drive: String) -> String {
        insert(name: name, parent: parent, drive: drive, kind: .notebook) { record, ids in
            record.size = Int64(8_192 + ids.below(65_536))
        }
    }

    /// New content (given, or random of a new size): size, `quickXorHash`, `eTag` and `cTag` change.
    public func modify(_ id: String, content: [UInt8]? = nil) {
        change(id) { record, state in
            let (size, hash) = Self.content(content, ids: state.ids)
            let delta = size - record.size
            record.size = size
            if record.kind == .file {
                record.quickXorHash = hash
                record.pendingHash = nil
            }
            record.eTagVersion += 1
            record.cTagVersion += 1
            record.modifiedBy = state.ids.below(FakeGraphItemRenderer.people.count)
            return delta
        }
    }

    /// Renames a file or folder: only `eTag` changes (not `cTag`).
    public func rename(_ id: String, to name: String) {
        change(id) { record, state in
            record.name = name
            record.eTagVersion += 1
            if record.kind == .folder { state.structureGeneration += 1 }
            return 0
        }
    }

    /// Moves a file or folder under `parent` (nil: the root) in the same drive.
    public func move(_ id: String, to parent: String?) {
        let now = clock()
        state.withLockedValue { state in
            guard var record = state.items[id], !record.isDeleted, record.kind != .root, let drive = state.drives[record.driveID] else {
                return
            }
            let target = parent ?? drive.rootID
            guard let oldParent = record.parentID, oldParent != target, state.items[target]?.isFolderLike == true else { return }
            state.children[oldParent]?.removeAll { $0 == id }
            state.children[target, default: []].append(id)
            record.parentID = target
            record.eTagVersion += 1
            state.items[id] = record
            if record.kind == .folder { state.structureGeneration += 1 }
            Self.bump(id, now: now, in: &state)
            Self.touchAncestors(from: oldParent, sizeDelta: -record.size, now: now, in: &state)
            Self.touchAncestors(from: target, sizeDelta: record.size, now: now, in: &state)
        }
    }

    /// Deletes a file or folder; a folder takes its subtree along. Delta reports only the folder unless
    /// ``reportsDescendantDeletions``. Ids are kept for ``restore(_:)``.
    public func delete(_ id: String) {
        let now = clock()
        state.withLockedValue { state in
            guard var record = state.items[id], !record.isDeleted, record.kind != .root, let parent = record.parentID else { return }
            record.deletedHere = true
            state.items[id] = record
            state.children[parent]?.removeAll { $0 == id }
            let report = state.reportsDescendantDeletions
            for descendant in Self.subtree(id, in: state) {
                state.items[descendant]?.isDeleted = true
                if report || descendant == id {
                    Self.bump(descendant, now: now, in: &state)
                } else {
                    state.version += 1
                    state.items[descendant]?.version = state.version
                }
            }
            Self.touchAncestors(from: parent, sizeDelta: -record.size, now: now, in: &state)
        }
    }

    /// Brings a deleted item back with the same id, under its old parent; a folder's subtree comes back too, and
    /// every restored item is a change.
    public func restore(_ id: String) {
        let now = clock()
        state.withLockedValue { state in
            guard var record = state.items[id], record.deletedHere, let parent = record.parentID else { return }
            record.deletedHere = false
            state.items[id] = record
            state.children[parent, default: []].append(id)
            var pending = [id]
            while let next = pending.popLast() {
                guard let item = state.items[next], next == id || !item.deletedHere else { continue }
                state.items[next]?.isDeleted = false
                Self.bump(next, now: now, in: &state)
                pending += state.children[next] ?? []
            }
            Self.touchAncestors(from: parent, sizeDelta: record.size, now: now, in: &state)
        }
    }

    /// Publishes the `quickXorHash` of a file created with `hashPending` (a change delta reports).
    public func completeHash(_ id: String) {
        change(id) { record, _ in
            if let hash = record.pendingHash {
                record.quickXorHash = hash
                record.pendingHash = nil
            }
            return 0
        }
    }

    /// The item as it is now (deleted ones too), or nil for an unknown id.
    public func item(_ id: String) -> FakeGraphItem? {
        state.withLockedValue { state in
            guard let record = state.items[id], let drive = state.drives[record.driveID],
                let renderer = FakeGraphItemRenderer(drive: drive, state: state, selection: .all, mode: .item)
            else { return nil }
            return renderer.value(record, in: state)
        }
    }

    /// The ground truth: every live leaf item (file or notebook) below `folder` (default: the root), keyed by id,
    /// with its path relative to `folder` (`Drawings/A-101.pdf`).
    public func truth(drive: String, under folder: String? = nil) -> [String: FakeGraphTruth] {
        state.withLockedValue { state in
            guard let driveRecord = state.drives[drive],
                let renderer = FakeGraphItemRenderer(drive: driveRecord, state: state, selection: .all, mode: .item)
            else { return [:] }
            var result: [String: FakeGraphTruth] = [:]
            var queue: [(String, String)] = [(folder ?? driveRecord.rootID, "")]
            var index = 0
            while index < queue.count {
                let (parent, path) = queue[index]
                index += 1
                for child in state.children[parent] ?? [] {
                    guard let record = state.items[child], !record.isDeleted else { continue }
                    let childPath = path.isEmpty ? record.name : path + "/" + record.name
                    if record.isFolderLike {
                        queue.append((child, childPath))
                    } else {
                        result[child] = FakeGraphTruth(item: renderer.value(record, in: state), path: childPath)
                    }
                }
            }
            return result
        }
    }

    // MARK: - Internals

    private func insert(
        name: String, parent: String?, drive: String, kind: FakeGraphItemKind, configure: (inout FakeGraphItemRecord, FakeGraphIDs) -> Void
    ) -> String {
        let now = clock()
        return state.withLockedValue { state in
            guard let rootID = state.drives[drive]?.rootID else { preconditionFailure("unknown drive \(drive)") }
            let parentID = parent ?? rootID
            let record = Self.newRecord(
                name: name, parentID: parentID, drive: drive, kind: kind, now: now, nowText: Self.timestamp(now), state: &state,
                configure: configure)
            Self.bump(record.id, now: now, in: &state)
            Self.touchAncestors(from: parentID, sizeDelta: record.size, now: now, in: &state)
            return record.id
        }
    }

    /// Makes and stores a new item (without a change sequence or ancestor updates).
    static func newRecord(
        name: String, parentID: String, drive: String, kind: FakeGraphItemKind, now: Date, nowText: String, state: inout State,
        configure: (inout FakeGraphItemRecord, FakeGraphIDs) -> Void
    ) -> FakeGraphItemRecord {
        // The drive is addressed by id, never copied: a live copy would make every append below copy `itemIDs`.
        let listItemID = state.drives[drive]?.nextListItemID ?? 0
        let id = state.ids.itemID()
        let person = state.ids.below(FakeGraphItemRenderer.people.count)
        var record = FakeGraphItemRecord(
            id: id, name: name, parentID: parentID, driveID: drive, kind: kind, size: 0, uniqueID: state.ids.guid().uppercased(),
            listItemID: listItemID, created: nowText, modified: nowText, createdBy: person, modifiedBy: person,
            lastChange: 0, lastChangeTime: now, version: 0)
        configure(&record, state.ids)
        state.drives[drive]?.nextListItemID += 1
        state.drives[drive]?.itemIDs.append(id)
        state.items[id] = record
        state.children[parentID, default: []].append(id)
        if kind == .folder { state.children[id] = [] }
        return record
    }

    /// Applies a change to a live item; `body` returns the size difference for the ancestors.
    private func change(_ id: String, _ body: (inout FakeGraphItemRecord, inout State) -> Int64) {
        let now = clock()
        state.withLockedValue { state in
            guard var record = state.items[id], !record.isDeleted else { return }
            let delta = body(&record, &state)
            if record.kind != .root { record.modified = Self.timestamp(now) }
            state.items[id] = record
            Self.bump(id, now: now, in: &state)
            if let parent = record.parentID { Self.touchAncestors(from: parent, sizeDelta: delta, now: now, in: &state) }
        }
    }

    /// Gives `id` the next change sequence.
    static func bump(_ id: String, now: Date, in state: inout State) {
        state.sequence += 1
        state.version += 1
        state.items[id]?.lastChange = state.sequence
        state.items[id]?.lastChangeTime = now
        state.items[id]?.version = state.version
    }

    /// Adds `sizeDelta` to `folder` and its ancestors up to the root, and makes each a change (nearest first, so each
    /// folder's change comes after its child's).
    static func touchAncestors(from folder: String, sizeDelta: Int64, now: Date, in state: inout State) {
        let text = timestamp(now)
        var current: String? = folder
        while let id = current, state.items[id] != nil {
            state.items[id]?.size += sizeDelta
            state.items[id]?.modified = text
            bump(id, now: now, in: &state)
            current = state.items[id]?.parentID
        }
    }

    /// `id` and everything below it.
    static func subtree(_ id: String, in state: State) -> [String] {
        var result: [String] = []
        var pending = [id]
        while let next = pending.popLast() {
            result.append(next)
            pending += state.children[next] ?? []
        }
        return result
    }

    /// Size and QuickXorHash of `content`, or of new random content (random bytes then zeros, hashed without
    /// materializing the zeros).
    static func content(_ content: [UInt8]?, ids: FakeGraphIDs) -> (Int64, String) {
        if let content { return (Int64(content.count), QuickXorHash.hash(content)) }
        let size = 20_000 + ids.below(4_000_000)
        var hash = QuickXorHash()
        hash.update(ids.bytes(64))
        hash.skipZeros(UInt64(size - 64))
        return (Int64(size), hash.base64Digest())
    }

    /// The MIME type SharePoint decides from a file's extension.
    static func mimeType(for name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        return switch ext {
        case "pdf": "application/pdf"
        case "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case "dwg": "application/acad"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "txt": "text/plain"
        case "zip": "application/x-zip-compressed"
        default: "application/octet-stream"
        }
    }
}
