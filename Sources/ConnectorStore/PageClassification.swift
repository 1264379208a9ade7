import ConnectorModel

/// A page's files sorted against what the store holds: what to write and what was only seen again.
///
/// Both stores use it, so "changed" means the same thing everywhere: a file is written when it is
/// new, was removed and came back, or its content hash differs; otherwise it is only marked seen.
public struct PageClassification: Sendable {
    /// What the store holds for one file.
    public struct StoredRow: Sendable {
        /// The stored content hash.
        public var contentHash: String
        /// `present` or `removed`.
        public var state: String

        /// Creates a row.
        public init(contentHash: String, state: String) {
            self.contentHash = contentHash
            self.state = state
        }
    }

    /// Files to insert or rewrite.
    public private(set) var writes: [CatalogFile] = []
    /// Ids of files seen again unchanged.
    public private(set) var unchanged: [String] = []
    /// Created, updated and unchanged counts (removals are counted by the store).
    public private(set) var counts = SyncPageCounts()

    /// Classifies `files` (no id twice) against `stored` (by file id, byte for byte).
    public init(_ files: [CatalogFile], stored: [FileIDKey: StoredRow]) {
        // Nothing stored yet (a first sync): every file is new, and the page is written as it came.
        guard !stored.isEmpty else {
            writes = files
            counts.created = files.count
            return
        }
        writes.reserveCapacity(files.count)
        for file in files {
            switch stored[FileIDKey(file.fileID)] {
            case .some(let row) where row.state == "present" && row.contentHash == file.contentHash:
                unchanged.append(file.fileID)
                continue
            case .some(let row) where row.state == "present":
                counts.updated += 1
            default:
                counts.created += 1
            }
            writes.append(file)
        }
        counts.unchanged = unchanged.count
    }
}
