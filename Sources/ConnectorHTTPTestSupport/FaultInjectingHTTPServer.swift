import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// An in-process HTTP/1.1 server on `127.0.0.1` whose every reply is scripted, for testing HTTP clients against
/// real sockets: slow, huge, truncated and reset responses included.
///
/// Replies come first from a queue (``enqueue(_:)``), then from the ``Handler`` given at creation, which is where
/// fakes of provider APIs route by path. Every request is recorded for assertions.
///
/// ```swift
/// let server = FaultInjectingHTTPServer()
/// let port = try await server.start()
/// server.enqueue(.status(503), .json(#"{"ok":true}"#))
/// // … requests to http://127.0.0.1:\(port)/ …
/// await server.stop()
/// ```
public final class FaultInjectingHTTPServer: Sendable {
    /// Chooses the reply to a request; may suspend (e.g. to coordinate with the test).
    public typealias Handler = @Sendable (RecordedRequest) async -> ServerReply

    struct State {
        var queue: [ServerReply] = []
        var requests: [RecordedRequest] = []
        var connections = 0
        var streamedBodyBytes = 0
        var port: Int?
        var acceptLoop: Task<Void, Never>?
        var serverChannel: (any Channel)?
    }

    let handler: Handler
    let tls: NIOSSLContext?
    let state = NIOLockedValueBox(State())

    /// Creates a stopped server.
    /// - Parameters:
    ///   - tls: Serve HTTPS with this context (a test certificate) instead of plain HTTP.
    ///   - handler: Answers requests when the queue is empty; by default a 404.
    public init(tls: NIOSSLContext? = nil, handler: @escaping Handler = { _ in .text(404, "no route") }) {
        self.tls = tls
        self.handler = handler
    }

    /// Appends replies to the queue; each request takes the first queued reply before the handler is asked.
    /// - Parameter replies: Replies in the order they should be used.
    public func enqueue(_ replies: ServerReply...) {
        enqueue(contentsOf: replies)
    }

    /// Appends replies to the queue.
    /// - Parameter replies: Replies in the order they should be used.
    public func enqueue(contentsOf replies: [ServerReply]) {
        state.withLockedValue { $0.queue.append(contentsOf: replies) }
    }

    /// Every request received so far, in arrival order.
    public var requests: [RecordedRequest] { state.withLockedValue { $0.requests } }

    /// How many requests were received.
    public var requestCount: Int { state.withLockedValue { $0.requests.count } }

    /// How many TCP connections were accepted (connection reuse keeps this low).
    public var connectionCount: Int { state.withLockedValue { $0.connections } }

    /// Body bytes of ``ServerReply/stream(status:headers:chunk:count:interval:declareLength:)`` replies that were
    /// written to sockets: shows whether a client stopped reading early.
    public var streamedBodyBytes: Int { state.withLockedValue { $0.streamedBodyBytes } }

    /// The bound port, once started.
    public var port: Int? { state.withLockedValue { $0.port } }

    /// `http://127.0.0.1:<port>`, once started (empty before).
    public var baseURL: String { port.map { "\(tls == nil ? "http" : "https")://127.0.0.1:\($0)" } ?? "" }

    /// Binds `127.0.0.1` on an ephemeral port and starts accepting connections.
    ///
    /// The accept loop runs in a task owned by the server until ``stop()`` (test support, so an unstructured task is
    /// acceptable here: it keeps `start()`/`stop()` usable from any test without a surrounding scope).
    /// - Returns: The port.
    /// - Throws: The bind error.
    @discardableResult
    public func start() async throws -> Int {
        let tls = self.tls
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel
                    )
                }
            }
        let port = server.channel.localAddress?.port ?? 0
        let loop = Task<Void, Never> {
            _ = try? await server.executeThenClose { inbound in
                await withDiscardingTaskGroup { group in
                    do {
                        for try await connection in inbound {
                            self.state.withLockedValue { $0.connections += 1 }
                            group.addTask { await self.serve(connection) }
                        }
                    } catch {
                        // The listening socket failed or the loop was cancelled: stop accepting.
                    }
                    group.cancelAll()
                }
            }
        }
        state.withLockedValue { state in
            state.port = port
            state.acceptLoop = loop
            state.serverChannel = server.channel
        }
        return port
    }

    /// Stops accepting, closes every open connection and waits for the server's tasks to end.
    public func stop() async {
        let (loop, channel) = state.withLockedValue { state in
            defer {
                state.acceptLoop = nil
                state.serverChannel = nil
            }
            return (state.acceptLoop, state.serverChannel)
        }
        try? await channel?.close()
        loop?.cancel()
        await loop?.value
    }

    func record(_ request: RecordedRequest) -> RecordedRequest {
        state.withLockedValue { state in
            var request = request
            request.index = state.requests.count
            state.requests.append(request)
            return request
        }
    }

    func nextReply(for request: RecordedRequest) async -> ServerReply {
        let queued: ServerReply? = state.withLockedValue { state in
            state.queue.isEmpty ? nil : state.queue.removeFirst()
        }
        if let queued { return queued }
        return await handler(request)
    }
}
