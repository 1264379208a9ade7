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
        /// Present or removed.
        public var state: FileState

        /// Creates a row.
        public init(contentHash: String, state: FileState) {
            self.contentHash = contentHash
            self.state = state
        }
    }

    /// Files the store holds no row for.
    public private(set) var inserts: [CatalogFile] = []
    /// Files whose stored row is rewritten: changed, or back after a removal.
    public private(set) var rewrites: [CatalogFile] = []
    /// Ids of the ``rewrites`` that come back after a removal (the others changed).
    public private(set) var restored: Set<FileIDKey> = []
    /// The ``rewrites`` whose metadata changed (not those back after a removal).
    public var updates: [CatalogFile] { rewrites.filter { !restored.contains(FileIDKey($0.fileID)) } }
    /// Files to insert or rewrite: ``inserts``, then ``rewrites``.
    public var writes: [CatalogFile] { rewrites.isEmpty ? inserts : inserts + rewrites }
    /// Ids of files seen again unchanged.
    public private(set) var unchanged: [String] = []
    /// Created, updated and unchanged counts (removals are counted by the store).
    public private(set) var counts = SyncPageCounts()

    /// Classifies `files` (no id twice) against `stored` (by file id, byte for byte).
    public init(_ files: [CatalogFile], stored: [FileIDKey: StoredRow]) {
        // Nothing stored yet (a first sync): every file is new, and the page is written as it came.
        guard !stored.isEmpty else {
            inserts = files
            counts.created = files.count
            return
        }
        // By index, not `for file in files`: a file seen again unchanged (most of a re-sync) is read for its id and
        // hash only, instead of being copied with every field it holds.
        for index in files.indices {
            let id = files[index].metadata.id
            switch stored[FileIDKey(id)] {
            case .some(let row) where row.state == .present && row.contentHash == files[index].contentHash:
                unchanged.append(id)
            case .some(let row) where row.state == .present:
                counts.updated += 1
                rewrites.append(files[index])
            case .some:
                counts.created += 1
                restored.insert(FileIDKey(id))
                rewrites.append(files[index])
            case nil:
                counts.created += 1
                inserts.append(files[index])
            }
        }
        counts.unchanged = unchanged.count
    }

    /// The fields each of ``updates`` changed, by file id, against its stored form in `stored` (a store reads those
    /// rows before it rewrites them).
    public func changedFields(since stored: [CatalogFile]) -> [FileIDKey: [String]] {
        var old: [FileIDKey: FileMetadata] = [:]
        for file in stored { old[FileIDKey(file.fileID)] = file.metadata }
        var changed: [FileIDKey: [String]] = [:]
        for file in updates {
            let key = FileIDKey(file.fileID)
            if let before = old[key] { changed[key] = file.metadata.changedFields(since: before) }
        }
        return changed
    }
}
