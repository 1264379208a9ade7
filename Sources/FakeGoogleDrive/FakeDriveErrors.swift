import ConnectorHTTPTestSupport

/// Drive's error replies, in the classic shape (`error.errors[]`) or the newer one (`error.status`, `error.details[]`).
enum FakeDriveErrors {
    /// `{"error":{"code":…,"message":…,"errors":[{"domain","reason","message"(,"location","locationType")}]}}`.
    static func classic(
        _ code: Int, _ message: String, reason: String, domain: String = "global", location: String? = nil,
        locationType: String = "parameter", status: String? = nil, headers: [(String, String)] = []
    ) -> ServerReply {
        var entry = #"{"domain":"\#(domain)","reason":"\#(reason)","message":\#(FakeJSONWriter.quoted(message))"#
        if let location { entry += #","location":"\#(location)","locationType":"\#(locationType)""# }
        entry += "}"
        var body = #"{"error":{"code":\#(code),"message":\#(FakeJSONWriter.quoted(message)),"errors":[\#(entry)]"#
        if let status { body += #","status":"\#(status)""# }
        return .json(code, body + "}}", headers: headers)
    }

    /// The newer shape: `{"error":{"code","message","status","details":[{"@type":ErrorInfo,"reason","domain"}]}}`.
    static func modern(_ code: Int, _ message: String, status: String, reason: String, headers: [(String, String)] = []) -> ServerReply {
        let body =
            #"{"error":{"code":\#(code),"message":\#(FakeJSONWriter.quoted(message)),"status":"\#(status)","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"\#(reason)","domain":"googleapis.com","metadata":{"service":"drive.googleapis.com","quota_metric":"drive.googleapis.com/default"}}]}}"#
        return .json(code, body, headers: headers)
    }

    /// 400 `Invalid Value` for a bad parameter (a `q` Drive cannot parse, a rejected page token).
    static func invalidValue(_ parameter: String, _ message: String = "Invalid Value") -> ServerReply {
        classic(400, message, reason: "invalid", location: parameter)
    }

    /// 404 for a shared drive that does not exist or of which the caller is no member.
    static func sharedDriveNotFound(_ id: String) -> ServerReply {
        classic(404, "Shared drive not found: \(id)", reason: "notFound", location: "driveId")
    }

    /// 404 for a file that does not exist or is not visible.
    static func notFound(_ id: String) -> ServerReply {
        classic(404, "File not found: \(id).", reason: "notFound", location: "fileId")
    }

    /// 401 for a missing, expired or revoked access token.
    static var unauthenticated: ServerReply {
        classic(
            401,
            "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
            reason: "authError", location: "Authorization", locationType: "header", status: "UNAUTHENTICATED")
    }

    /// An RFC 6749 token-endpoint error.
    static func oauth(_ status: Int, _ error: String, _ description: String) -> ServerReply {
        .json(status, #"{"error":"\#(error)","error_description":\#(FakeJSONWriter.quoted(description))}"#)
    }
}
