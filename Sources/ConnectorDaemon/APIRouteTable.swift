import Hummingbird

/// The daemon's routes, one list: each path, its method and its handler. The router is built from it, and so is the
/// answer to a request no route takes: a known path with another method answers 405 with `Allow`, an unknown path
/// a JSON 404. (Two lists, one for the router and one for the 405s, let a route added to one answer 404.)
struct APIRouteTable<Context: RequestContext>: Sendable {
    /// One route: `path` in the router's syntax (`:name` matches one segment).
    struct Route: Sendable {
        var path: String
        var method: HTTPRequest.Method
        var handler: @Sendable (Request, Context) async throws -> Response

        /// The path's segments, a parameter as `*`.
        var segments: [String] {
            path.split(separator: "/").map { $0.hasPrefix(":") ? "*" : String($0) }
        }

        func matches(_ path: [Substring]) -> Bool {
            let segments = segments
            return path.count == segments.count && zip(segments, path).allSatisfy { $0 == "*" || $0 == $1 }
        }
    }

    var routes: [Route]

    /// Registers every route on `router` (a GET answers HEAD too), behind the middleware that answers the rest.
    func register(on router: Router<Context>) {
        router.add(middleware: Middleware(table: self))
        for route in routes {
            router.on(RouterPath(route.path), method: route.method, use: route.handler)
            if route.method == .get { router.on(RouterPath(route.path), method: .head, use: route.handler) }
        }
    }

    /// The methods `path` allows (HEAD wherever GET is), or nil for a path no route has.
    func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/")
        let methods = routes.filter { $0.matches(segments) }.map(\.method)
        guard !methods.isEmpty else { return nil }
        return methods.contains(.get) ? methods + [.head] : methods
    }

    /// Answers 405 for a known path with a method it does not allow, and a JSON 404 for an unknown path.
    struct Middleware: RouterMiddleware {
        let table: APIRouteTable

        func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
            guard let methods = table.methods(for: request.uri.path) else {
                return APIResponse.error(.notFound, "no such path: see the README's HTTP API section")
            }
            guard methods.contains(request.method) else {
                let allow = methods.map(\.rawValue).joined(separator: ", ")
                return APIResponse.error(
                    .methodNotAllowed, "\(request.method.rawValue) is not allowed here; use \(allow)", headers: [.allow: allow])
            }
            return try await next(request, context)
        }
    }
}
