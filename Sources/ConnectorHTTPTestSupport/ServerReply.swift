/// What ``FaultInjectingHTTPServer`` does with one request: answer it, or inject a fault.
public indirect enum ServerReply: Sendable {
    /// A complete response; `Content-Length` is added unless `headers` has one.
    case response(status: Int, headers: [(String, String)] = [], body: [UInt8] = [])
    /// Waits `delay` in real time, then does `then`.
    case delayed(Duration, then: ServerReply)
    /// Closes the connection without answering; `abortive` sends a TCP RST (SO_LINGER 0) instead of a FIN.
    case closeConnection(abortive: Bool = true)
    /// Sends the head with `Content-Length: declaredLength`, then only `body` (shorter), then closes.
    case truncated(status: Int = 200, headers: [(String, String)] = [], body: [UInt8], declaredLength: Int)
    /// Streams `count` copies of `chunk` (chunked encoding unless `declareLength`), waiting `interval` between
    /// chunks: a slow or a huge body. The server stops when the client goes away.
    case stream(
        status: Int = 200, headers: [(String, String)] = [], chunk: [UInt8], count: Int, interval: Duration? = nil,
        declareLength: Bool = false
    )

    /// A response with no body.
    /// - Parameters:
    ///   - status: The status code.
    ///   - headers: Response headers.
    public static func status(_ status: Int, headers: [(String, String)] = []) -> ServerReply {
        .response(status: status, headers: headers)
    }

    /// A JSON response.
    /// - Parameters:
    ///   - status: The status code.
    ///   - json: The body text.
    ///   - headers: Extra headers.
    public static func json(_ status: Int, _ json: String, headers: [(String, String)] = []) -> ServerReply {
        .response(status: status, headers: [("Content-Type", "application/json")] + headers, body: Array(json.utf8))
    }

    /// A 200 JSON response.
    /// - Parameters:
    ///   - json: The body text.
    ///   - headers: Extra headers.
    public static func json(_ json: String, headers: [(String, String)] = []) -> ServerReply {
        .json(200, json, headers: headers)
    }

    /// A plain-text response.
    /// - Parameters:
    ///   - status: The status code.
    ///   - text: The body text.
    ///   - headers: Extra headers.
    public static func text(_ status: Int, _ text: String, headers: [(String, String)] = []) -> ServerReply {
        .response(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + headers, body: Array(text.utf8))
    }

    /// A 200 plain-text response.
    /// - Parameters:
    ///   - text: The body text.
    ///   - headers: Extra headers.
    public static func text(_ text: String, headers: [(String, String)] = []) -> ServerReply {
        .text(200, text, headers: headers)
    }

    /// A TCP reset without a response.
    public static var reset: ServerReply { .closeConnection(abortive: true) }
}
