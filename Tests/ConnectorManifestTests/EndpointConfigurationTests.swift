import ConnectorManifest
import ConnectorModel
import ConnectorSchedule
import ConnectorTestSupport
import Foundation
import Testing

/// A manifest becomes one typed configuration in the manifest layer: defaults applied, durations, modes, filters and
/// the provider block typed; a value the configuration cannot hold is a located diagnostic.
@Suite struct EndpointConfigurationTests {
    @Test func aManifestIsTypedOnceWithItsDefaults() throws {
        let (result, _) = try loadOne(validLocalEndpoint)
        let configuration = try #require(result.endpoints.first?.configuration, "\(result.renderText())")
        #expect(configuration.source == .local(LocalSource(path: "./data")))
        #expect(configuration.provider == .local)
        #expect(configuration.credentials == nil)
        #expect(!configuration.isSuspended)
        #expect(configuration.schedule == .interval(.minutes(15)))
        #expect(configuration.filters == .everything)
        #expect(configuration.sync == .defaults)
        #expect(SyncConfiguration.defaults.mode == .incremental && SyncConfiguration.defaults.pageSize == 1000)
        #expect(SyncConfiguration.defaults.timeout == .seconds(1800) && SyncConfiguration.defaults.fullResyncEvery == .seconds(86_400))
        #expect(SyncConfiguration.defaults.maxConcurrentRequests == 8 && SyncConfiguration.defaults.rateLimit == nil)
    }

    @Test func everyBlockIsTyped() throws {
        let spec = [
            "suspend: true",
            "schedule:", "  cron: \"0 2 * * 1-5\"", "  timezone: Europe/Berlin",
            "filters:", "  include: [\"**/*.pdf\"]", "  exclude: [\"tmp/**\"]", "  mimeTypes: [application/PDF]",
            "  extensions: [PDF, dwg]",
            "  modifiedAfter: 2024-01-01T00:00:00+02:00", "  minSizeBytes: 10", "  maxSizeBytes: 1e3",
            "sync:", "  mode: full", "  fullResyncEvery: 6h", "  pageSize: 200", "  rateLimit: {requestsPerSecond: 2.5}", "  timeout: 90s",
            "  maxConcurrentRequests: 3",
        ]
        let text = validLocalEndpoint.replacingOccurrences(
            of: "  schedule:\n    interval: 15m\n", with: spec.map { "  " + $0 + "\n" }.joined())
        let (result, _) = try loadOne(text)
        let configuration = try #require(result.endpoints.first?.configuration, "\(result.renderText())")
        #expect(configuration.isSuspended)
        #expect(
            configuration.schedule
                == .cron(try CronExpression(parsing: "0 2 * * 1-5"), timeZone: try ScheduleTimeZone(identifier: "Europe/Berlin")))
        #expect(
            configuration.filters
                == FileSelection(
                    include: ["**/*.pdf"], exclude: ["tmp/**"], mimeTypes: ["application/pdf"], extensions: ["pdf", "dwg"],
                    modifiedAfter: Date(timeIntervalSince1970: 1_704_060_000), minimumSize: 10, maximumSize: 1000))
        #expect(
            configuration.sync
                == SyncConfiguration(
                    mode: .full, fullResyncEvery: .seconds(6 * 3600), pageSize: 200,
                    rateLimit: SyncConfiguration.RateLimit(requestsPerSecond: 2.5, burst: 3), timeout: .seconds(90),
                    maxConcurrentRequests: 3))
    }

    @Test func eachProviderBlockBecomesItsSource() throws {
        let drive = EndpointSpec(
            provider: .googleDrive, credentials: CredentialReference(fromEnv: "KEY"), googleDrive: GoogleDriveSource(folderId: "root"),
            schedule: ScheduleSpec(manual: true))
        #expect(try EndpointConfiguration(drive, endpoint: "d").source == .googleDrive(GoogleDriveSource(folderId: "root")))
        #expect(try EndpointConfiguration(drive, endpoint: "d").schedule == .manual)
        let acc = EndpointSpec(
            provider: .autodeskAcc, credentials: CredentialReference(fromFile: "k.json"),
            autodeskAcc: AutodeskAccSource(hubId: "b.h", projectId: "b.p"), schedule: ScheduleSpec(interval: "1h"))
        #expect(try EndpointConfiguration(acc, endpoint: "a").source == .autodeskAcc(AutodeskAccSource(hubId: "b.h", projectId: "b.p")))
        #expect(try EndpointConfiguration(acc, endpoint: "a").credentials == CredentialReference(fromFile: "k.json"))
    }

    /// The typed layer's own checks, for specs that reach it without the manifest checks (a store, a test, a library
    /// caller): each failure names the value's path and what was expected.
    @Test(arguments: [
        (
            EndpointSpec(provider: .googleDrive, local: LocalSource(path: "/x"), schedule: ScheduleSpec(interval: "1h")),
            "spec.googleDrive: expected a googleDrive block for provider google-drive"
        ),
        (Self.local(sync: SyncSettings(mode: "sometimes")), "spec.sync.mode: expected one of incremental, full, got \"sometimes\""),
        (Self.local(sync: SyncSettings(timeout: "soon")), "spec.sync.timeout:"),
        (Self.local(sync: SyncSettings(timeout: "0")), "spec.sync.timeout: expected a positive duration, got \"0\""),
        (Self.local(sync: SyncSettings(fullResyncEvery: "-1h")), "spec.sync.fullResyncEvery:"),
        (Self.local(sync: SyncSettings(pageSize: 0)), "spec.sync.pageSize: expected 1 to 1000, got 0"),
        (
            Self.local(sync: SyncSettings(rateLimit: .init(requestsPerSecond: 0))),
            "spec.sync.rateLimit.requestsPerSecond: expected a positive number"
        ),
        (Self.local(sync: SyncSettings(maxConcurrentRequests: 0)), "spec.sync.maxConcurrentRequests: expected at least 1, got 0"),
        (Self.local(filters: FileFilters(modifiedAfter: "yesterday")), "spec.filters.modifiedAfter: expected an RFC 3339 time"),
        (
            EndpointSpec(provider: .local, local: LocalSource(path: "/x"), schedule: ScheduleSpec(interval: "10")),
            "spec.schedule: invalid schedule"
        ),
    ])
    func aValueTheConfigurationCannotHoldIsNamed(spec: EndpointSpec, message: String) throws {
        let error = try #require(throws: EndpointConfigurationError.self) { try EndpointConfiguration(spec, endpoint: "e") }
        #expect(error.description.hasPrefix(message), "\(error.description)")
    }

    static func local(filters: FileFilters? = nil, sync: SyncSettings? = nil) -> EndpointSpec {
        EndpointSpec(provider: .local, local: LocalSource(path: "/x"), filters: filters, schedule: ScheduleSpec(interval: "1h"), sync: sync)
    }
}
