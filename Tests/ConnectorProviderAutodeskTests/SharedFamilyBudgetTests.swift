import ConnectorHTTP
import ConnectorProviderAutodesk
import ConnectorStore
import ConnectorStorePostgres
import ConnectorTestSupport
import FakeAutodeskAPS
import Foundation
import Testing

/// Replicas on one PostgreSQL share an APS app's budgets: three "replicas" (each with its own app pacers, as separate
/// processes have, and its own pool to the store's ledger) sync ten endpoints of one app against the fake, one
/// joining late and one stopped midway (its endpoints then synced by another, as a lease taken over); the fake counts
/// requests per family per window across all of them.
@Suite struct SharedFamilyBudgetTests {
    /// The documented per-minute budgets scaled to two seconds, as `FamilyBudgetTests` scales them.
    static let window = Duration.seconds(2)
    static let budgets: [String: Int] = ["folderContents": 25, "topFolders": 4, "tip": 15, "token": 5, "hubs": 2, "folder": 4]

    struct Ledger: BudgetLedger {
        let store: PostgresCatalogStore
        func grant(app: String, family: String, cost: Int, budget: FamilyPacer.Budget) async throws -> Duration {
            try await store.grantBudget(app: app, family: family, cost: cost, limit: budget.requests, window: budget.window)
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func replicasOnOnePostgreSQLShareEachFamilyBudget() async throws {
        let location = try PostgresLocation(parsing: try await PostgresTestDatabase.create())
        try await PostgresCatalogStore.withStore(location) { a in
            _ = try await a.migrate()
            try await PostgresCatalogStore.withStore(location) { b in
                try await PostgresCatalogStore.withStore(location) { c in
                    try await Self.share(ledgers: [Ledger(store: a), Ledger(store: b), Ledger(store: c)])
                }
            }
        }
    }

    static func share(ledgers: [Ledger]) async throws {
        var shape = FakeACCProject.Shape(items: 60)
        shape.branching = 2
        shape.depth = 1
        var configuration = FakeAutodeskAPS.Configuration()
        configuration.omitIncludedEvery = 6
        // Each replica's own pacers, with the margin `FamilyBudgetTests` explains, and the shared ledger.
        let replicas = ledgers.map { ledger in
            AutodeskAppPacers(budgets: budgets.mapValues { FamilyPacer.Budget(requests: $0, per: window + .seconds(2)) }, ledger: ledger)
        }
        try await ACCTestBed.run(shape: shape, configuration: configuration, pacers: replicas[0]) { bed in
            let names = (0..<10).map { "site-\($0)" }
            for name in names { _ = try await bed.endpoint(name, spec: bed.spec(pageSize: 10)) }
            let engines = replicas.map { bed.engine(pacers: $0) }
            let started = ContinuousClock.now
            func sync(_ batch: ArraySlice<String>, on engine: Int) async throws -> [String] {
                var failures: [String] = []
                for name in batch {
                    let run = try await bed.sync(name, engine: engines[engine])
                    if run.status != .succeeded { failures.append("\(name): \(run.error ?? run.status.rawValue)") }
                }
                return failures
            }
            // A syncs 0–3; B syncs 4–6 and is stopped after 1.5 s; C joins at 1 s with 7–9, then takes over B's.
            let stopped = Task { try await sync(names[4...6], on: 1) }
            let failures = try await withThrowingTaskGroup(of: [String].self) { group in
                group.addTask { try await sync(names[0...3], on: 0) }
                group.addTask {
                    try await Task.sleep(for: .seconds(1))
                    return try await sync(names[7...9], on: 2)
                }
                group.addTask {
                    try await Task.sleep(for: .milliseconds(1500))
                    stopped.cancel()
                    _ = try? await stopped.value
                    return try await sync(names[4...6], on: 2)
                }
                return try await group.reduce(into: [String]()) { $0 += $1 }
            }
            let elapsed = ContinuousClock.now - started
            #expect(failures.isEmpty, "\(failures)")
            for name in names { try await bed.expectCatalogMatchesGroundTruth(name) }

            let log = bed.aps.requestLog
            for (family, budget) in budgets {
                let times = log.filter { $0.family == family }.map(\.at).sorted()
                let (worst, worstStart) = FakeAutodeskAPS.busiestWindow(times, length: window)
                // On failure, the arrival times around the busiest window (seconds from the first request), to tell
                // a burst from requests that arrived later than their grants.
                let around = times[max(0, worstStart - 3)..<min(times.count, worstStart + worst + 3)].map { time in
                    let since = time - (times.first ?? .zero)
                    return String(format: "%.3f", Double(since.components.seconds) + Double(since.components.attoseconds) / 1e18)
                }
                #expect(
                    worst <= budget,
                    "\(family): \(worst) requests in one window across the replicas, budget \(budget); arrivals \(around)")
            }
            let contents = log.filter { $0.family == "folderContents" }.count
            #expect(contents > budgets["folderContents"]! * 2, "enough requests to need pacing: \(contents)")
            // Together they use the budget: no slower than three replicas each pacing alone would be told to be, and
            // no faster than one budget allows (a stall would show as far more).
            let floor = Double(contents / budgets["folderContents"]! - 1) * 2
            #expect(elapsed >= .seconds(floor), "\(contents) requests in \(elapsed)")
            #expect(elapsed <= .seconds(floor * 3 + 10), "\(contents) requests in \(elapsed), floor \(floor) s")
        }
    }
}
