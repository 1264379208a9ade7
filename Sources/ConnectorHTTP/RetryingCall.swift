import Logging

/// One ``ProviderHTTPClient/send(_:context:)`` call: the loop of pacing, breaker, token, attempt and decision.
struct RetryingCall {
    let request: HTTPRequestSpec
    let target: RequestTarget
    let context: RequestContext
    let client: ProviderHTTPClient
    let logger: Logger
    let breaker: CircuitBreaker
    /// Attempts sent so far.
    private var attempts = 0
    /// Backoff sleeps so far: the exponent of the next backoff.
    private var backoffs = 0
    /// Rate-limit waits so far: the exponent of the next one.
    private var rateLimitRetries = 0
    /// Time spent waiting out rate limits so far.
    private var rateLimitWaited = Duration.zero
    /// Whether the token was already refreshed after a 401 in this call.
    private var refreshedToken = false

    init(request: HTTPRequestSpec, target: RequestTarget, context: RequestContext, client: ProviderHTTPClient) {
        self.request = request
        self.target = target
        self.context = context
        self.client = client
        var logger = context.logger ?? client.logger
        logger[metadataKey: "http.method"] = .string(target.method)
        logger[metadataKey: "http.url"] = .string(Redaction.url(request.url))
        self.logger = logger
        self.breaker = client.circuitBreaker(forKey: target.breakerKey)
    }

    private var policy: RetryPolicy { client.configuration.retry }

    mutating func run() async throws -> HTTPResponseData {
        while true {
            // The token first: a budget granted and then held while a token is fetched would reach the service
            // later than the grant says, among the next window's requests. Asked again after the wait, from the
            // cache unless it aged meanwhile.
            _ = try await currentToken()
            try await waitForPacing()
            let token = try await currentToken()
            let admission = try admit()
            attempts += 1
            context.statistics.recordAttempt(isRetry: attempts > 1)
            logger.debug("http request", metadata: ["http.attempt": "\(attempts)"])
            let sent = ContinuousClock.now
            let outcome = await client.perform(request, target: target, token: token)
            if let observer = client.observer {
                let status: Int? = if case .success(let response) = outcome { response.status } else { nil }
                observer(RequestObservation(status: status, duration: ContinuousClock.now - sent, isRetry: attempts > 1))
            }
            switch outcome {
            case .success(let response):
                if let result = try await handle(response, admission: admission, token: token) { return result }
            case .failure(let failure):
                try await handle(failure, admission: admission)
            }
        }
    }

    // MARK: Before each attempt

    private func waitForPacing() async throws {
        do {
            try await context.throttlePause?.wait()
            try await context.tokenBucket?.acquire()
            try await context.familyPacer?.acquire(family: request.family, cost: request.cost)
        } catch {
            throw cancelled()
        }
    }

    private func currentToken() async throws -> AccessToken? {
        guard let cache = context.tokenCache else { return nil }
        do {
            return try await cache.token()
        } catch let error as HTTPError {
            throw error
        } catch {
            if error is CancellationError { throw cancelled() }
            throw target.error(
                .unauthorized, message: "could not obtain an access token", attempts: attempts,
                underlying: String(describing: error))
        }
    }

    private func admit() throws -> CircuitBreaker.Admission {
        switch breaker.admit() {
        case .success(let admission):
            if admission.isProbe { logger.debug("http circuit half-open: sending probe", metadata: ["http.host": "\(breaker.host)"]) }
            return admission
        case .failure(let rejection):
            context.statistics.recordCircuitRejection()
            let wait = rejection.retryIn.map { " for another \(Self.format($0))" } ?? " (a probe is in flight)"
            logger.debug("http circuit open: request not sent", metadata: ["http.host": "\(breaker.host)"])
            throw target.error(
                .circuitOpen, message: "the circuit breaker for \(breaker.host) is open\(wait)",
                attempts: attempts, retryAfter: rejection.retryIn)
        }
    }

    // MARK: After each attempt

