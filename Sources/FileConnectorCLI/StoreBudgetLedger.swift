import ConnectorHTTP
import ConnectorStore
import ConnectorStorePostgres

/// The providers' shared budgets kept in a PostgreSQL store, so every replica's requests to one app count against one
/// budget (docs/deployment.md). A SQLite store has one process, whose pacers keep the budget alone: there is none.
struct StoreBudgetLedger: BudgetLedger {
    let store: PostgresCatalogStore

    /// The ledger of `store`, when it is one replicas share.
    static func of(_ store: any CatalogStore) -> StoreBudgetLedger? {
        (store as? PostgresCatalogStore).map(StoreBudgetLedger.init)
    }

    func grant(app: String, family: String, cost: Int, budget: FamilyPacer.Budget) async throws -> Duration {
        try await store.grantBudget(app: app, family: family, cost: cost, limit: budget.requests, window: budget.window)
    }
}
