/// Stops a paginated listing that would never end: a provider that hands out the same page token (or next link)
/// again, a cycle of tokens, or page after page with nothing on it. One guard follows one sequence of pages (a
/// folder's contents, one query); ``restart()`` begins the next.
public struct PageSequenceGuard: Sendable {
    /// The API named in errors ("Google Drive files.list").
    public let api: String
    /// Consecutive empty pages tolerated before the listing is given up.
    public let maxEmptyPagesInARow: Int
    private var seen: Set<String> = []
    private var emptyInARow = 0

    /// A guard for `api`.
    public init(api: String, maxEmptyPagesInARow: Int = 100) {
        self.api = api
        self.maxEmptyPagesInARow = maxEmptyPagesInARow
    }

    /// Records that a page with `itemCount` entries pointed to `token` as the next one.
    /// - Throws: ``ProviderError`` (`invalidResponse`) when `token` was handed out before in this sequence, or after
    ///   too many empty pages in a row.
    public mutating func followed(by token: String, itemCount: Int) throws(ProviderError) {
        emptyInARow = itemCount == 0 ? emptyInARow + 1 : 0
        guard seen.insert(token).inserted else {
            throw ProviderError(
                .invalidResponse,
                "\(api) returned a page token it had returned before (a page cycle); the listing was stopped after \(seen.count) pages")
        }
        guard emptyInARow <= maxEmptyPagesInARow else {
            throw ProviderError(
                .invalidResponse, "\(api) returned \(emptyInARow) empty pages in a row, each pointing to another; the listing was stopped")
        }
    }

    /// Begins a new sequence (the next folder or query), forgetting the tokens seen.
    public mutating func restart() {
        seen.removeAll(keepingCapacity: true)
        emptyInARow = 0
    }
}
