import ConnectorModel
import Foundation

/// The credential document an endpoint's `credentials` block points at: read from an environment variable
/// or a file, never from the manifest. Its content is a secret: errors name where it was looked for,
/// never what it holds.
public struct CredentialDocument: Sendable {
    /// The document's bytes.
    public let data: Data
    /// Where it came from, safe to show: `environment variable GOOGLE_KEY` or `file /etc/keys/drive.json`.
    public let origin: String

    /// Reads the document `context`'s endpoint refers to; a relative `fromFile` is taken from the manifest's directory.
    /// - Throws: ``ProviderError`` with code ``ProviderError/Code/credentials`` when the block is missing, the
    ///   variable is unset or empty, or the file cannot be read.
    public init(context: ProviderContext) throws {
        guard let reference = context.configuration.credentials else {
            throw ProviderError(
                .credentials, "endpoint \(context.endpoint) has no credentials block; set credentials.fromEnv or credentials.fromFile")
        }
        if let variable = reference.fromEnv {
            guard let value = context.environment[variable], !value.isEmpty else {
                throw ProviderError(.credentials, "the environment variable \(variable) named by credentials.fromEnv is not set or empty")
            }
            self.init(data: Data(value.utf8), origin: "environment variable \(variable)")
        } else if let file = reference.fromFile {
            var path = (file as NSString).expandingTildeInPath
            if !path.hasPrefix("/") {
                path = (context.manifestDirectory ?? FileManager.default.currentDirectoryPath) + "/" + path
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ProviderError(.credentials, "cannot read the credentials file \(path) named by credentials.fromFile")
            }
            if let warning = Self.permissionWarning(path: path) {
                context.logger.warning("\(warning)", metadata: ["endpoint": "\(context.endpoint)"])
            }
            self.init(data: data, origin: "file \(path)")
        } else {
            throw ProviderError(.credentials, "endpoint \(context.endpoint) names neither credentials.fromEnv nor credentials.fromFile")
        }
    }

    /// A warning when the file at `path` (symbolic links followed, as a Kubernetes Secret volume has them) can be
    /// read by other users or written by anyone but its owner: modes 0400, 0440, 0600 and 0640 pass (group read is
    /// how a Secret reaches a pod's fsGroup); nil when it passes or cannot be examined.
    public static func permissionWarning(path: String) -> String? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        let mode = status.st_mode & 0o777
        guard mode & 0o037 != 0 else { return nil }
        return "the credentials file \(path) has mode \(String(format: "%04o", UInt32(mode))): "
            + "other users can read or change it; restrict it with chmod 600 (on a Kubernetes Secret volume, defaultMode: 0400 or 0440)"
    }

    /// A document given directly (tests).
    public init(data: Data, origin: String) {
        self.data = data
        self.origin = origin
    }
}
