import Foundation

/// Which version of the manifests a reconcile read, in an order every replica agrees on: the time of the version
/// (a ConfigMap mount's update, as kubelet's `..data` target directory records it; a git work tree's commit, or the
/// newest manifest file when the tree has uncommitted changes; otherwise the newest manifest file), what it is, and a
/// digest of the manifests' content. The store records the last one applied, and a reconcile never applies an older
/// one (docs/deployment.md).
public struct ManifestVersion: Sendable, Hashable, CustomStringConvertible {
    /// Where the version comes from.
    public enum Source: String, Sendable, Hashable {
        /// A Kubernetes ConfigMap (or Secret) volume: kubelet's `..data` link and its timestamped target.
        case configMap = "configmap"
        /// A git work tree.
        case git
        /// Plain files.
        case files
    }

    /// Whether this version, applied, replaces `stored` as the store's: unless it is older (the same content, or
    /// allowed to go back) within one source.
    public func supersedes(_ stored: ManifestVersion?, lineage: (_ storedCommit: String) -> Lineage? = { _ in nil }) -> Bool {
        switch order(against: stored, lineage: lineage) {
        case nil, .later, .sameTime: true
        case .earlier, .diverged: false
        }
    }

    /// Where a version stands to another of its source.
    private enum Order {
        /// The same commit or a later one, or a later time.
        case later
        /// An earlier commit, or an earlier time.
        case earlier
        /// Commits on two branches.
        case diverged
        /// Versions of the same time whose commits (if any) git does not place.
        case sameTime
    }

    /// Where this version stands to `stored`: by their commits' history when `lineage` knows both, else by time; nil
    /// when they are not ordered (the store has none, or it is of another source).
    private func order(against stored: ManifestVersion?, lineage: (_ storedCommit: String) -> Lineage?) -> Order? {
        guard let stored, stored.source == source else { return nil }
        if let own = commit, let theirs = stored.commit {
            if own == theirs { return .later }
            switch lineage(theirs) {
            case .descendant: return .later
            case .ancestor: return .earlier
            case .diverged: return .diverged
            case nil: break
            }
        }
        return time < stored.time ? .earlier : time == stored.time ? .sameTime : .later
    }

    /// Whether a reconcile may apply a version, given the one the store last applied.
    public enum Verdict: String, Sendable, Hashable {
        /// Newer than the store's, or the same (or the store has none): apply.
        case apply
        /// Older than the store's: this copy is behind; apply nothing until it catches up.
        case behind
        /// As new as the store's but different: two sources claim the same moment; apply nothing, say so.
        case conflict
    }

    /// Where it comes from.
    public var source: Source
    /// Its place in the order, to the nearest millisecond (as both stores keep it).
    public var time: Date
    /// What it is: the `..data` target's name, the commit (`+dirty` when the tree has changes), or nil for files.
    public var identity: String?
    /// SHA-256 of the manifests' paths and bytes, hex.
    public var contentHash: String

    /// Creates a version.
    public init(source: Source, time: Date, identity: String? = nil, contentHash: String) {
        self.source = source
        // Rounded, not cut: a store that keeps microseconds may hand back 0.122999 for 0.123.
        self.time = Date(timeIntervalSince1970: (time.timeIntervalSince1970 * 1000).rounded() / 1000)
        self.identity = identity
        self.contentHash = contentHash
    }

    /// `configmap ..2026_12_07_10_00_00.123 of 2026-12-07T10:00:00.123Z`, `git 3f2a9c1 of ...`, `files of ...`.
    public var description: String {
        "\(source.rawValue)\(shownIdentity.map { " \($0)" } ?? "") of \(Timestamp.rfc3339Milliseconds(time))"
    }

    /// How this version's commit stands to another commit, as git's history says.
    public enum Lineage: Sendable, Hashable {
        /// This commit is the other one or comes after it.
        case descendant
        /// This commit comes before the other one.
        case ancestor
        /// Neither comes before the other (two branches).
        case diverged
    }

    /// The commit of a git version, without `+dirty`.
    public var commit: String? { source == .git ? identity.map { String($0.prefix { $0 != "+" }) } : nil }

    /// The identity as shown: a commit by its first 12 characters (and `+dirty`), as git abbreviates it.
    private var shownIdentity: String? {
        guard let identity else { return nil }
        guard let commit else { return identity.count > 60 ? String(identity.prefix(57)) + "..." : identity }
        return String(commit.prefix(12)) + (identity.hasSuffix("+dirty") ? "+dirty" : "")
    }

    /// Whether this version may be applied over `stored` (nil: the store has none). Only versions of one source are
    /// ordered (a ConfigMap's kubelet times and a commit's time are different clocks), and the same content is never
    /// behind (a pipeline re-applying what a replica already applied changes nothing). Two git versions are ordered by
    /// their history when `lineage` knows both commits (a commit's time has whole seconds, and two commits of one
    /// second are common): the same commit or a later one applies (uncommitted edits included), an earlier one is
    /// behind, two branches conflict; otherwise by time.
    public func verdict(over stored: ManifestVersion?, lineage: (_ storedCommit: String) -> Lineage? = { _ in nil }) -> Verdict {
        guard stored?.contentHash != contentHash else { return .apply }
        switch order(against: stored, lineage: lineage) {
        case nil, .later: return .apply
        case .earlier: return .behind
        case .diverged, .sameTime: return .conflict
        }
    }
}
