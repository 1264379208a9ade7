import ConnectorSchedule
import Foundation

/// An endpoint's applied configuration, typed: what every layer below the manifests reads.
///
/// Built once from the validated ``EndpointSpec`` (in the manifest layer, where a failure is a located diagnostic, and
/// in the store, which hands it back with every record); nothing below parses a duration, a mode or a filter again.
/// ``spec`` is the document it was built from, which the planner hashes and the store keeps as canonical JSON.
public struct EndpointConfiguration: Sendable, Hashable {
    /// The `spec` block this configuration was built from.
    public let spec: EndpointSpec
    /// Where the files are: the provider and its typed block.
    public let source: ProviderSource
    /// Where the credential document is; nil for providers that need none.
    public let credentials: CredentialReference?
    /// `suspend: true`: kept, but no syncs.
    public let isSuspended: Bool
    /// Which files are kept.
    public let filters: FileSelection
    /// When to sync.
    public let schedule: Schedule
    /// How to sync.
    public let sync: SyncConfiguration

    /// The provider that serves ``source``.
    public var provider: ProviderKind { source.kind }

    /// Types `spec`.
    /// - Parameter endpoint: The endpoint's name, which seeds its interval jitter.
    /// - Throws: ``EndpointConfigurationError`` with the spec-relative path of the value that cannot be used.
    public init(_ spec: EndpointSpec, endpoint: String) throws(EndpointConfigurationError) {
        self.spec = spec
        source = try ProviderSource(spec)
        credentials = spec.credentials
        isSuspended = spec.suspend == true
        filters = try FileSelection(spec.filters)
        do {
            schedule = try spec.schedule.parsed(endpoint: endpoint)
        } catch {
            throw EndpointConfigurationError(path: ["schedule"], message: "invalid schedule: \(error)")
        }
        sync = try SyncConfiguration(spec.sync)
    }

    /// The configuration of a spec as a store keeps it (canonical JSON), or why this version cannot use it.
    public static func stored(spec text: String, endpoint: String) -> Result<EndpointConfiguration, UnusableSpecError> {
        let spec: EndpointSpec
        do {
            spec = try JSONDecoder().decode(EndpointSpec.self, from: Data(text.utf8))
        } catch {
            return .failure(UnusableSpecError(endpoint: endpoint, reason: "it is no spec this version reads"))
        }
        do {
            return .success(try EndpointConfiguration(spec, endpoint: endpoint))
        } catch {
            return .failure(UnusableSpecError(endpoint: endpoint, reason: error.description))
        }
    }
}
