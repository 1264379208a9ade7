import NIOConcurrencyHelpers

/// Caches one OAuth access token, refreshing it shortly before it expires and on demand after a 401.
///
/// Concurrent callers share a single fetch (single-flight): the first caller that finds no usable token runs
/// `fetch` on its own task while the others wait for its result. If that caller is cancelled mid-fetch, a waiting
/// caller takes over the fetch, so one cancelled sync never fails another.
public final class OAuthTokenCache: Sendable {
    private enum Delivery {
        case token(AccessToken)
        case failure(any Error)
        /// The fetching caller was cancelled: try again (and possibly become the fetcher).
        case retry
    }

    private struct State {
        var token: AccessToken?
        /// When `token` stops being handed out, on the elapsed clock: its expiry less the refresh margin.
        var refreshAt: Duration = .zero
        var isFetching = false
        var waiters: [Int: CheckedContinuation<Delivery, Never>] = [:]
        var nextWaiterID = 0
    }

    /// How long before expiry a token is replaced (at most half the token's lifetime).
    public let refreshMargin: Duration
    private let clock: ElapsedClock
    private let fetch: @Sendable () async throws -> AccessToken
    private let state = NIOLockedValueBox(State())

    /// Creates an empty cache.
    /// - Parameters:
    ///   - refreshMargin: How long before expiry a token is replaced; 60 s by default.
    ///   - clock: The clock that times expiry.
    ///   - fetch: Obtains a new token from the token endpoint (a JWT grant for Google, client credentials for
    ///     Autodesk). It may use a ``ProviderHTTPClient`` itself, with a context that has no token cache.
    public init(
        refreshMargin: Duration = .seconds(60),
        clock: any Clock<Duration> = ContinuousClock(),
        fetch: @escaping @Sendable () async throws -> AccessToken
    ) {
        self.refreshMargin = refreshMargin
        self.clock = ElapsedClock(clock)
        self.fetch = fetch
    }

    /// A token valid for at least ``refreshMargin`` more, fetching one if needed.
    /// - Throws: The error of `fetch`, or `CancellationError`.
    public func token() async throws -> AccessToken {
        while true {
            try Task.checkCancellation()
            switch nextStep() {
            case .use(let token):
                return token
            case .fetch:
                return try await runFetch()
            case .wait:
                switch await waitForFetch() {
                case .token(let token): return token
                case .failure(let error): throw error
                case .retry: continue
                }
            }
        }
    }

    /// Forgets `token` if it is still the cached one, so the next ``token()`` fetches a new one.
    ///
    /// Passing the token that was rejected (rather than clearing unconditionally) means that when several requests
    /// get a 401 for the same token, only one new token is fetched.
    /// - Parameter token: The token the server rejected.
    public func invalidate(_ token: AccessToken) {
        state.withLockedValue { state in
            if state.token?.value == token.value { state.token = nil }
        }
    }

    private enum Step {
        case use(AccessToken)
        case fetch
        case wait
    }

    private func nextStep() -> Step {
        let now = clock.now()
        return state.withLockedValue { state in
            if let token = state.token, now < state.refreshAt { return .use(token) }
            if state.isFetching { return .wait }
            state.isFetching = true
            return .fetch
        }
    }

    private func runFetch() async throws -> AccessToken {
        let delivery: Delivery
        let outcome: Result<AccessToken, any Error>
        do {
            let token = try await fetch()
            outcome = .success(token)
            delivery = .token(token)
        } catch {
            outcome = .failure(error)
            delivery = Task.isCancelled ? .retry : .failure(error)
        }
        let now = clock.now()
        let waiters = state.withLockedValue { state in
            state.isFetching = false
            if case .success(let token) = outcome {
                // A token shorter-lived than twice the margin is still used for half its life.
                state.token = token
                state.refreshAt = now + token.expiresIn - min(refreshMargin, token.expiresIn / 2)
            }
            let waiters = state.waiters
            state.waiters = [:]
            return waiters
        }
        for waiter in waiters.values { waiter.resume(returning: delivery) }
        return try outcome.get()
    }

    private func waitForFetch() async -> Delivery {
        let id = state.withLockedValue { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate: Delivery? = state.withLockedValue { state in
                    // Checked under the lock so that a cancellation either sees this waiter or is seen here.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    // The fetch finished between nextStep() and here: look again.
                    guard state.isFetching else { return .retry }
                    state.waiters[id] = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLockedValue { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: .failure(CancellationError()))
        }
    }
}
