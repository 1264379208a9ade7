import ConnectorHTTPTestSupport
import NIOConcurrencyHelpers

/// SharePoint's resource-unit throttling: a budget per minute per app per tenant, counted in a sliding 60-second
/// window, throttled calls included.
extension FakeMicrosoftGraph {
    /// Resource units per minute per app per tenant; nil (the default) for no limit.
    public var resourceUnitsPerMinute: Int? {
        get { state.withLockedValue { $0.resourceUnitsPerMinute } }
        set { state.withLockedValue { $0.resourceUnitsPerMinute = newValue } }
    }

    /// 429s answered because a resource-unit budget ran out.
    public var throttledCount: Int { state.withLockedValue { $0.throttledCount } }

    /// What a request costs: 1 RU for a single-item GET and a delta call with a token, 2 for listings (children,
    /// drives, delta without a token), 5 for permission operations.
    static func cost(_ route: FakeGraphRoute, request: RecordedRequest) -> Int {
        switch route {
        case .siteByPath(_, _, let tail), .site(_, let tail):
            switch tail {
            case .entity, .drive: 1
            case .drives: 2
            case .permissions: 5
            }
        case .drive, .item: 1
        case .children: 2
        case .delta(_, _, let pathToken): pathToken != nil || FakeGraphQuery(request).token != nil ? 1 : 2
        case .token, .batch, .unknown: 0
        }
    }

    /// Counts `cost` against the caller's budget; the 429 when the window is full.
    func charge(_ caller: FakeGraphCaller, cost: Int, context: FakeGraphErrors.Context) -> ServerReply? {
        let now = clock().timeIntervalSince1970
        let retryAfter: Int? = state.withLockedValue { state in
            guard let budget = state.resourceUnitsPerMinute else { return nil }
            let key = caller.clientID + "|" + caller.tenantID
            var window = state.usage[key, default: []].filter { $0.time > now - 60 }
            let used = window.reduce(0) { $0 + $1.cost }
            window.append((now, cost))
            state.usage[key] = window
            guard used + cost > budget else { return nil }
            state.throttledCount += 1
            // The wait until enough of the window has slid out for one more call of this cost.
            var remaining = used + cost
            var wait = 60.0
            for entry in window {
                remaining -= entry.cost
                if remaining + cost <= budget {
                    wait = entry.time + 60 - now
                    break
                }
            }
            return max(1, Int(wait.rounded(.up)))
        }
        guard let retryAfter else { return nil }
        return FakeGraphErrors.graph(
            429, "activityLimitReached", "The request has been throttled", nested: "throttledRequest", context: context,
            headers: [("Retry-After", String(retryAfter))])
    }
}
