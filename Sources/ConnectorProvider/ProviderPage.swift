import ConnectorModel

/// One page of a listing: files, removals the provider knows of, and where to resume.
public struct ProviderPage: Sendable {
    /// Files seen (new, changed or unchanged; the engine tells them apart).
    public var files: [ProviderFile]
    /// Ids the provider reports as gone (a change feed); a full listing leaves this empty.
    public var removedIDs: [String]
    /// Folders seen on this page, recorded so later change-feed listings can place files (see ``FolderDirectory``).
    /// A complete full listing forgets the folders it did not see.
    public var folders: [CatalogFolder]
    /// Folders gone from the endpoint's subtree (deleted, trashed or moved out): the folder, every folder below
    /// it and every file below it are removed.
    public var removedFolderIDs: [String]
    /// The token that resumes the listing after this page; the engine stores it with the page.
    public var resumeToken: String?
    /// On the last page of a change feed: the token to follow next time.
    public var nextChangeToken: String?
    /// True on the last page.
    public var isLast: Bool
    /// True when the provider says this listing may be incomplete; no removals are inferred from it.
    public var isIncomplete: Bool
    /// Entries skipped with the reason (unreadable files, say), safe to show.
    public var problems: [String]

    /// Creates a page.
    public init(
        files: [ProviderFile], removedIDs: [String] = [], folders: [CatalogFolder] = [], removedFolderIDs: [String] = [],
        resumeToken: String? = nil, nextChangeToken: String? = nil, isLast: Bool, isIncomplete: Bool = false,
        problems: [String] = []
    ) {
        self.files = files
        self.removedIDs = removedIDs
        self.folders = folders
        self.removedFolderIDs = removedFolderIDs
        self.resumeToken = resumeToken
        self.nextChangeToken = nextChangeToken
        self.isLast = isLast
        self.isIncomplete = isIncomplete
        self.problems = problems
    }
}

/// What to list.
public enum ListingRequest: Sendable, Hashable {
    /// Everything under the endpoint's root, from the start or after `resumeToken`.
    case full(resumeToken: String?, pageSize: Int)
    /// What changed since `token` (providers with a change feed).
    case changes(token: String, pageSize: Int)
}

/// What a provider can do beyond a full listing.
public struct ProviderCapabilities: Sendable, Hashable {
    /// It has a change feed: `changeFeedStartToken()` and `.changes` listings.
    public var changeFeed: Bool

    /// Creates capabilities.
    public init(changeFeed: Bool) {
        self.changeFeed = changeFeed
    }
}
