import ConnectorHTTPTestSupport

/// Graph's and Entra's error replies.
enum FakeGraphErrors {
    /// What every Graph error body and reply carries about its request.
    struct Context {
        /// `request-id`: the service's id for this request.
        var requestID: String
        /// `client-request-id`: the client's header echoed, or a new GUID.
        var clientRequestID: String
        /// `innerError.date`: `2024-03-04T12:00:00`.
        var date: String
        /// Spell the inner member `innererror`, as older bodies do.
        var oldSpelling: Bool
    }

    /// `{"error":{"code","message","innerError":{["code",]"date","request-id","client-request-id"[,"innerError":…]}}}`.
    /// With `nested`, the inner error carries that more specific code (and, with `nestedFurther`, one more level).
    static func graph(
        _ status: Int, _ code: String, _ message: String, nested: String? = nil, nestedFurther: String? = nil, context: Context,
        headers: [(String, String)] = []
    ) -> ServerReply {
        var json = FakeJSONWriter(capacity: 512)
        json.beginObject()
        json.key("error")
        json.beginObject()
        json.member("code", code)
        json.member("message", message)
        json.key(context.oldSpelling ? "innererror" : "innerError")
        json.beginObject()
        if let nested { json.member("code", nested) }
        json.member("date", context.date)
        json.member("request-id", context.requestID)
        json.member("client-request-id", context.clientRequestID)
        if let nestedFurther {
            json.key("innerError")
            json.beginObject()
            json.member("code", nestedFurther)
            json.endObject()
        }
        json.endObject()
        json.endObject()
        json.endObject()
        return .response(status: status, headers: [("Content-Type", "application/json")] + headers, body: json.bytes)
    }

    /// 401 `InvalidAuthenticationToken` with the `WWW-Authenticate` challenge Graph sends.
    static func invalidToken(_ message: String, context: Context) -> ServerReply {
        let challenge =
            #"Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000", error="invalid_token", error_description=\#(FakeJSONWriter.quoted(message))"#
        return graph(401, "InvalidAuthenticationToken", message, context: context, headers: [("WWW-Authenticate", challenge)])
    }

    /// 403 `accessDenied`.
    static func accessDenied(context: Context) -> ServerReply {
        graph(403, "accessDenied", "Access denied", context: context)
    }

    /// 404 `itemNotFound`.
    static func notFound(_ message: String = "The resource could not be found.", context: Context) -> ServerReply {
        graph(404, "itemNotFound", message, context: context)
    }

    /// 400 `invalidRequest`.
    static func invalidRequest(_ message: String, context: Context) -> ServerReply {
        graph(400, "invalidRequest", message, context: context)
    }

    /// An Entra token-endpoint error: `{"error","error_description":"AADSTSnnnn: …\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: …",
    /// "error_codes":[n],"timestamp","trace_id","correlation_id","error_uri"}`.
    static func entra(
        _ status: Int, _ error: String, code: Int, _ description: String, traceID: String, correlationID: String, timestamp: String
    ) -> ServerReply {
        let text = "AADSTS\(code): \(description)\r\nTrace ID: \(traceID)\r\nCorrelation ID: \(correlationID)\r\nTimestamp: \(timestamp)"
        var json = FakeJSONWriter(capacity: 512)
        json.beginObject()
        json.member("error", error)
        json.member("error_description", text)
        json.key("error_codes")
        json.beginArray()
        json.literal(String(code))
        json.endArray()
        json.member("timestamp", timestamp)
        json.member("trace_id", traceID)
        json.member("correlation_id", correlationID)
        json.member("error_uri", "https://login.microsoftonline.com/error?code=\(code)")
        json.endObject()
        return .response(status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: json.bytes)
    }
}
