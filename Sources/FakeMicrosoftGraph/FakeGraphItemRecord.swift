import Foundation

/// One driveItem as the fake keeps it.
struct FakeGraphItemRecord {
    var id: String
    var name: String
    var parentID: String?
    var driveID: String
    var kind: FakeGraphItemKind
    /// Own size for files and notebooks; the total of the live descendants for folders and the root.
    var size: Int64
    var mimeType: String?
    var quickXorHash: String?
    /// The hash to publish when ``FakeMicrosoftGraph/completeHash(_:)`` is called.
    var pendingHash: String?
    /// The list item's unique GUID, uppercase (inside `eTag`/`cTag`).
    var uniqueID: String
    var listItemID: Int
    var eTagVersion = 1
    var cTagVersion = 1
    var created: String
    var modified: String
    var createdBy: Int
    var modifiedBy: Int
    /// Deleted directly.
    var deletedHere = false
    /// Deleted, directly or with an ancestor.
    var isDeleted = false
    /// The sequence number of the item's latest change (what delta orders by).
    var lastChange: Int
    var lastChangeTime: Date
    /// Grows on every change, reported or not: invalidates the rendered row.
    var version: Int

    var isFolderLike: Bool { kind == .folder || kind == .root }
    var eTag: String { "\"{\(uniqueID)},\(eTagVersion)\"" }
    var cTag: String { "\"c:{\(uniqueID)},\(cTagVersion)\"" }
}
