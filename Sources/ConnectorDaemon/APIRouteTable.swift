import Hummingbird

/// The daemon's routes and the methods each allows, so that a known path with another method answers 405 with
/// `Allow` (not 404), and an unknown path answers a JSON 404.
struct APIRouteTable: Sendable {
    /// A path pattern (`*` matches one segment) and its methods.
    struct Route: Sendable {
        var segments: [String]
        var methods: [HTTPRequest.Method]

        func matches(_ path: [Substring]) -> Bool {
            path.count == segments.count && zip(segments, path).allSatisfy { $0 == "*" || $0 == $1 }
        }
    }

    static let routes: [Route] = [
        Route(segments: ["healthz"], methods: [.get, .head]),
        Route(segments: ["readyz"], methods: [.get, .head]),
        Route(segments: ["metrics"], methods: [.get, .head]),
        Route(segments: ["api", "v1", "endpoints"], methods: [.get, .head]),
        Route(segments: ["api", "v1", "endpoints", "*"], methods: [.get, .head]),
        Route(segments: ["api", "v1", "endpoints", "*", "runs"], methods: [.get, .head]),
        Route(segments: ["api", "v1", "endpoints", "*", "sync"], methods: [.post]),
    ]

    /// The route `path` belongs to, if any.
    static func route(for path: String) -> Route? {
        let segments = path.split(separator: "/")
        return routes.first { $0.matches(segments) }
    }
}

/// Answers 405 for a known path with a method it does not allow, and a JSON 404 for an unknown path.
struct APIRouteTableMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let route = APIRouteTable.route(for: request.uri.path) else {
            return APIResponse.error(.notFound, "no such path: see the README's HTTP API section")
        }
        guard route.methods.contains(request.method) else {
            let allow = route.methods.map(\.rawValue).joined(separator: ", ")
            return APIResponse.error(.methodNotAllowed, "\(request.method.rawValue) is not allowed here; use \(allow)", headers: [.allow: allow])
        }
        return try await next(request, context)
    }
}
