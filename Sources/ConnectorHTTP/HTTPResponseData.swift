/// A complete HTTP response with its body read into memory, bounded by the client's maximum body size.
public struct HTTPResponseData: Sendable {
    /// The status code, e.g. `200`.
    public var status: Int
    /// Response headers in the order received.
    public var headers: [(String, String)]
    /// The response body.
    public var body: [UInt8]

    /// Creates a response.
    /// - Parameters:
    ///   - status: The status code.
    ///   - headers: Response headers in order.
    ///   - body: The response body.
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name`, compared case-insensitively, or `nil`.
    /// - Parameter name: A header name such as `"Retry-After"`.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }

    /// The body decoded as UTF-8, replacing invalid sequences.
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    /// Whether the status is in `200 ..< 300`.
    public var isSuccess: Bool {
        (200..<300).contains(status)
    }
}
