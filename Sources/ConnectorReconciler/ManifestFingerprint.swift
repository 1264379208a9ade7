import ConnectorManifest
import Crypto
import Foundation

/// A digest of the manifest files a reconcile of `paths` would read (their paths and bytes), so the watcher
/// reports a change only when the content changed: a `touch`, an identical rewrite or an unrelated file is no change.
public struct ManifestFingerprint: Sendable {
    /// The manifest paths.
    public let paths: [String]

    /// A fingerprint over `paths`.
    public init(paths: [String]) {
        self.paths = paths
    }

    /// The digest now; nil when a manifest cannot be read (the reconcile will report why).
    public func current() -> String? {
        Self.digest(of: ManifestPathWalker().inputs(for: paths).inputs)
    }

    /// The digest of `inputs` as they are now (a walk of the paths already made); nil when one cannot be read.
    static func digest(of inputs: [ManifestInput]) -> String? {
        var hasher = SHA256()
        for input in inputs {
            guard let path = input.filesystemPath else { continue }
            guard let data = FileManager.default.contents(atPath: path) else { return nil }
            hasher.update(data: Data(input.displayPath.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: data)
            hasher.update(data: Data([0]))
        }
        return hasher.finalize().hexString
    }
}
