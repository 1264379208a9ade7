/// Which names inside one watched directory count as a change of a watch target.
struct DirectoryInterest: Sendable, Equatable {
    /// Every name the manifest loader would read: not hidden, or `..data`.
    var everyVisibleName: Bool
    /// Names that count whatever they look like (a file target's own name, `..data`).
    var names: Set<String>

    /// Every visible name: a directory target or one of its subdirectories.
    static let everything = DirectoryInterest(everyVisibleName: true, names: [])

    /// Only `names`: the directory holding a file target, or the nearest existing ancestor of a missing one.
    static func only(_ names: Set<String>) -> DirectoryInterest {
        DirectoryInterest(everyVisibleName: false, names: names)
    }

    /// Whether an event on `name` in this directory counts.
    func matches(_ name: String) -> Bool {
        names.contains(name) || (everyVisibleName && !PathText.isHidden(name))
    }

    /// Merges the interest of another target in the same directory.
    mutating func formUnion(_ other: DirectoryInterest) {
        everyVisibleName = everyVisibleName || other.everyVisibleName
        names.formUnion(other.names)
    }
}
