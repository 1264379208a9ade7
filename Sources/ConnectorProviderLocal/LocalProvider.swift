import ConnectorModel
import ConnectorProvider
import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `local` provider: a directory tree on this machine or a mounted share.
///
/// Stable id = the path relative to the root. Size, modification time, MIME type by extension, and an
/// optional SHA-256 (`local.checksums: true`). Symlinks are not followed unless `followSymlinks` is
/// set. Unreadable entries are reported with the page and skipped. There is no change feed: every
/// sync lists the tree and the engine finds removals by mark-and-sweep.
public struct LocalProvider: FileProvider {
    /// The root directory, absolute.
    public let root: String
    let checksums: Bool
    let followSymlinks: Bool

    /// The registration line for the composition root.
    public static let factory: ProviderRegistry.Factory = { context in try LocalProvider(context: context) }

    /// Builds the provider for an endpoint; a relative `local.path` is taken from the manifest's directory.
    public init(context: ProviderContext) throws {
        guard let source = context.spec.local else {
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
    }

    /// Creates a provider for `root` directly.
    public init(root: String, checksums: Bool = false, followSymlinks: Bool = false) {
        self.root = root
        self.checksums = checksums
        self.followSymlinks = followSymlinks
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
        return AsyncThrowingStream(unfolding: { try listing.nextPage() })
    }

    func file(for entry: LocalTreeWalker.Entry) throws -> ProviderFile {
        let modified = Date(timeIntervalSince1970: Double(entry.info.st_mtim.tv_sec) + Double(entry.info.st_mtim.tv_nsec) / 1e9)
        var file = ProviderFile(
            id: entry.relativePath, name: entry.name, path: entry.relativePath, size: Int64(entry.info.st_size),
            modifiedAt: modified)
        file.mimeType = MIMEType.forExtension(file.fileExtension)
        if checksums {
            file.checksums["sha256"] = try Self.sha256(of: entry.absolutePath)
        }
        return file
    }

    static func sha256(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw LocalWalkError(message: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
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

    func nextPage() throws -> ProviderPage? {
        guard !finished else { return nil }
        try Task.checkCancellation()
        if walker == nil {
            do {
                walker = try LocalTreeWalker(root: provider.root, followSymlinks: provider.followSymlinks)
            } catch {
                throw ProviderError(.configuration, error.message)
            }
        }
        guard let walker else { return nil }
        var files: [ProviderFile] = []
        var problems: [String] = []
        files.reserveCapacity(pageSize)
        while files.count < pageSize, let entry = walker.next() {
            if let resumeAfter, !LocalTreeWalker.isAfter(entry.relativePath, resumeAfter) { continue }
            do {
                files.append(try provider.file(for: entry))
            } catch let error as LocalWalkError {
                problems.append("\(entry.relativePath): \(error.message)")
            }
        }
        problems += walker.takeProblems()
        let isLast = files.count < pageSize
        finished = isLast
        return ProviderPage(files: files, resumeToken: files.last?.path ?? resumeAfter, isLast: isLast, problems: problems)
    }
}
