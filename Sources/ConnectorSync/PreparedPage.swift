import ConnectorModel
import ConnectorProvider
import ConnectorStore
import Foundation

/// A provider page made ready for the store, in the listing's middle stage: its files filtered and hashed into
/// catalog records, the ones now out of scope set aside, and those the catalog cannot hold (a NUL in the metadata)
/// turned into problems. A file the provider reported twice on one page is kept once, in its last form, as writing
/// the page row by row would leave it (the stores take a page's ids as unique).
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
        // By index: each file is read in place and copied once, into its record.
        let files = page.files
        for index in files.indices {
            if let reason = files[index].unstorableReason {
                problems.append(reason)
            } else if filter.accepts(files[index]) {
                kept.append(CatalogFile(files[index], endpoint: endpoint, seenAt: seenAt))
            } else {
                outOfScope.append(files[index].id)
            }
        }
        fileCount = page.files.count
        var rest = page
        rest.files = []
        self.page = rest
        self.kept = Self.lastOfEachID(kept)
        self.outOfScope = outOfScope
        self.problems = problems
        self.seenAt = seenAt
    }

    /// `files` without earlier duplicates of an id (compared byte for byte); the array itself, uncopied, when it has
    /// none: its ids strictly ascend (a walk in id order), or, for random cloud ids, a set of them finds no repeat.
    /// (Rebuilding the page for nothing had copied every record twice, each copy retaining twenty-odd strings.)
    static func lastOfEachID(_ files: [CatalogFile]) -> [CatalogFile] {
        var ascending = true
        for index in files.indices.dropFirst() where !(FileIDKey(files[index - 1].fileID) < FileIDKey(files[index].fileID)) {
            ascending = false
            break
        }
        guard !ascending else { return files }
        var seen = Set<FileIDKey>()
        seen.reserveCapacity(files.count)
        var repeated = false
        for index in files.indices where !seen.insert(FileIDKey(files[index].fileID)).inserted {
            repeated = true
            break
        }
        guard repeated else { return files }
        seen.removeAll(keepingCapacity: true)
        var kept: [CatalogFile] = []
        kept.reserveCapacity(files.count)
        for index in files.indices.reversed() where seen.insert(FileIDKey(files[index].fileID)).inserted { kept.append(files[index]) }
        return kept.count == files.count ? files : kept.reversed()
    }
}
