import NIOConcurrencyHelpers

/// Paces requests per rate-limit family with a sliding window, shared by every endpoint that uses one app's
/// credentials.
///
/// Autodesk counts requests per application and per endpoint family per minute (hubs and projects 50, folder
/// contents 300, versions 800). One pacer per client ID, passed in every ``RequestContext`` of that app, keeps the
/// sum of all endpoints' requests within each family's budget: in any window of `Budget.window` no more than
/// `Budget.requests` are let through. Callers reserve their slot when they call ``acquire(family:)``, so concurrent
/// callers are served in call order. With a ``BudgetLedger`` (replicas on one PostgreSQL store), each request's units
/// are then granted by the ledger too, so the app's budget holds across processes.
public final class FamilyPacer: Sendable {
    /// A family's allowance: `requests` per `window`.
    public struct Budget: Sendable, Hashable {
        /// The most requests in any window.
        public var requests: Int
        /// The window length.
        public var window: Duration

        /// Creates a budget.
        /// - Parameters:
        ///   - requests: The most requests in any window (at least 1).
        ///   - window: The window length; a minute by default.
        public init(requests: Int, per window: Duration = .seconds(60)) {
            self.requests = max(1, requests)
            self.window = window
        }
    }

    private let budgets: [String: Budget]
    private let defaultBudget: Budget?
    private let clock: ElapsedClock
    private let ledger: (any BudgetLedger)?
    private let app: String
    /// Grant times per family in ascending order, at most `requests` of them, on the elapsed clock.
    private let grants: NIOLockedValueBox<[String: [Duration]]>

    /// Creates a pacer.
    /// - Parameters:
    ///   - budgets: Budgets by family name (the ``HTTPRequestSpec/family`` of each request).
    ///   - defaultBudget: The budget for families not listed; `nil` lets them through unpaced.
    ///   - clock: The clock to measure and wait on.
    ///   - ledger: The budget shared with other processes, if any.
    ///   - app: The app's key in the ledger (never a secret).
    public init(
        budgets: [String: Budget], defaultBudget: Budget? = nil, clock: any Clock<Duration> = ContinuousClock(),
        ledger: (any BudgetLedger)? = nil, app: String = ""
    ) {
        self.budgets = budgets
        self.defaultBudget = defaultBudget
        self.clock = ElapsedClock(clock)
        self.ledger = ledger
        self.app = app
        self.grants = NIOLockedValueBox([:])
    }

    /// The budget that applies to `family`, or `nil` when it is unpaced.
    /// - Parameter family: A family name.
    public func budget(for family: String) -> Budget? {
        budgets[family] ?? defaultBudget
    }

    /// Waits until one more request of `family`, costing `cost` units of its budget, fits it.
    /// - Parameters:
    ///   - family: The request's rate-limit family.
    ///   - cost: The units the request takes (SharePoint prices a delta page without a token at 2); at least 1, and
    ///     at most the budget.
    /// - Throws: `CancellationError` when the task is cancelled while waiting (the units are returned).
    public func acquire(family: String, cost: Int = 1) async throws {
        try Task.checkCancellation()
        guard let slots = reserve(family: family, cost: cost), let slot = slots.last else { return }
        let wait = slot - clock.now()
        do {
            if wait > .zero { try await clock.sleep(for: wait) }
            try await shared(family: family, cost: cost)
        } catch {
            grants.withLockedValue { grants in
                for granted in slots {
                    if let index = grants[family]?.lastIndex(of: granted) { grants[family]?.remove(at: index) }
                }
            }
            throw error
        }
    }

    /// Waits until the ledger (if any) grants the units: the other processes' requests count too.
    private func shared(family: String, cost: Int) async throws {
        guard let ledger, let budget = budget(for: family) else { return }
        while true {
            let wait = try await ledger.grant(app: app, family: family, cost: min(max(cost, 1), budget.requests), budget: budget)
            guard wait > .zero else { return }
            try await clock.sleep(for: wait)
        }
    }

    /// Reserves the earliest `cost` units for `family` and returns their times on the elapsed clock (the last is
    /// when the request may go), or `nil` when unpaced.
    func reserve(family: String, cost: Int = 1) -> [Duration]? {
        guard let budget = budget(for: family) else { return nil }
        let now = clock.now()
        return grants.withLockedValue { grants in
            var times = grants[family, default: []]
            times.removeAll { $0 <= now - budget.window }
            var slots: [Duration] = []
            for _ in 0..<min(max(cost, 1), budget.requests) {
                var slot = max(now, times.last ?? now)
                if times.count >= budget.requests {
                    slot = max(slot, times[times.count - budget.requests] + budget.window)
                }
                times.append(slot)
                slots.append(slot)
            }
            if times.count > budget.requests { times.removeFirst(times.count - budget.requests) }
            grants[family] = times
            return slots
        }
    }
}
