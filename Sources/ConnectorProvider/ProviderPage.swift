import ConnectorModel

/// One page of a listing: files, removals the provider knows of, and where to resume.
public struct ProviderPage: Sendable {
    /// Files seen (new, changed or unchanged; the engine tells them apart).
    public var files: [FileMetadata]
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
    /// Why the provider cannot vouch that this listing is complete (a folder it may not read, a search the service
    /// itself called incomplete), or nil when it can. A full listing with such a page completes without a sweep:
    /// no removal is ever inferred from a listing its provider could not vouch for, and the run says why.
    public var incompleteReason: String?
    /// True when the provider cannot vouch for the listing (see ``incompleteReason``).
    public var isIncomplete: Bool { incompleteReason != nil }
    /// Entries skipped with the reason (unreadable files, say), safe to show.
    public var problems: [String]

    /// Creates a page.
    public init(
        files: [FileMetadata], removedIDs: [String] = [], folders: [CatalogFolder] = [], removedFolderIDs: [String] = [],
        resumeToken: String? = nil, nextChangeToken: String? = nil, isLast: Bool, incompleteReason: String? = nil,
        problems: [String] = []
    ) {
        self.files = files
        self.removedIDs = removedIDs
        self.folders = folders
        self.removedFolderIDs = removedFolderIDs
        self.resumeToken = resumeToken
        self.nextChangeToken = nextChangeToken
        self.isLast = isLast
        self.incompleteReason = incompleteReason
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
