import ConnectorHTTP
import ConnectorModel
import ConnectorStore
import ConnectorTestSupport
import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import ConnectorStorePostgres

/// Replicas on one PostgreSQL share each app's budget: three processes' pacers (each with its own store and pool),
/// one joining late and one stopped midway, never let more than the budget through in any window, and together
/// finish close to the budget's floor.
@Suite(.timeLimit(.minutes(1))) struct SharedBudgetTests {
    struct Ledger: BudgetLedger {
        let store: PostgresCatalogStore
        func grant(app: String, family: String, cost: Int, budget: FamilyPacer.Budget) async throws -> Duration {
            try await store.grantBudget(app: app, family: family, cost: cost, limit: budget.requests, window: budget.window)
        }
    }

    /// Grant times, as the replicas saw them.
    final class Grants: Sendable {
        private let times = NIOLockedValueBox<[ContinuousClock.Instant]>([])
        func add(_ time: ContinuousClock.Instant) { times.withLockedValue { $0.append(time) } }
        var all: [ContinuousClock.Instant] { times.withLockedValue { $0.sorted() } }
    }

    static let budget = FamilyPacer.Budget(requests: 24, per: .seconds(2))

    /// One replica: its own store and pacer, asking for `count` requests (or until cancelled).
    static func replica(_ url: String, count: Int, grants: Grants) async throws {
        try await PostgresCatalogStore.withStore(try PostgresLocation(parsing: url)) { store in
            let pacer = FamilyPacer(budgets: ["contents": Self.budget], ledger: Ledger(store: store), app: "autodesk:app-1")
            for _ in 0..<count {
                try await pacer.acquire(family: "contents")
                grants.add(ContinuousClock.now)
            }
        }
    }

    @Test func replicasTogetherStayWithinTheBudget() async throws {
        let url = try await PostgresTestDatabase.create()
        try await PostgresCatalogStore.withStore(try PostgresLocation(parsing: url)) { store in _ = try await store.migrate() }
        let grants = Grants()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Self.replica(url, count: 40, grants: grants) }
            let stopped = Task { try await Self.replica(url, count: 1000, grants: grants) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(1500))
                try await Self.replica(url, count: 40, grants: grants)  // joins late
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(2500))
                stopped.cancel()  // stops midway: its grants age out of the window
                _ = try? await stopped.value
            }
            try await group.waitForAll()
        }
        let times = grants.all
        let elapsed = (times.last ?? start) - start
        // In any window (less a little for the test's own delay in recording a grant), at most the budget.
        for (index, time) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 - time < Self.budget.window - .milliseconds(60) }.count
            #expect(inWindow <= Self.budget.requests, "\(inWindow) grants in the window from \(time - start)")
        }
        // Together they use the budget: a sliding window lets a full budget through at once, so the n-th grant (from 0)
        // comes no sooner than n / requests whole windows after the start.
        let floor = Self.budget.window * ((times.count - 1) / Self.budget.requests)
        #expect(
            elapsed >= floor - .milliseconds(100) && elapsed <= floor * 1.1 + .milliseconds(300),
            "\(times.count) grants in \(elapsed), floor \(floor)")
        #expect(times.count > 80, "the stopped replica got some before it stopped: \(times.count)")
    }
}
