import ConnectorHTTP
import NIOConcurrencyHelpers

/// The client-side budgets of every APS app this process uses: one ``FamilyPacer`` per client id, shared by
/// every endpoint that syncs with that app, so that ten endpoints on one app together stay within each
/// endpoint family's per-minute limit. It also keeps one OAuth token per app, so those endpoints share it.
///
/// Create one in the composition root and pass it to ``AutodeskACCProvider/factory(client:pacers:wallClock:)``.
public final class AutodeskAppPacers: Sendable {
    /// The documented budgets (``APSFamily/requestsPerMinute``) with windows lengthened by `margin`, so requests
    /// that arrive a little late or early at Autodesk still fit its minute.
    /// - Parameter margin: Added to each one-minute window.
    public static func standardBudgets(margin: Duration = .seconds(1)) -> [String: FamilyPacer.Budget] {
        Dictionary(
            uniqueKeysWithValues: APSFamily.allCases.map {
                ($0.rawValue, FamilyPacer.Budget(requests: $0.requestsPerMinute, per: .seconds(60) + margin))
            })
    }

    private let budgets: [String: FamilyPacer.Budget]
    private let clock: any Clock<Duration>
    private let ledger: (any BudgetLedger)?
    private let pacers = NIOLockedValueBox<[String: FamilyPacer]>([:])
    private let tokenCaches = NIOLockedValueBox<[String: OAuthTokenCache]>([:])

    /// Creates the registry.
    /// - Parameters:
    ///   - budgets: Budgets by family name (``APSFamily`` raw values); the documented ones by default. An empty
    ///     dictionary paces nothing (benchmarks).
    ///   - clock: The clock the pacers measure and wait on.
    ///   - ledger: The budgets shared with the other replicas on the store (PostgreSQL), if any.
    public init(
        budgets: [String: FamilyPacer.Budget] = AutodeskAppPacers.standardBudgets(), clock: any Clock<Duration> = ContinuousClock(),
        ledger: (any BudgetLedger)? = nil
    ) {
        self.budgets = budgets
        self.clock = clock
        self.ledger = ledger
    }

    /// A registry whose pacers let everything through (benchmarks against a local fake).
    public static func unpaced() -> AutodeskAppPacers { AutodeskAppPacers(budgets: [:]) }

    /// The pacer of the app with `clientID`, created on first use.
    /// - Parameter clientID: The APS app's client id.
    public func pacer(forClientID clientID: String) -> FamilyPacer {
        pacers.withLockedValue { pacers in
            if let pacer = pacers[clientID] { return pacer }
            let pacer = FamilyPacer(budgets: budgets, clock: clock, ledger: ledger, app: "autodesk:" + clientID)
            pacers[clientID] = pacer
            return pacer
        }
    }

    /// The token cache of one app at one token URL, created with `make` on first use. The key holds the secret
    /// so a rotated secret gets a new cache; it is never shown.
    func tokenCache(key: String, make: () -> OAuthTokenCache) -> OAuthTokenCache {
        tokenCaches.withLockedValue { caches in
            if let cache = caches[key] { return cache }
            let cache = make()
            caches[key] = cache
            return cache
        }
    }
}