    /// Returns the response when the call is done, `nil` to go round again, or throws.
    private mutating func handle(
        _ response: HTTPResponseData, admission: CircuitBreaker.Admission, token: AccessToken?
    ) async throws -> HTTPResponseData? {
        context.statistics.recordStatus(response.status)
        logTransition(breaker.record(response.status >= 500 ? .failed : .succeeded, for: admission))
        let decision = context.classifier.classify(response)
        logger.debug("http response", metadata: ["http.attempt": "\(attempts)", "http.status": "\(response.status)"])
        switch decision {
        case .success:
            return response
        case .fail:
            throw failure(for: response, code: .forStatus(response.status))
        case .refreshTokenAndRetry:
            guard let cache = context.tokenCache, let token, !refreshedToken else {
                throw failure(for: response, code: .unauthorized)
            }
            refreshedToken = true
            cache.invalidate(token)
            logger.debug("http token rejected: refreshing and resending", metadata: ["http.status": "\(response.status)"])
            return nil
        case .retry(let reason):
            let code: HTTPError.Code = reason == .rateLimited ? .rateLimited : .forStatus(response.status)
            let retryAfter = response.header("Retry-After").flatMap {
                RetryAfter.parse($0, now: response.header("Date").flatMap(RetryAfter.httpDate) ?? client.wallClock())
            }
            if let retryAfter, retryAfter > policy.maxRetryAfter {
                throw failure(
                    for: response, code: code, retryAfter: retryAfter,
                    note:
                        "the server asked to wait \(Self.format(retryAfter)), more than the \(Self.format(policy.maxRetryAfter)) allowed")
            }
            if reason == .rateLimited {
                // Bounded by time, not attempts: a quota refills on its own schedule.
                let delay = retryAfter ?? policy.rateLimit.delay(forRetry: rateLimitRetries, unit: client.random.nextUnit())
                guard rateLimitWaited + delay <= policy.rateLimit.maxTotalWait else {
                    throw failure(
                        for: response, code: code, retryAfter: retryAfter,
                        note:
                            "still rate-limited after waiting \(Self.format(rateLimitWaited)) (at most \(Self.format(policy.rateLimit.maxTotalWait)))"
                    )
                }
                rateLimitRetries += 1
                rateLimitWaited += delay
                if let shared = context.throttlePause, let retryAfter {
                    // Every request of the app waits, this one included (in waitForPacing).
                    shared.extend(by: retryAfter)
                    logger.debug(
                        "http rate limited: pausing the app's requests",
                        metadata: ["http.delay": "\(Self.format(retryAfter))", "http.status": "\(response.status)"])
                    return nil
                }
                try await pause(delay, reason: "status \(response.status) (rate limited)")
                return nil
            }
            guard attempts < policy.maxAttempts else { throw failure(for: response, code: code, retryAfter: retryAfter) }
            try await pause(retryAfter ?? nextBackoff(), reason: "status \(response.status)")
            return nil
        }
    }

    private mutating func handle(_ failure: AttemptFailure, admission: CircuitBreaker.Admission) async throws {
        switch failure.code {
        case .cancelled:
            breaker.record(.abandoned, for: admission)
            throw cancelled()
        case .bodyTooLarge:
            breaker.record(.succeeded, for: admission)
            throw target.error(.bodyTooLarge, status: failure.status, message: failure.message, attempts: attempts)
        case .invalidRequest, .untrustedCertificate:
            breaker.record(.abandoned, for: admission)
            throw target.error(failure.code, message: failure.message, attempts: attempts, underlying: failure.underlying)
        default:
            context.statistics.recordTransportError()
            logTransition(breaker.record(.failed, for: admission))
            logger.debug("http transport failure", metadata: ["http.attempt": "\(attempts)", "http.error": "\(failure.code)"])
            guard attempts < policy.maxAttempts else {
                throw target.error(failure.code, message: failure.message, attempts: attempts, underlying: failure.underlying)
            }
            try await pause(nextBackoff(), reason: "\(failure.code)")
        }
    }

    // MARK: Waiting

    private mutating func nextBackoff() -> Duration {
        defer { backoffs += 1 }
        return policy.backoff(forRetry: backoffs, unit: client.random.nextUnit())
    }

    private func pause(_ delay: Duration, reason: String) async throws {
        logger.debug(
            "http retry scheduled",
            metadata: ["http.attempt": "\(attempts)", "http.delay": "\(Self.format(delay))", "http.reason": "\(reason)"]
        )
        do {
            try await client.clock.sleep(for: delay)
        } catch {
            throw cancelled()
        }
    }

    // MARK: Errors and logs

    private func failure(
        for response: HTTPResponseData, code: HTTPError.Code, retryAfter: Duration? = nil, note: String? = nil
    ) -> HTTPError {
        let providerMessage = HTTPError.providerMessage(from: response.body)
        let message = [note, providerMessage].compactMap { $0 }.joined(separator: ": ")
        var error = target.error(
            code, status: response.status, message: message.isEmpty ? nil : message,
            attempts: attempts, retryAfter: retryAfter)
        error.parameter = HTTPError.blamedParameter(from: response.body)
        return error
    }

    private func cancelled() -> HTTPError {
        target.error(.cancelled, message: "the task was cancelled", attempts: attempts)
    }

    private func logTransition(_ action: CircuitBreakerState.Action) {
        switch action {
        case .opened(let until):
            logger.debug("http circuit opened", metadata: ["http.host": "\(breaker.host)", "http.open_until": "\(until)"])
        case .closed:
            logger.debug("http circuit closed", metadata: ["http.host": "\(breaker.host)"])
        default:
            break
        }
    }

    /// `1.25s`, `300s`: a duration for messages and logs.
    static func format(_ duration: Duration) -> String {
        let seconds = duration.seconds
        return seconds == seconds.rounded() ? "\(Int64(seconds))s" : "\((seconds * 1000).rounded() / 1000)s"
    }
}
