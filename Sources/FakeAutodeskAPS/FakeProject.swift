/// A folder of the fake project.
struct FakeFolder: Sendable {
    var id: String
    var name: String
    var parent: Int?
    var folders: [Int] = []
    var items: [Int] = []
    var created: Int64
    var modified: Int64
    var rollup: Int64
    var hidden = false
}

/// An item (a file's lineage) of the fake project; its versions are derived from its fields.
struct FakeItem: Sendable {
    var id: String
    /// The `vf.` token of its version URNs.
    var fileToken: String
    var folder: Int
    var name: String
    var versionCount: Int
    var created: Int64
    /// The item's `lastModifiedTime` (new versions, moves, deletion).
    var modified: Int64
    /// The tip version's `lastModifiedTime`.
    var tipTime: Int64
    var baseSize: Int64
    var hidden = false
    /// The tip is a `versions:autodesk.core:Deleted` version.
    var deleted = false
    var user: Int

    /// The id of version `number`.
    func versionID(_ number: Int) -> String { "urn:adsk.wipprod:fs.file:vf.\(fileToken)?version=\(number)" }

    /// The size of version `number` in bytes.
    func size(ofVersion number: Int) -> Int64 { baseSize + Int64(number - 1) * 1024 }

    /// The extension of its name, lowercased; empty without one.
    var fileType: String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}

/// The whole fake project: folders and items in arrays, looked up by id through dictionaries.
struct FakeProject: Sendable {
    var hubID: String
    var hubName = "Fake Construction Co."
    var projectID: String
    var projectName = "Tower Block A"
    var rootFolder: Int = 0
    var topFolders: [Int] = []
    var folders: [FakeFolder] = []
    var items: [FakeItem] = []
    var folderIndex: [String: Int] = [:]
    var itemIndex: [String: Int] = [:]
    /// Folders the app may not read: their contents answer 403 (ACC folder permissions).
    var forbiddenFolders: Set<Int> = []
    /// The last time stamped by a mutation, in milliseconds since 1970, so stamps strictly increase.
    var lastStamp: Int64 = 0

    static let users: [(id: String, name: String)] = [
        ("BW9RM76WZBGL", "Ana Lima"), ("X7K2PQ9RZT4M", "Ben Okafor"), ("M3N8VD2HJ6LQ", "Chen Wei"), ("Q5R1TY8UP0ZA", "Dana Novak"),
    ]

    @discardableResult
    mutating func addFolder(id: String, name: String, parent: Int?, at time: Int64) -> Int {
        let index = folders.count
        folders.append(FakeFolder(id: id, name: name, parent: parent, created: time, modified: time, rollup: time))
        folderIndex[id] = index
        if let parent { folders[parent].folders.append(index) }
        return index
    }

    @discardableResult
    mutating func addItem(_ item: FakeItem) -> Int {
        let index = items.count
        items.append(item)
        itemIndex[item.id] = index
        folders[item.folder].items.append(index)
        return index
    }

    /// Raises `lastModifiedTimeRollup` of `folder` and every ancestor to `time`.
    mutating func bump(_ folder: Int, to time: Int64) {
        var current: Int? = folder
        while let index = current {
            folders[index].rollup = max(folders[index].rollup, time)
            current = folders[index].parent
        }
    }

    /// The folder's path from the project's root folder (excluded), `/`-separated.
    func path(ofFolder index: Int) -> String {
        var names: [String] = []
        var current: Int? = index
        while let folder = current, folder != rootFolder {
            names.append(folders[folder].name)
            current = folders[folder].parent
        }
        return names.reversed().joined(separator: "/")
    }

    /// Whether the folder and every ancestor are visible.
    func isVisible(folder index: Int) -> Bool {
        var current: Int? = index
        while let folder = current {
            if folders[folder].hidden { return false }
            current = folders[folder].parent
        }
        return true
    }

    /// Whether `folder` is `ancestor` or below it.
    func isBelow(_ folder: Int, _ ancestor: Int) -> Bool {
        var current: Int? = folder
        while let index = current {
            if index == ancestor { return true }
            current = folders[index].parent
        }
        return false
    }
}
