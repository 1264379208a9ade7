import Foundation

extension HTTPError {
    /// A short, redacted excerpt of the error message in a provider's response body, or `nil`.
    ///
    /// Recognises Google's `{"error": {"message", "errors": [{"reason"}], "status"}}`, RFC 6749 token errors
    /// `{"error", "error_description"}`, Autodesk's JSON:API `{"errors": [{"code", "detail", "title"}]}`, its gateway
    /// `{"developerMessage", "errorCode"}` and `meta.warnings[].Detail`; otherwise the start of a plain-text body.
    /// - Parameter body: The response body.
    public static func providerMessage(from body: [UInt8]) -> String? {
        guard !body.isEmpty else { return nil }
        let prefix = body.prefix(64 * 1024)
        if let object = try? JSONSerialization.jsonObject(with: Data(prefix)) as? [String: Any] {
            return jsonMessage(object).map { safeExcerpt($0, limit: 200) }
        }
        let text = String(decoding: prefix.prefix(400), as: UTF8.self)
        let printable = text.unicodeScalars.allSatisfy { $0.properties.isWhitespace || !$0.properties.generalCategory.isControl }
        guard printable, !text.contains("<html"), !text.contains("<HTML") else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : safeExcerpt(trimmed, limit: 200)
    }

    /// The request parameter a Google error body blames (`error.errors[0].location` where `locationType` is
    /// `parameter` or absent), or nil.
    /// - Parameter body: The response body.
    public static func blamedParameter(from body: [UInt8]) -> String? {
        guard !body.isEmpty, body.count <= 64 * 1024,
            let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let first = ((object["error"] as? [String: Any])?["errors"] as? [[String: Any]])?.first,
            (first["locationType"] as? String ?? "parameter") == "parameter",
            let location = first["location"] as? String, !location.isEmpty, location.count <= 64
        else { return nil }
        return location
    }

    private static func jsonMessage(_ object: [String: Any]) -> String? {
        if let error = object["error"] as? [String: Any] {
            let reason =
                (error["errors"] as? [[String: Any]])?.first?["reason"] as? String
                ?? ((error["details"] as? [[String: Any]])?.first { $0["reason"] != nil }?["reason"] as? String)
            let message = error["message"] as? String ?? error["status"] as? String
            return [message, reason.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        }
        if let error = object["error"] as? String {
            let description = object["error_description"] as? String
            return [error, description].compactMap { $0 }.joined(separator: ": ")
        }
        if let first = (object["errors"] as? [[String: Any]])?.first {
            let code = first["code"] as? String
            let text = first["detail"] as? String ?? first["title"] as? String
            return [code, text].compactMap { $0 }.joined(separator: ": ")
        }
        if let developerMessage = object["developerMessage"] as? String {
            let code = object["errorCode"] as? String
            return [code, developerMessage].compactMap { $0 }.joined(separator: ": ")
        }
        let warnings = (object["meta"] as? [String: Any])?["warnings"] as? [[String: Any]]
        if let warning = warnings?.first {
            return warning["Detail"] as? String ?? warning["detail"] as? String ?? warning["Title"] as? String
        }
        return nil
    }
}

extension Unicode.GeneralCategory {
    fileprivate var isControl: Bool {
        self == .control || self == .format || self == .unassigned
    }
}
