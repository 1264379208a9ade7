import ConnectorModel
import ConnectorSchedule
import Crypto
import Foundation

/// An endpoint as the manifests want it, in the form the planner compares with the store:
/// canonical spec, its hash, the hash of its scope, and its parsed schedule.
public struct DesiredEndpoint: Sendable, Hashable {
    /// The validated endpoint.
    public var endpoint: Endpoint
    /// The spec as compact JSON with sorted keys: equal specs give equal text.
    public var canonicalSpec: String
    /// SHA-256 of ``canonicalSpec``, hex.
    public var specHash: String
    /// SHA-256 of the provider, the source block and the filters: what decides which files belong.
    public var scopeHash: String
    /// The parsed schedule.
    public var schedule: Schedule { endpoint.configuration.schedule }
    /// The git commit of the manifest's work tree, when it is in one.
    public var sourceRevision: String?

    /// The endpoint's name.
    public var name: String { endpoint.name }

    /// Canonicalises `endpoint`.
    public init(_ endpoint: Endpoint, sourceRevision: String? = nil) {
        self.endpoint = endpoint
        self.sourceRevision = sourceRevision
        let spec = endpoint.spec
        canonicalSpec = Self.canonicalJSON(spec)
        specHash = Self.sha256(canonicalSpec)
        let scope = EndpointScope(
            provider: spec.provider, googleDrive: spec.googleDrive, autodeskAcc: spec.autodeskAcc,
            microsoft365: spec.microsoft365, local: spec.local, filters: spec.filters)
        scopeHash = Self.sha256(Self.canonicalJSON(scope))
    }

    /// The state the endpoint should be in.
    public var desiredState: EndpointState { endpoint.configuration.isSuspended ? .suspended : .active }

    static func canonicalJSON<Value: Encodable>(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain Codable structs of strings, numbers and bools cannot fail.
        let data = (try? encoder.encode(value)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexString
    }
}

/// What decides which files belong to an endpoint.
private struct EndpointScope: Encodable {
    var provider: ProviderKind
    var googleDrive: GoogleDriveSource?
    var autodeskAcc: AutodeskAccSource?
    var microsoft365: Microsoft365Block?
    var local: LocalSource?
    var filters: FileFilters?
}
