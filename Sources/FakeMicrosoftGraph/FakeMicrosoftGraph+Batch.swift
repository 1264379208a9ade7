import ConnectorHTTPTestSupport
import ConnectorJSON
import NIOConcurrencyHelpers

/// `POST /v1.0/$batch`: up to 20 GET requests answered one by one (each counted, throttled and faulted on its own),
/// the responses in a seeded shuffled order.
extension FakeMicrosoftGraph {
    func batch(_ request: RecordedRequest, caller: FakeGraphCaller, context: FakeGraphErrors.Context) -> ServerReply {
        guard let body = try? JSONParser.parseValue(request.bodyText), let entries = body["requests"]?.arrayValue else {
            return FakeGraphErrors.graph(400, "BadRequest", "Invalid batch payload format.", context: context)
        }
        guard entries.count <= 20 else {
            return FakeGraphErrors.graph(400, "BadRequest", "The number of batch requests exceeds the limit of 20.", context: context)
        }
        let ids = entries.map { $0["id"]?.stringValue ?? "" }
        guard !ids.contains(""), Set(ids).count == ids.count else {
            return FakeGraphErrors.graph(400, "BadRequest", "Batch request ids must be present and unique.", context: context)
        }
        var responses: [(String, Int, [(String, String)], [UInt8])] = []
        for entry in entries {
            let id = entry["id"]?.stringValue ?? ""
            let method = entry["method"]?.stringValue ?? "GET"
            var url = entry["url"]?.stringValue ?? ""
            if !url.hasPrefix("/") { url = "/" + url }
            let inner = RecordedRequest(
                method: method, uri: "/v1.0" + url,
                headers: request.headers.filter { ["authorization", "client-request-id"].contains($0.0.lowercased()) })
            let route = FakeGraphRoute.parse(method: method, path: inner.path)
            let name = routeName(route)
            let innerContext = errorContext(inner)
            let fault = state.withLockedValue { state -> FakeGraphFault? in
                host.count(name)
                return state.faults.next(route: name)
            }
            let reply: ServerReply
            if let fault {
                reply =
                    fault == .connectionReset
                    ? FakeGraphErrors.graph(500, "generalException", "", context: innerContext) : fault.reply(innerContext)
            } else if case .batch = route {
                reply = FakeGraphErrors.graph(400, "BadRequest", "Nested batch requests are not supported.", context: innerContext)
            } else if case .unknown = route {
                reply = FakeGraphErrors.graph(
                    400, "BadRequest", "Resource not found for the segment '\(inner.path)'.", context: innerContext)
            } else if let throttled = charge(caller, cost: Self.cost(route, request: inner), context: innerContext) {
                reply = throttled
            } else {
                reply = dispatch(inner, route: route, caller: caller, context: innerContext)
            }
            guard case .response(let status, let headers, let bytes) = reply else { continue }
            responses.append((id, status, headers + [("request-id", innerContext.requestID)], bytes))
        }
        let random = state.withLockedValue { $0.delta.linkRandom }
        for index in stride(from: responses.count - 1, to: 0, by: -1) {
            responses.swapAt(index, Int(random.nextBits() % UInt64(index + 1)))
        }
        var json = FakeJSONWriter(capacity: responses.reduce(256) { $0 + $1.3.count + 256 })
        json.beginObject()
        json.key("responses")
        json.beginArray()
        for (id, status, headers, bytes) in responses {
            json.beginObject()
            json.member("id", id)
            json.member("status", number: Int64(status))
            json.key("headers")
            json.beginObject()
            for (name, value) in headers where name.lowercased() != "content-length" { json.member(name, value) }
            json.endObject()
            if !bytes.isEmpty {
                json.key("body")
                json.rawValue(bytes)
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return .response(status: 200, headers: Self.jsonHeaders, body: json.bytes)
    }
}
