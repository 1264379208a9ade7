import ConnectorModel
import ConnectorProvider
import Foundation

/// A provider over an in-memory set of files, with a change feed, for engine tests: mutate the
/// files, and the feed reports what changed; expire tokens, fail after N pages, mark listings incomplete.
public final class InMemoryFileSource: FileProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: FileMetadata] = [:]
    private var changes: [(sequence: Int, id: String)] = []
    private var sequence = 0
    private var expiredBelow = 0
    private var requests = 0
    /// Fail the listing with `failure` after this many pages (then reset).
    public var failAfterPages: (pages: Int, failure: any Error)?
    /// Report listings as incomplete.
    public var reportsIncomplete = false
    /// Called before each page is returned (tests advance their clock here, like a slow API).
    public var onPage: (@Sendable () -> Void)?
    /// Whether to offer a change feed.
    public let hasChangeFeed: Bool

    /// Creates a source holding `files`.
    public init(files: [FileMetadata] = [], changeFeed: Bool = true) {
        hasChangeFeed = changeFeed
        for file in files { self.files[file.id] = file }
    }

    /// The files as the source now has them.
    public var snapshot: [FileMetadata] { lock.withLock { Array(files.values) } }

    /// Adds or replaces a file (a change in the feed).
    public func put(_ file: FileMetadata) {
        lock.withLock {
            files[file.id] = file
            sequence += 1
            changes.append((sequence, file.id))
        }
    }

    /// Deletes a file (a removal in the feed).
    public func delete(_ id: String) {
        lock.withLock {
            files[id] = nil
            sequence += 1
            changes.append((sequence, id))
        }
    }

    /// Makes every change token issued so far stale.
    public func expireTokens() {
        lock.withLock { expiredBelow = sequence + 1 }
    }

    /// A change feed.
    public var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: hasChangeFeed) }

    /// The current feed position.
    public func changeFeedStartToken() async throws -> String? {
        lock.withLock { String(sequence) }
    }

    /// Requests counted one per page.
    public var statistics: ProviderStatistics { lock.withLock { ProviderStatistics(requests: requests) } }

    /// Pages in id order (full), or the changes since a token.
    public func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
        let pages: [ProviderPage]
        do {
            pages = try makePages(request)
        } catch {
            return AsyncThrowingStream { $0.finish(throwing: error) }
        }
        let failure = failAfterPages
        failAfterPages = nil
        let onPage = self.onPage
        let box = UncheckedBox(pages.enumerated().makeIterator())
        return AsyncThrowingStream(unfolding: { [self] in
            guard let (index, page) = box.value.next() else { return nil }
            onPage?()
            if let failure, index >= failure.pages { throw failure.failure }
            lock.withLock { requests += 1 }
            return page
        })
    }

    private func makePages(_ request: ListingRequest) throws -> [ProviderPage] {
        try lock.withLock {
            switch request {
            case .full(let resumeToken, let pageSize):
                let ordered = files.values.sorted { $0.id < $1.id }.filter { file in resumeToken.map { file.id > $0 } ?? true }
                return Self.pages(of: ordered, size: pageSize, incomplete: reportsIncomplete)
            case .changes(let token, let pageSize):
                guard let since = Int(token), since >= expiredBelow else {
                    throw ProviderError(.cursorExpired, "change token \(token) expired")
                }
                let changed = changes.filter { $0.sequence > since }
                var seen = Set<String>()
                var pageFiles: [FileMetadata] = []
                var removed: [String] = []
                for change in changed where seen.insert(change.id).inserted {
                    if let file = files[change.id] { pageFiles.append(file) } else { removed.append(change.id) }
                }
                var page = ProviderPage(files: pageFiles, removedIDs: removed, isLast: true)
                page.nextChangeToken = String(sequence)
                _ = pageSize
                return [page]
            }
        }
    }

    private static func pages(of files: [FileMetadata], size: Int, incomplete: Bool) -> [ProviderPage] {
        var pages: [ProviderPage] = []
        var start = 0
        repeat {
            let slice = Array(files[start..<min(start + size, files.count)])
            start += size
            pages.append(
                ProviderPage(
                    files: slice, resumeToken: slice.last?.id, isLast: start >= files.count,
                    incompleteReason: incomplete ? "the in-memory source was told to report its listings incomplete" : nil))
        } while start < files.count
        return pages
    }
}

/// A mutable value shared with a stream's unfolding closure, which never runs concurrently.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
