import NIOConcurrencyHelpers

/// Big trees, cheap enough for the benchmark: items are built directly, with one change-log entry each.
extension FakeGoogleDrive {
    /// What a generated tree holds.
    public struct GeneratedTree: Sendable {
        /// Folder ids, breadth first (the start folder not included).
        public var folders: [String]
        /// File ids in creation order.
        public var files: [String]
    }

    /// Generates `files` files below `parent` in a tree of folders with `filesPerFolder` files and
    /// `subfoldersPerFolder` subfolders each, breadth first. With `variety`, one file in 50 is a Google Doc,
    /// one in 200 a shortcut, and one in 250 shares its name with its neighbour.
    @discardableResult
    public func generateTree(
        under parent: String, files: Int, filesPerFolder: Int = 100, subfoldersPerFolder: Int = 10, variety: Bool = true
    ) -> GeneratedTree {
        state.withLockedValue { state in
            var tree = GeneratedTree(folders: [], files: [])
            tree.files.reserveCapacity(files)
            let driveID = state.items[parent]?.driveID
            var queue = [parent]
            var index = 0
            var made = 0
            while made < files, index < queue.count {
                let folder = queue[index]
                index += 1
                for _ in 0..<subfoldersPerFolder where queue.count * filesPerFolder < files + filesPerFolder {
                    let id = Self.add(
                        name: Self.folderName(queue.count), mimeType: FakeDriveItem.folderMIMEType, parent: folder, driveID: driveID,
                        state: &state)
                    queue.append(id)
                    tree.folders.append(id)
                }
                for _ in 0..<min(filesPerFolder, files - made) {
                    made += 1
                    var name = Self.fileName(made)
                    var mimeType = "application/pdf"
                    if variety, made % 250 == 0 { name = Self.fileName(made - 1) }
                    if variety, made % 50 == 0 {
                        name = "doc-\(made)"
                        mimeType = "application/vnd.google-apps.document"
                    }
                    if variety, made % 200 == 0 {
                        name = "link-\(made)"
                        mimeType = FakeDriveItem.shortcutMIMEType
                    }
                    let id = Self.add(name: name, mimeType: mimeType, parent: folder, driveID: driveID, state: &state)
                    tree.files.append(id)
                }
            }
            return tree
        }
    }

    private static let disciplines = ["Architectural", "Structural", "Mechanical", "Electrical", "Plumbing", "Civil", "Fire Protection"]
    private static let documents = ["General Arrangement", "Sections and Elevations", "Details", "Schedules", "Specifications"]

    /// A folder name as long as real ones: `folder-12 Structural`.
    static func folderName(_ number: Int) -> String {
        "folder-\(number) \(disciplines[number % disciplines.count])"
    }

    /// A file name as long as real ones: `file-123 Mechanical Details Level 04 rev C.pdf` (about 50 characters).
    static func fileName(_ number: Int) -> String {
        let level = String(number % 40 + 1).count == 1 ? "0\(number % 40 + 1)" : "\(number % 40 + 1)"
        let revision = ["A", "B", "C", "D"][number % 4]
        return
            "file-\(number) \(disciplines[number % disciplines.count]) \(documents[number % documents.count]) Level \(level) rev \(revision).pdf"
    }

    private static func add(name: String, mimeType: String, parent: String, driveID: String?, state: inout State) -> String {
        state.idCounter += 1
        let id = state.ids.fileID()
        var item = newItem(id: id, name: name, mimeType: mimeType, parents: [parent], state: &state)
        item.driveID = driveID
        if mimeType == FakeDriveItem.shortcutMIMEType {
            item.shortcutTargetID = parent
            item.shortcutTargetMimeType = FakeDriveItem.folderMIMEType
        } else if mimeType.hasPrefix("application/vnd.google-apps.document") {
            item.exportLinks = [
                "application/pdf": "https://docs.google.com/feeds/download/documents/export/Export?id=\(id)&exportFormat=pdf"
            ]
        } else if !item.isWorkspace {
            item.size = Int64(state.idCounter % 100_000 + 1)
            setChecksums(&item)
        }
        state.items[id] = item
        state.children[parent, default: []].append(id)
        log(id, driveID: driveID, in: &state)
        return id
    }
}
