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
@Suite(.timeLimit(.minutes(3))) struct SharedBudgetTests {
    /// The store's ledger, noting when each grant was asked for and answered: the store granted it in between.
    struct Ledger: BudgetLedger {
        let store: PostgresCatalogStore
        let grants: Grants
        func grant(app: String, family: String, cost: Int, budget: FamilyPacer.Budget) async throws -> Duration {
            let asked = ContinuousClock.now
            let wait = try await store.grantBudget(app: app, family: family, cost: cost, limit: budget.requests, window: budget.window)
            if wait == .zero { grants.add(Grant(asked: asked, answered: ContinuousClock.now)) }
            return wait
        }
    }

    /// A grant happened between these two times.
    struct Grant: Sendable {
        var asked: ContinuousClock.Instant
        var answered: ContinuousClock.Instant
    }

    /// The grants, as the replicas saw them.
    final class Grants: Sendable {
        private let grants = NIOLockedValueBox<[Grant]>([])
        func add(_ grant: Grant) { grants.withLockedValue { $0.append(grant) } }
        var all: [Grant] { grants.withLockedValue { $0.sorted { $0.asked < $1.asked } } }
    }

    static let budget = FamilyPacer.Budget(requests: 24, per: .seconds(2))

    /// One replica's pacer over its own store (and pool), asking for `count` requests (or until cancelled).
    static func replica(_ store: PostgresCatalogStore, count: Int, grants: Grants) async throws {
        let pacer = FamilyPacer(budgets: ["contents": Self.budget], ledger: Ledger(store: store, grants: grants), app: "autodesk:app-1")
        for _ in 0..<count { try await pacer.acquire(family: "contents") }
    }

    @Test func replicasTogetherStayWithinTheBudget() async throws {
        let location = try PostgresLocation(parsing: try await PostgresTestDatabase.create())
        try await PostgresCatalogStore.withStore(location) { first in
            _ = try await first.migrate()
            try await PostgresCatalogStore.withStore(location) { second in
                try await PostgresCatalogStore.withStore(location) { third in
                    try await Self.share(first, second, third)
                }
            }
        }
    }

    /// Three replicas: `first` asks for 40 requests, `second` as many as it can until it is stopped, `third` joins
    /// late and asks for 40.
    static func share(_ first: PostgresCatalogStore, _ second: PostgresCatalogStore, _ third: PostgresCatalogStore) async throws {
        let grants = Grants()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await Self.replica(first, count: 40, grants: grants) }
            let stopped = Task { try await Self.replica(second, count: 1000, grants: grants) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(1500))
                try await Self.replica(third, count: 40, grants: grants)  // joins late
            }
            group.addTask {
                try await Task.sleep(for: .milliseconds(2500))
                stopped.cancel()  // stops midway: its grants age out of the window
                _ = try? await stopped.value
            }
            try await group.waitForAll()
        }
        let all = grants.all
        let elapsed = (all.map(\.answered).max() ?? start) - start
        // In any window, at most the budget: grants surely in one window (the later answered less than a window after
        // the earlier was asked) are never more than it.
        for (index, first) in all.enumerated() {
            let inWindow = all[index...].filter { $0.answered - first.asked < Self.budget.window }.count
            #expect(inWindow <= Self.budget.requests, "\(inWindow) grants in the window from \(first.asked - start)")
        }
        // Together they use the budget. A sliding window lets a full budget through at once, so the n-th grant (from
        // 0) comes no sooner than n / requests whole windows after the start; how close they come is measured alone
        // (docs/deployment.md), and here only that nothing stalls while the whole suite loads the machine.
        let floor = Self.budget.window * ((all.count - 1) / Self.budget.requests)
        #expect(elapsed >= floor - .milliseconds(100) && elapsed <= floor * 3, "\(all.count) grants in \(elapsed), floor \(floor)")
        #expect(all.count > 80, "the stopped replica got some before it stopped: \(all.count)")
    }
}
