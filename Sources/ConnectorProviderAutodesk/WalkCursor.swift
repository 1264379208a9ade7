import Foundation

/// Where a folder walk is, stored by the engine with every page so an interrupted walk resumes, and used as the
/// change token of the pruned walk (see ``FolderWalk``). Encoded as `aps1.` + base64url(JSON).
struct WalkCursor: Codable, Sendable {
    /// How a folder is listed.
    enum Mode: String, Codable, Sendable {
        /// Every child (a full listing, or a subtree new to the catalog or moved/renamed since the cursor).
        case all
        /// Only children changed since ``WalkCursor/since``: subfolders by `lastModifiedTimeRollup`, items by
        /// `lastModifiedTime`.
        case pruned
        /// A deleted (hidden) folder: every item below is reported removed.
        case removed
    }

    /// Which request of a pruned folder is running.
    enum Phase: String, Codable, Sendable {
        case all, folders, items
    }

    /// A folder still to list.
    struct Folder: Codable, Sendable {
        var id: String
        /// The path from the endpoint's root, starting with the root folder's name.
        var path: String
        var mode: Mode
    }

    /// The pruning time of a changes walk; nil for a full listing.
    var since: Date?
    /// When this walk started (wall clock): the next change token is this minus the safety margin.
    var startedAt: Date?
    /// Whether the roots (top folders or `folderIds`) were read.
    var rootsDone = false
    /// Folders still to list; the last is next.
    var pending: [Folder] = []
    /// The folder being listed.
    var current: Folder?
    var phase: Phase = .all
    /// The next page of the current folder and phase (`links.next.href`); nil for its first page.
    var next: String?

    private static let prefix = "aps1."

    init(since: Date?) {
        self.since = since
    }

    /// The cursor of `token`, or nil when it is not one this version wrote.
    init?(token: String) {
        guard token.hasPrefix(Self.prefix) else { return nil }
        var base64 = String(token.dropFirst(Self.prefix.count)).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(WalkCursor.self, from: data) else { return nil }
        self = cursor
    }

    /// The token text.
    var token: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        let base64 = data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return Self.prefix + base64.replacingOccurrences(of: "=", with: "")
    }
}
