/// A Kubernetes ConfigMap volume laid out exactly as the kubelet's AtomicWriter does it:
///
///     M/..2026_11_29_03_00_00.123456789/app.yaml   the real files, in a timestamped directory
///     M/..data -> ..2026_11_29_03_00_00.123456789  the current generation
///     M/app.yaml -> ..data/app.yaml                one symlink per key
///
/// An update writes a new timestamped directory, points `..data_tmp` at it, renames `..data_tmp`
/// over `..data`, then fixes the per-key symlinks and removes the old directory. The kubelet does
/// the last two steps after the swap; tests also try them before it.
struct ConfigMapVolume {
    /// When the per-key symlinks of added and removed keys are changed.
    enum KeyLinks: String, Sendable, CaseIterable { case beforeSwap, afterSwap }
    /// When the old timestamped directory is removed.
    enum OldGeneration: String, Sendable, CaseIterable { case removedBeforeSwap, removedAfterSwap }

    let fixture: WatchFixture
    /// The mount directory, relative to the fixture.
    let mount: String
    private(set) var generation: String
    private(set) var keys: Set<String>
    private var serial = 0

    /// Creates the volume with `files` (key → content).
    init(fixture: WatchFixture, mount: String, files: [String: String]) throws {
        self.fixture = fixture
        self.mount = mount
        generation = "..2026_11_29_03_00_00.123456789"
        keys = Set(files.keys)
        try fixture.makeDirectory("\(mount)/\(generation)")
        for (key, content) in files { try fixture.write("\(mount)/\(generation)/\(key)", content) }
        try fixture.symlink(generation, at: "\(mount)/..data")
        for key in files.keys { try fixture.symlink("..data/\(key)", at: "\(mount)/\(key)") }
    }

    /// The absolute path of the mount or of one key.
    func path(_ key: String? = nil) -> String {
        fixture.path(key.map { "\(mount)/\($0)" } ?? mount)
    }

    /// Replaces the contents with `files`, in the given order of steps.
    mutating func update(to files: [String: String], keyLinks: KeyLinks = .afterSwap, old: OldGeneration = .removedAfterSwap) throws {
        serial += 1
        let previous = generation
        let next = "..2026_11_29_03_0\(serial)_00.98765432\(serial)"
        try fixture.makeDirectory("\(mount)/\(next)")
        for (key, content) in files { try fixture.write("\(mount)/\(next)/\(key)", content) }
        try fixture.symlink(next, at: "\(mount)/..data_tmp")
        let added = Set(files.keys).subtracting(keys)
        let removed = keys.subtracting(files.keys)
        if keyLinks == .beforeSwap { try relink(added: added, removed: removed) }
        if old == .removedBeforeSwap { try fixture.remove("\(mount)/\(previous)") }
        try fixture.rename("\(mount)/..data_tmp", "\(mount)/..data")
        if keyLinks == .afterSwap { try relink(added: added, removed: removed) }
        if old == .removedAfterSwap { try fixture.remove("\(mount)/\(previous)") }
        generation = next
        keys = Set(files.keys)
    }

    private func relink(added: Set<String>, removed: Set<String>) throws {
        for key in added.sorted() { try fixture.symlink("..data/\(key)", at: "\(mount)/\(key)") }
        for key in removed.sorted() { try fixture.remove("\(mount)/\(key)") }
    }
}
