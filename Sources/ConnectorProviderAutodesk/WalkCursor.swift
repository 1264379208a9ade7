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

    /// A folder being listed: which request of it runs, and its next page.
    struct Listing: Codable, Sendable {
        var folder: Folder
        var phase: Phase
        /// The next page (`links.next.href`); nil for the phase's first page.
        var next: String?
    }

    /// The pruning time of a changes walk; nil for a full listing.
    var since: Date?
    /// When this walk started (wall clock): the next change token is this minus the safety margin.
    var startedAt: Date?
    /// Whether the roots (top folders or `folderIds`) were read.
    var rootsDone = false
    /// Folders still to list; the last is next.
    var pending: [Folder] = []
    /// The folders being listed (several at once), each where its committed pages leave it: a page asked for and not
    /// yet handed on is asked for again on a resume.
    var active: [Listing] = []

    /// Tokens this version writes; `aps1.` tokens (one folder listed at a time: `current`, `phase`, `next`) are read too.
    private static let prefix = "aps2."
    private static let previousPrefix = "aps1."

    init(since: Date?) {
        self.since = since
    }

    /// The cursor of `token`, or nil when it is not one this version or the previous one wrote.
    init?(token: String) {
        let body: Substring
        if token.hasPrefix(Self.prefix) {
            body = token.dropFirst(Self.prefix.count)
        } else if token.hasPrefix(Self.previousPrefix) {
            body = token.dropFirst(Self.previousPrefix.count)
        } else {
            return nil
        }
        var base64 = String(body).replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64), let cursor = try? JSONDecoder().decode(WalkCursor.self, from: data) else {
            return nil
        }
        self = cursor
    }

    /// The token text.
    var token: String {
        let data = (try? JSONEncoder().encode(self)) ?? Data()
        let base64 = data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        return Self.prefix + base64.replacingOccurrences(of: "=", with: "")
    }

    private enum CodingKeys: String, CodingKey {
        case since, startedAt, rootsDone, pending, active
        // The previous version's one folder in progress.
        case current, phase, next
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        since = try container.decodeIfPresent(Date.self, forKey: .since)
        startedAt = try container.decodeIfPresent(Date.self, forKey: .startedAt)
        rootsDone = try container.decodeIfPresent(Bool.self, forKey: .rootsDone) ?? false
        pending = try container.decodeIfPresent([Folder].self, forKey: .pending) ?? []
        active = try container.decodeIfPresent([Listing].self, forKey: .active) ?? []
        if let current = try container.decodeIfPresent(Folder.self, forKey: .current) {
            active.append(
                Listing(
                    folder: current, phase: try container.decodeIfPresent(Phase.self, forKey: .phase) ?? .all,
                    next: try container.decodeIfPresent(String.self, forKey: .next)))
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(since, forKey: .since)
        try container.encodeIfPresent(startedAt, forKey: .startedAt)
        try container.encode(rootsDone, forKey: .rootsDone)
        try container.encode(pending, forKey: .pending)
        try container.encode(active, forKey: .active)
    }
}
