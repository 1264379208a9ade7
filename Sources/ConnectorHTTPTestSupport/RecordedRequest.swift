/// One request as ``FaultInjectingHTTPServer`` received it, for routing and assertions.
public struct RecordedRequest: Sendable {
    /// The method, e.g. `GET`.
    public var method: String
    /// The request target as sent: path and query, e.g. `/drive/v3/files?pageSize=10`.
    public var uri: String
    /// The path without the query, e.g. `/drive/v3/files`.
    public var path: String
    /// The raw query string without `?`, or `nil` when there is none.
    public var query: String?
    /// Request headers in order.
    public var headers: [(String, String)]
    /// The request body.
    public var body: [UInt8]
    /// The position of this request among all the server received, from 0.
    public var index: Int

    /// Creates a recorded request (the server does this; tests may build their own for handler unit tests).
    /// - Parameters:
    ///   - method: The method.
    ///   - uri: The request target.
    ///   - headers: Headers in order.
    ///   - body: The body.
    ///   - index: The position among the server's requests.
    public init(method: String, uri: String, headers: [(String, String)] = [], body: [UInt8] = [], index: Int = 0) {
        self.method = method
        self.uri = uri
        if let mark = uri.firstIndex(of: "?") {
            path = String(uri[..<mark])
            query = String(uri[uri.index(after: mark)...])
        } else {
            path = uri
            query = nil
        }
        self.headers = headers
        self.body = body
        self.index = index
    }

    /// The first value of header `name`, compared case-insensitively.
    /// - Parameter name: A header name.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.first { $0.0.lowercased() == wanted }?.1
    }

    /// The query parameters in order, percent-decoded (`+` is read as a space).
    public var queryItems: [(String, String)] {
        guard let query else { return [] }
        return query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            return (key, parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The first value of query parameter `name`.
    /// - Parameter name: A query key.
    public func queryValue(_ name: String) -> String? {
        queryItems.first { $0.0 == name }?.1
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    private static func decode(_ text: Substring) -> String {
        let input = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "%"), index + 2 < input.count,
                let value = UInt8(String(decoding: input[index + 1...index + 2], as: UTF8.self), radix: 16)
            {
                output.append(value)
                index += 3
                continue
            }
            output.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }
}
