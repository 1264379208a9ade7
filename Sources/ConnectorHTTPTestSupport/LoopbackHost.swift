import NIOConcurrencyHelpers

/// What every fake of a cloud API needs besides its own answers: a ``FaultInjectingHTTPServer`` on loopback serving
/// the fake's handler, the base URL it listens on, every request it received, and a count of requests per route.
public final class LoopbackHost: Sendable {
    private struct State {
        var server: FaultInjectingHTTPServer?
        var baseURL = ""
        var routeCounts: [String: Int] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// A host that serves nothing yet.
    public init() {}

    /// Starts serving `handler` on loopback and returns the base URL (`http://127.0.0.1:<port>`).
    /// - Throws: The bind error.
    public func start(_ handler: @escaping FaultInjectingHTTPServer.Handler) async throws -> String {
        let server = FaultInjectingHTTPServer(handler: handler)
        try await server.start()
        let url = server.baseURL
        state.withLockedValue { state in
            state.server = server
            state.baseURL = url
        }
        return url
    }

    /// Stops the server started by ``start(_:)``.
    public func stop() async {
        let server = state.withLockedValue { $0.server }
        await server?.stop()
    }

    /// The base URL once started (empty before).
    public var baseURL: String { state.withLockedValue { $0.baseURL } }

    /// Every request received, when served by ``start(_:)``.
    public var requests: [RecordedRequest] { state.withLockedValue { $0.server }?.requests ?? [] }

    /// Counts one request of `route`.
    public func count(_ route: String) {
        state.withLockedValue { $0.routeCounts[route, default: 0] += 1 }
    }

    /// Requests of `route` so far.
    public func requestCount(_ route: String) -> Int { state.withLockedValue { $0.routeCounts[route, default: 0] } }

    /// All requests counted by route.
    public var requestCounts: [String: Int] { state.withLockedValue { $0.routeCounts } }

    /// Forgets the request counters.
    public func resetRequestCounts() { state.withLockedValue { $0.routeCounts = [:] } }
}
