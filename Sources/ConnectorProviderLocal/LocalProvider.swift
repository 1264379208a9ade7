import ConnectorModel
import ConnectorProvider
import Crypto
import Foundation
import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The `local` provider: a directory tree on this machine or a mounted share.
///
/// Stable id = the path relative to the root. Size, modification time, MIME type by extension, and an
/// optional SHA-256 (`local.checksums: true`), read again only for files whose size or modification time differ
/// from what the catalog recorded (rsync's quick check): a sync re-reads what changed, not the whole tree.
/// Symlinks are not followed unless `followSymlinks` is set. Unreadable entries are reported with the page and
/// skipped. There is no change feed: every sync lists the tree and the engine finds removals by mark-and-sweep.
///
/// The walk and the hashing block on the file system (a slow NFS mount, a large file), so they run on a thread pool
/// of their own (``fileSystemThreads``), never on Swift's cooperative pool, whose one thread per core also serves the
/// daemon's health checks, scheduler and every other sync, nor on NIO's shared pool, which a hot reload uses.
public struct LocalProvider: FileProvider {
    /// The root directory, absolute.
    public let root: String
    let checksums: Bool
    let followSymlinks: Bool
    /// What the catalog recorded, for the checksums of unchanged files.
    let catalogedFiles: any CatalogedFiles
    /// Where the blocking file-system work runs.
    let threadPool: NIOThreadPool

    /// The threads every local listing walks and hashes on: at least four, so a few syncs of slow mounts do not
    /// queue behind each other; started on first use, for the life of the process.
    public static let fileSystemThreads: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: max(4, System.coreCount))
        pool.start()
        return pool
    }()

    /// The registration line for the composition root.
    public static let factory: ProviderRegistry.Factory = { context in try LocalProvider(context: context) }

    /// Builds the provider for an endpoint; a relative `local.path` is taken from the manifest's directory.
    public init(context: ProviderContext) throws {
        guard case .local(let source) = context.configuration.source else {
            throw ProviderError(.configuration, "the endpoint has no local block")
        }
        var path = source.path
        if !path.hasPrefix("/") {
            let base = context.manifestDirectory ?? FileManager.default.currentDirectoryPath
            path = base + "/" + path
        }
        root = URL(fileURLWithPath: path).standardizedFileURL.path
        checksums = source.checksums ?? false
        followSymlinks = source.followSymlinks ?? false
        catalogedFiles = context.catalogedFiles
        threadPool = Self.fileSystemThreads
    }

    /// Creates a provider for `root` directly.
    /// - Parameter threadPool: Where the walk and the hashing run; ``fileSystemThreads`` by default.
    public init(
        root: String, checksums: Bool = false, followSymlinks: Bool = false,
        catalogedFiles: any CatalogedFiles = EmptyCatalogedFiles(), threadPool: NIOThreadPool = LocalProvider.fileSystemThreads
    ) {
        self.root = root
        self.checksums = checksums
        self.followSymlinks = followSymlinks
        self.catalogedFiles = catalogedFiles
        self.threadPool = threadPool
    }

    /// No change feed.
    public var capabilities: ProviderCapabilities { ProviderCapabilities(changeFeed: false) }

    /// No change feed, so no token.
    public func changeFeedStartToken() async throws -> String? { nil }

    /// A local walk makes no requests.
    public var statistics: ProviderStatistics { ProviderStatistics() }

    /// Pages of the tree in walk order; `resumeToken` is the relative path of the page's last file.
    public func list(_ request: ListingRequest) -> AsyncThrowingStream<ProviderPage, any Error> {
        guard case .full(let resumeToken, let pageSize) = request else {
            return AsyncThrowingStream { $0.finish(throwing: ProviderError(.cursorExpired, "the local provider has no change feed")) }
        }
        let listing = LocalListing(provider: self, resumeAfter: resumeToken, pageSize: max(1, pageSize))
        return AsyncThrowingStream(unfolding: { try await listing.nextPage() })
    }

    /// The file of `entry`; with checksums, the SHA-256 `recorded` holds when its size and modification time (to the
    /// millisecond the catalog keeps) are those of the file now, else the file's content hashed.
    func file(for entry: LocalTreeWalker.Entry, recorded: FileMetadata? = nil) throws -> FileMetadata {
        let modified = Date(timeIntervalSince1970: Double(entry.info.st_mtim.tv_sec) + Double(entry.info.st_mtim.tv_nsec) / 1e9)
        var file = FileMetadata(
            id: entry.relativePath, name: entry.name, path: entry.relativePath, size: Int64(entry.info.st_size),
            modifiedAt: modified)
        file.mimeType = MIMEType.forExtension(file.fileExtension)
        if checksums {
            if let recorded, recorded.size == file.size, let then = recorded.modifiedAt,
                abs(then.timeIntervalSince(modified)) < 0.001, let sum = recorded.checksums["sha256"]
            {
                file.checksums["sha256"] = sum
            } else {
                file.checksums["sha256"] = try Self.sha256(of: entry.absolutePath)
            }
        }
        return file
    }

    /// The SHA-256 of the file at `path`, read through one buffer with plain `read(2)` (no `Data` per chunk).
    ///
    /// Opened without blocking and checked to be a regular file: a path the walk saw as a file may have become a
    /// FIFO since, whose plain `open` would wait for a writer forever.
    static func sha256(of path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw LocalWalkError(message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw LocalWalkError(message: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw LocalWalkError(message: "no longer a regular file") }
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count == 0 { break }
            if count < 0 {
                if errno == EINTR { continue }
                throw LocalWalkError(message: String(cString: strerror(errno)))
            }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
        }
        return hasher.finalize().hexString
    }
}

