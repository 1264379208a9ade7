import ConnectorModel
import ConnectorStore
import Foundation

extension StoreConformance {
    /// Every record comes back with its typed configuration; a stored spec this version cannot type (written by a
    /// newer version, or by hand) reads back as the reason, naming the endpoint, without hiding the other records, and
    /// a reconcile can still rewrite it.
    static func unusableStoredSpecIsReported(_ store: any CatalogStore) async throws {
        let good = try sample("good")
        try expect(try good.configuration.get().schedule == .interval(.minutes(15)), "the sample's configuration is typed")
        _ = try await store.reconcile { _ in ([EndpointWrite(record: good, resetsCursor: false)], ()) }
        for spec in [
            #"{"provider":"sharepoint-2003","schedule":{"interval":"1h"}}"#,
            #"{"local":{"path":"/x"},"provider":"local","schedule":{"interval":"soon"}}"#, "{",
        ] {
            var bad = good
            bad.name = "bad"
            bad.spec = spec
            let write = EndpointWrite(record: bad, resetsCursor: false)
            _ = try await store.reconcile { _ in ([write], ()) }
            for read in [try await store.snapshot().endpoints["bad"], try await store.endpoint(named: "bad")] {
                guard case .failure(let error) = read?.configuration else {
                    throw ConformanceFailure(
                        description: "the unusable spec \(spec) read back as \(String(describing: read?.configuration))")
                }
                try expect(error.endpoint == "bad" && error.description.contains("reconcile again"), error.description)
            }
            try expect(try await store.snapshot().endpoints["good"] == good, "the other records still read")
        }
        var mended = good
        mended.name = "bad"
        let mend = EndpointWrite(record: mended, resetsCursor: false)
        _ = try await store.reconcile { _ in ([mend], ()) }
        try expect(try await store.endpoint(named: "bad")?.configuration == good.configuration, "a reconcile rewrites it")
    }
}
