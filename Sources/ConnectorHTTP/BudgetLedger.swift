/// A budget shared by every process that uses one provider app: a ``FamilyPacer`` asks it for each request's units
/// after pacing them in its own process, so replicas on one store together stay within the app's per-family budget.
/// A process that stops simply stops asking: its grants age out of the window.
public protocol BudgetLedger: Sendable {
    /// Grants `cost` units of `family`'s `budget` for `app` now, or, when they do not fit the budget's last window,
    /// grants nothing and says how long to wait before asking again.
    /// - Parameters:
    ///   - app: The app's key (never a secret).
    ///   - family: The rate-limit family.
    ///   - cost: The units the request takes.
    ///   - budget: The family's budget.
    /// - Returns: `.zero` when granted, else the wait.
    func grant(app: String, family: String, cost: Int, budget: FamilyPacer.Budget) async throws -> Duration
}
