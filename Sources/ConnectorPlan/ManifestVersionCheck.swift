import ConnectorModel

/// The manifests' version beside the one the store last applied, and what that allows.
public struct ManifestVersionCheck: Sendable, Hashable {
    /// The manifests' version (nil: standard input, which has none).
    public var own: ManifestVersion?
    /// The store's (nil: none recorded yet).
    public var stored: ManifestVersion?
    /// Whether the manifests may be applied.
    public var verdict: ManifestVersion.Verdict

    /// Compares `own` with `stored` (`lineage` places git commits in their history); manifests without a version are
    /// not ordered and may be applied.
    public init(
        own: ManifestVersion?, stored: ManifestVersion?, lineage: (_ storedCommit: String) -> ManifestVersion.Lineage? = { _ in nil }
    ) {
        self.own = own
        self.stored = stored
        verdict = own?.verdict(over: stored, lineage: lineage) ?? .apply
    }

    /// Why applying is refused, in words, or nil when it is not.
    public var refusal: String? {
        guard let own, let stored else { return nil }
        switch verdict {
        case .apply: return nil
        case .behind:
            return
                "these manifests (\(own)) are older than the ones the store last applied (\(stored)): this copy is behind; rerun with --allow-older-manifests to go back on purpose"
        case .conflict:
            return
                "these manifests (\(own)) are as new as the ones the store last applied (\(stored)) but differ: two sources claim the same version; rerun with --allow-older-manifests to apply these"
        }
    }

    /// `Manifests: git 3f2a9c1 of 2026-...; the store has configmap ... of ...`.
    public var line: String {
        "Manifests: \(own.map(\.description) ?? "standard input (no version)"); the store has \(stored.map(\.description) ?? "none yet")"
    }
}
