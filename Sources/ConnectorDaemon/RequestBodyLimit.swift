import Hummingbird

/// Bounds what a client may send: no route of the daemon takes a request body, so anything over ``limit`` bytes is
/// answered 413 without being read further (declared by `Content-Length`, or found while reading a chunked body).
struct RequestBodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest request body accepted (and ignored).
    static var limit: Int { 64 * 1024 }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let tooLarge = APIResponse.error(.contentTooLarge, "request bodies are limited to \(Self.limit) bytes; no route takes one")
        if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > Self.limit { return tooLarge }
        var request = request
        do {
            _ = try await request.collectBody(upTo: Self.limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            return tooLarge
        }
        return try await next(request, context)
    }
}