/// One listing in progress; `AsyncThrowingStream(unfolding:)` calls it one page at a time, never concurrently.
private final class LocalListing: @unchecked Sendable {
    private let provider: LocalProvider
    private let resumeAfter: String?
    private let pageSize: Int
    private var walker: LocalTreeWalker?
    private var finished = false

    init(provider: LocalProvider, resumeAfter: String?, pageSize: Int) {
        self.provider = provider
        self.resumeAfter = resumeAfter
        self.pageSize = pageSize
    }

    func nextPage() async throws -> ProviderPage? {
        guard !finished else { return nil }
        try Task.checkCancellation()
        let pool = provider.threadPool
        let entries: [LocalTreeWalker.Entry]
        let files: [FileMetadata]
        let problems: [String]
        if provider.checksums {
            entries = try await pool.runIfActive { try self.walkPage() }
            // One lookup per page finds what the catalog recorded for these files.
            let recorded = try await provider.catalogedFiles.files(ids: entries.map(\.relativePath))
            (files, problems) = try await pool.runIfActive { try self.describe(entries, recorded: recorded) }
        } else {
            (entries, files, problems) = try await pool.runIfActive {
                let entries = try self.walkPage()
                let (files, problems) = try self.describe(entries, recorded: [:])
                return (entries, files, problems)
            }
        }
        let isLast = entries.count < pageSize
        finished = isLast
        // Measured by entries, not files: a file that could not be read is a problem on a page that may not be the last.
        return ProviderPage(files: files, resumeToken: entries.last?.relativePath ?? resumeAfter, isLast: isLast, problems: problems)
    }

    /// The next page's entries, walking on from where the last page stopped (blocks on the file system).
    private func walkPage() throws -> [LocalTreeWalker.Entry] {
        if walker == nil {
            do {
                walker = try LocalTreeWalker(root: provider.root, followSymlinks: provider.followSymlinks)
            } catch {
                throw ProviderError(.configuration, error.message)
            }
        }
        guard let walker else { return [] }
        var entries: [LocalTreeWalker.Entry] = []
        entries.reserveCapacity(pageSize)
        while entries.count < pageSize, let entry = walker.next() {
            if let resumeAfter, !LocalTreeWalker.isAfter(entry.relativePath, resumeAfter) { continue }
            entries.append(entry)
        }
        return entries
    }

    /// The files of `entries`, hashed when asked (blocks on the file system), and the problems met on the way.
    private func describe(_ entries: [LocalTreeWalker.Entry], recorded: [FileIDKey: FileMetadata]) throws -> ([FileMetadata], [String]) {
        var files: [FileMetadata] = []
        var problems: [String] = []
        files.reserveCapacity(entries.count)
        for entry in entries {
            do {
                files.append(try provider.file(for: entry, recorded: recorded[FileIDKey(entry.relativePath)]))
            } catch let error as LocalWalkError {
                problems.append("\(entry.relativePath): \(error.message)")
            }
        }
        return (files, problems + (walker?.takeProblems() ?? []))
    }
}
