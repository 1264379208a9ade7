import Foundation

/// A Graph error body, `{"error": {"code", "message", "innerError": {"code"?, "innerError"?, "request-id", "date"}}}`,
/// read with either spelling of `innerError` (older services write `innererror`). Callers branch on ``codes``, never
/// on ``message``.
struct GraphError: Sendable {
    /// The HTTP status.
    let status: Int
    /// The codes from the outermost to the most specific.
    let codes: [String]
    /// The service's message, for people.
    let message: String?
    /// The `request-id` Microsoft support asks for.
    let requestID: String?

    /// Reads `body`; an unreadable body gives no codes.
    init(status: Int, body: [UInt8]) {
        self.status = status
        var codes: [String] = []
        var message: String?
        var requestID: String?
        if let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            var level = object["error"] as? [String: Any]
        {
            message = level["message"] as? String
            for _ in 0..<8 {
                if let code = level["code"] as? String, !code.isEmpty { codes.append(code) }
                if let id = level["request-id"] as? String { requestID = id }
                guard let inner = level.first(where: { $0.key.lowercased() == "innererror" })?.value as? [String: Any] else { break }
                level = inner
            }
        }
        self.codes = codes
        self.message = message
        self.requestID = requestID
    }

    /// `403 accessDenied: <message> (request-id …)`, shortened.
    var summary: String {
        let code = codes.last.map { " \($0)" } ?? ""
        let said = message.map { ": " + String($0.prefix(200)) } ?? ""
        let request = requestID.map { " (request-id \($0))" } ?? ""
        return "\(status)\(code)\(said)\(request)"
    }
}
