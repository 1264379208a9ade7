import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import ConnectorTestSupport
import FakeGoogleDrive
import Foundation
import Logging

@testable import ConnectorProviderGoogleDrive

/// A started fake Drive, a key it issued, and an HTTP client with fast retries, for one test.
struct DriveTestHarness {
    let drive: FakeGoogleDrive
    let account: FakeServiceAccount
    let client: ProviderHTTPClient
    /// A top-level folder "Projects" that endpoints catalog.
    let root: String

    static let keyVariable = "GDRIVE_SA_KEY"

    /// Runs `body` with a fresh harness and tears it down afterwards.
    static func run<Result>(_ body: (DriveTestHarness) async throws -> Result) async throws -> Result {
        let drive = FakeGoogleDrive()
        try await drive.start()
        let account = try drive.issueServiceAccount()
        var configuration = ProviderHTTPClient.Configuration()
        configuration.retry.baseDelay = .milliseconds(2)
        configuration.retry.maxDelay = .milliseconds(20)
        configuration.retry.maxAttempts = 8
        configuration.retry.rateLimit = RateLimitBackoff(
            baseDelay: .milliseconds(2), maxDelay: .milliseconds(20), maxJitter: .milliseconds(2), maxTotalWait: .seconds(10))
        configuration.circuitBreaker = .disabled
        var logger = Logger(label: "drive-test")
        logger.logLevel = .error
        let root = drive.createFolder(name: "Projects", parent: nil)
        do {
            let result = try await ProviderHTTPClient.withClient(configuration: configuration, logger: logger) { client in
                try await body(DriveTestHarness(drive: drive, account: account, client: client, root: root))
            }
            await drive.stop()
            return result
        } catch {
            await drive.stop()
            throw error
        }
    }

    /// An endpoint spec for `folder` (the harness root by default) against the fake.
    func spec(
        folder: String? = nil, sharedDrive: String? = nil, includeSubfolders: Bool? = nil, subject: String? = nil, pageSize: Int? = nil,
        maxConcurrentRequests: Int? = nil
    ) -> EndpointSpec {
        let sync =
            pageSize == nil && maxConcurrentRequests == nil
            ? nil : SyncSettings(pageSize: pageSize, maxConcurrentRequests: maxConcurrentRequests)
        return EndpointSpec(
            provider: .googleDrive, credentials: CredentialReference(fromEnv: Self.keyVariable),
            googleDrive: GoogleDriveSource(
                folderId: folder ?? root, sharedDriveId: sharedDrive, includeSubfolders: includeSubfolders, subject: subject,
                apiURL: drive.baseURL),
            schedule: ScheduleSpec(interval: "15m"), sync: sync)
    }

    /// The environment holding the key document.
    func environment(key: String? = nil) -> [String: String] {
        [Self.keyVariable: key ?? account.json]
    }

    /// A provider built by the public factory, as the engine would.
    func provider(
        _ spec: EndpointSpec, folders: any FolderDirectory = EmptyFolderDirectory(), key: String? = nil
    ) throws -> any FileProvider {
        let context = ProviderContext(
            endpoint: "drive", configuration: try EndpointConfiguration(spec, endpoint: "drive"), manifestDirectory: nil,
            environment: environment(key: key), folders: folders)
        return try GoogleDriveProvider.factory(client: client)(context)
    }

    /// Every page of `request`.
    static func pages(_ provider: any FileProvider, _ request: ListingRequest) async throws -> [ProviderPage] {
        var pages: [ProviderPage] = []
        for try await page in provider.list(request) { pages.append(page) }
        return pages
    }
}

/// What the engine keeps, modelled in memory for provider-level tests: files by id and folders by id; a removed
/// folder takes its recorded subfolders and the files below them along (by parent ids, as the stores do).
final class CatalogModel {
    var files: [String: FileMetadata] = [:]
    var folderTable: [String: CatalogFolder] = [:]

    /// The folders recorded so far, as the provider sees them at the start of a listing (pages applied during the
    /// listing are not visible to it: the provider must rely on its own overlay).
    var directory: InMemoryFolderDirectory { InMemoryFolderDirectory(Array(folderTable.values)) }

    /// Applies a complete full listing: only what it saw stays.
    func applyFull(_ pages: [ProviderPage]) {
        files = [:]
        folderTable = [:]
        for page in pages { apply(page) }
    }

    /// Applies one page as the store does.
    func apply(_ page: ProviderPage) {
        for folder in page.folders { folderTable[folder.id] = folder }
        for file in page.files { files[file.id] = file }
        for id in page.removedIDs { files[id] = nil }
        for id in page.removedFolderIDs {
            var gone: Set<String> = [id]
            var changed = true
            while changed {
                changed = false
                for folder in folderTable.values where !gone.contains(folder.id) && folder.parentID.map(gone.contains) == true {
                    gone.insert(folder.id)
                    changed = true
                }
            }
            for folder in gone { folderTable[folder] = nil }
            files = files.filter { $0.value.parents.allSatisfy { !gone.contains($0) } }
        }
    }

    /// Differences from the fake's ground truth, empty when the catalog matches.
    func differences(from truth: [String: FakeDriveTruth]) -> [String] {
        var problems: [String] = []
        for (id, expected) in truth {
            guard let file = files[id] else {
                problems.append("missing \(id) at \(expected.paths)")
                continue
            }
            if !expected.paths.contains(file.path) { problems.append("\(id) at \(file.path), expected \(expected.paths)") }
            if file.version != String(expected.item.version) {
                problems.append("\(id) version \(file.version ?? "-"), expected \(expected.item.version)")
            }
            if file.name != expected.item.name { problems.append("\(id) named \(file.name), expected \(expected.item.name)") }
        }
        for (id, file) in files where truth[id] == nil { problems.append("extra \(id) at \(file.path)") }
        return problems.sorted()
    }
}
