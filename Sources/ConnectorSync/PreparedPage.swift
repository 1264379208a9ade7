import ConnectorModel
import ConnectorProvider
import ConnectorStore
import Foundation

/// A provider page made ready for the store, in the listing's middle stage: its files filtered and hashed into
/// catalog records, the ones now out of scope set aside, and those the catalog cannot hold (a NUL in the metadata)
/// turned into problems.
struct PreparedPage: Sendable {
    /// The page as the provider gave it (its files are no longer needed; the rest is).
    var page: ProviderPage
    /// The files that pass the filters, as catalog records.
    var kept: [CatalogFile]
    /// Ids of files the filters leave out.
    var outOfScope: [String]
    /// The page's problems and the files skipped.
    var problems: [String]
    /// Files on the page, kept or not.
    var fileCount: Int
    /// When the page was seen.
    var seenAt: Date

    init(_ page: ProviderPage, filter: FileFilter, endpoint: String, seenAt: Date) {
        var kept: [CatalogFile] = []
        var outOfScope: [String] = []
        var problems = page.problems
        kept.reserveCapacity(page.files.count)
        for file in page.files {
            if let reason = file.unstorableReason {
                problems.append(reason)
            } else if filter.accepts(file) {
                kept.append(CatalogFile(file, endpoint: endpoint, seenAt: seenAt))
            } else {
                outOfScope.append(file.id)
            }
        }
        fileCount = page.files.count
        var rest = page
        rest.files = []
        self.page = rest
        self.kept = kept
        self.outOfScope = outOfScope
        self.problems = problems
        self.seenAt = seenAt
    }
}
