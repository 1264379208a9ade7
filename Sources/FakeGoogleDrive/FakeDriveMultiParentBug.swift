import ConnectorHTTPTestSupport

/// Drive's multi-parent query bug (Google issue 149522397; rclone's `fast_list_bug_fix`, rclone issues 3114, 4289,
/// 3632): a `files.list` whose `q` names several parents (`'a' in parents or 'b' in parents …`) sometimes answers
/// with an empty result, or with the children of only some of the parents, while saying `incompleteSearch: false`.
/// A query naming one parent is never affected (the reliable form rclone falls back to).
///
/// The fake decides when the first page of such a query is asked for: the whole result is then empty (one empty
/// page, no `nextPageToken`), or the children of a random subset of the parents are missing from every page of it.
struct FakeDriveMultiParentBug {
    /// What one affected query looks like.
    enum Effect {
        /// One empty page and no more.
        case emptyResult
        /// Every child of these parents is left out.
        case missingParents(Set<String>)
    }

    var rate = 0.0
    var random = SeededRandomSource(seed: 1)
    /// Queries answered wrongly so far.
    var occurrences = 0

    /// Whether, and how, the query naming `parents` goes wrong this time.
    mutating func effect(parents: [String]) -> Effect? {
        guard parents.count > 1, rate > 0, random.nextUnit() < rate else { return nil }
        occurrences += 1
        if random.nextBits() % 2 == 0 { return .emptyResult }
        let missing = 1 + Int(random.nextBits() % UInt64(max(1, parents.count / 2)))
        var dropped = Set<String>()
        while dropped.count < missing { dropped.insert(parents[Int(random.nextBits() % UInt64(parents.count))]) }
        return .missingParents(dropped)
    }

    /// `ids` as the bug answers them: without the children of `effect`'s parents, or none at all.
    static func apply(_ effect: Effect, to ids: [String], queriedParents: [String], items: [String: FakeDriveItem]) -> [String] {
        switch effect {
        case .emptyResult:
            return []
        case .missingParents(let dropped):
            let queried = Set(queriedParents)
            return ids.filter { id in
                guard let item = items[id] else { return false }
                // An item stays when one of its queried parents was not dropped.
                return item.parents.contains { queried.contains($0) && !dropped.contains($0) }
            }
        }
    }
}

extension FakeGoogleDrive {
    /// Reproduces the multi-parent query bug on about `rate` (0…1) of the `files.list` queries that name several
    /// parents, reproducibly for a `seed`. Half of the affected queries answer with nothing, half leave out the
    /// children of some of the parents; both say `incompleteSearch: false`.
    public func reproduceMultiParentBug(rate: Double, seed: UInt64 = 1) {
        state.withLockedValue { state in
            state.multiParentBug.rate = rate
            state.multiParentBug.random = SeededRandomSource(seed: seed)
        }
    }

    /// How many queries the multi-parent bug has answered wrongly so far.
    public var multiParentBugCount: Int { state.withLockedValue { $0.multiParentBug.occurrences } }
}
