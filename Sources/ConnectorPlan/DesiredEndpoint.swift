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
    public var schedule: Schedule
    /// The git commit of the manifest's work tree, when it is in one.
    public var sourceRevision: String?

    /// The endpoint's name.
    public var name: String { endpoint.name }

    /// Canonicalises `endpoint`.
    /// - Throws: ``PlanningError`` when the schedule does not parse (validation rules this out).
    public init(_ endpoint: Endpoint, sourceRevision: String? = nil) throws(PlanningError) {
        self.endpoint = endpoint
        self.sourceRevision = sourceRevision
        let spec = endpoint.spec
        canonicalSpec = Self.canonicalJSON(spec)
        specHash = Self.sha256(canonicalSpec)
        let scope = EndpointScope(
            provider: spec.provider, googleDrive: spec.googleDrive, autodeskAcc: spec.autodeskAcc,
            local: spec.local, filters: spec.filters)
        scopeHash = Self.sha256(Self.canonicalJSON(scope))
        schedule = try Self.schedule(of: endpoint.spec.schedule, endpoint: endpoint.name)
    }

    /// The state the endpoint should be in.
    public var desiredState: EndpointState { endpoint.spec.suspend == true ? .suspended : .active }

    /// The parsed form of a `schedule` block.
    /// - Throws: ``PlanningError`` naming `endpoint` when it does not parse (validation rules this out).
    public static func schedule(of spec: ScheduleSpec, endpoint: String) throws(PlanningError) -> Schedule {
        do {
            return try spec.parsed(endpoint: endpoint)
        } catch {
            throw PlanningError(endpoint: endpoint, message: "invalid schedule: \(error)")
        }
    }

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
    var local: LocalSource?
    var filters: FileFilters?
}

/// A desired state the planner cannot use; validation normally rules these out.
public struct PlanningError: Error, Sendable, CustomStringConvertible {
    /// The endpoint concerned.
    public var endpoint: String
    /// What is wrong.
    public var message: String
    /// `endpoint NAME: message`.
    public var description: String { "endpoint \(endpoint): \(message)" }
}
