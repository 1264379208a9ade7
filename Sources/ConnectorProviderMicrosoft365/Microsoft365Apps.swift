import ConnectorHTTP
import NIOConcurrencyHelpers

/// What the endpoints of one Entra app in one tenant share in this process: the access token, the pause every
/// request takes when SharePoint throttles one of them (`Retry-After`), and the resource-unit budget per minute
/// (SharePoint throttles app-only traffic per app per tenant, whatever endpoint it comes from).
///
/// Create one in the composition root and pass it to ``Microsoft365Provider/factory(client:apps:userAgent:wallClock:)``.
public final class Microsoft365Apps: Sendable {
    private let clock: any Clock<Duration>
    private let pacesRequests: Bool
    private let ledger: (any BudgetLedger)?
    private let tokenCaches = NIOLockedValueBox<[String: OAuthTokenCache]>([:])
    private let pacers = NIOLockedValueBox<[String: FamilyPacer]>([:])
    private let pauses = NIOLockedValueBox<[String: ThrottlePause]>([:])

    /// Creates the registry.
    /// - Parameters:
    ///   - pacesRequests: Keep each app within its resource-unit budget (false only for benchmarks against a fake).
    ///   - clock: The clock the pacers and pauses measure and wait on.
    ///   - ledger: The budgets shared with the other replicas on the store (PostgreSQL), if any.
    public init(pacesRequests: Bool = true, clock: any Clock<Duration> = ContinuousClock(), ledger: (any BudgetLedger)? = nil) {
        self.pacesRequests = pacesRequests
        self.clock = clock
        self.ledger = ledger
    }

    /// The token cache for one app at one authority and tenant; the key holds a digest of the secret or certificate,
    /// so a rotated one gets a new cache. Never shown.
    func tokenCache(key: String, make: () -> OAuthTokenCache) -> OAuthTokenCache {
        tokenCaches.withLockedValue { caches in
            if let cache = caches[key] { return cache }
            let cache = make()
            caches[key] = cache
            return cache
        }
    }

    /// The pacer of the app in the tenant with a budget of `unitsPerMinute`; endpoints that declare the same budget
    /// share it. `nil` when pacing is off.
    func pacer(app: String, unitsPerMinute: Int) -> FamilyPacer? {
        guard pacesRequests else { return nil }
        return pacers.withLockedValue { pacers in
            let key = app + "|" + String(unitsPerMinute)
            if let pacer = pacers[key] { return pacer }
            let pacer = FamilyPacer(
                budgets: [GraphAPI.family: FamilyPacer.Budget(requests: unitsPerMinute)], clock: clock, ledger: ledger,
                app: "microsoft-365:" + key)
            pacers[key] = pacer
            return pacer
        }
    }

    /// The pause shared by the app's requests in the tenant.
    func pause(app: String) -> ThrottlePause {
        pauses.withLockedValue { pauses in
            if let pause = pauses[app] { return pause }
            let pause = ThrottlePause(clock: clock)
            pauses[app] = pause
            return pause
        }
    }
}
