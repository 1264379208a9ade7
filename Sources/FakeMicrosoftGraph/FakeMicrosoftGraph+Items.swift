import ConnectorHTTPTestSupport
import NIOConcurrencyHelpers

/// `GET /v1.0/drives/{d}/root`, `/items/{id}`, `/root:/{path}:` and their `/children`.
extension FakeMicrosoftGraph {
    /// The live item a reference names in `drive`, if any.
    static func resolve(_ reference: FakeGraphRoute.ItemReference, in drive: FakeGraphDriveRecord, state: State) -> FakeGraphItemRecord? {
        switch reference {
        case .root:
            return state.items[drive.rootID]
        case .id(let id):
            guard let record = state.items[id], record.driveID == drive.id, !record.isDeleted else { return nil }
            return record
        case .path(let path):
            var current = state.items[drive.rootID]
            for name in path.split(separator: "/") where !name.isEmpty {
                let wanted = name.lowercased()
                current = (state.children[current?.id ?? ""] ?? []).lazy.compactMap { state.items[$0] }.first {
                    !$0.isDeleted && $0.name.lowercased() == wanted
                }
                if current == nil { return nil }
            }
            return current
        }
    }

    private func selection(_ query: FakeGraphQuery, context: FakeGraphErrors.Context) -> Result<FakeGraphSelection, FakeGraphRefusal> {
        switch FakeGraphSelection.parse(query.select) {
        case .success(let value): return .success(value)
        case .failure(let unknown):
            return .failure(
                FakeGraphRefusal(
                    reply: FakeGraphErrors.invalidRequest(
                        "Could not find a property named '\(unknown.name)' on type 'microsoft.graph.driveItem'.", context: context)))
        }
    }

    func itemGet(
        _ driveID: String, _ reference: FakeGraphRoute.ItemReference, query: FakeGraphQuery, caller: FakeGraphCaller,
        context: FakeGraphErrors.Context
    ) -> ServerReply {
        let drive: FakeGraphDriveRecord
        switch readableDrive(driveID, caller, context: context) {
        case .success(let value): drive = value
        case .failure(let refusal): return refusal.reply
        }
        let selection: FakeGraphSelection
        switch self.selection(query, context: context) {
        case .success(let value): selection = value
        case .failure(let refusal): return refusal.reply
        }
        return state.withLockedValue { state -> ServerReply in
            guard let record = Self.resolve(reference, in: drive, state: state),
                let renderer = FakeGraphItemRenderer(drive: drive, state: state, selection: selection, mode: .item)
            else { return FakeGraphErrors.notFound(context: context) }
            var row = renderer.row(record, state: &state)
            let context = Array(
                #"{"@odata.context":\#(FakeJSONWriter.quoted(host.baseURL + "/v1.0/$metadata#drives('\(drive.id)')/items/$entity")),"#
                    .utf8)
            row.replaceSubrange(0..<1, with: context)
            return .response(status: 200, headers: Self.jsonHeaders, body: row)
        }
    }

    func childrenList(
        _ driveID: String, _ reference: FakeGraphRoute.ItemReference, query: FakeGraphQuery, caller: FakeGraphCaller,
        context: FakeGraphErrors.Context
    ) -> ServerReply {
        let drive: FakeGraphDriveRecord
        switch readableDrive(driveID, caller, context: context) {
        case .success(let value): drive = value
        case .failure(let refusal): return refusal.reply
        }
        let selection: FakeGraphSelection
        switch self.selection(query, context: context) {
        case .success(let value): selection = value
        case .failure(let refusal): return refusal.reply
        }
        if query.badTop { return FakeGraphErrors.invalidRequest("Invalid value for $top query option.", context: context) }
        let pageSize = min(query.top ?? 200, 1000)
        let offset = query.skipToken.flatMap(Self.offset(fromSkipToken:)) ?? 0
        return state.withLockedValue { state -> ServerReply in
            guard let parent = Self.resolve(reference, in: drive, state: state),
                let renderer = FakeGraphItemRenderer(drive: drive, state: state, selection: selection, mode: .item)
            else { return FakeGraphErrors.notFound(context: context) }
            let children = (state.children[parent.id] ?? []).filter { state.items[$0]?.isDeleted == false }
            let page = children.dropFirst(offset).prefix(pageSize)
            var json = FakeJSONWriter(capacity: page.count * 1500 + 512)
            json.beginObject()
            json.member("@odata.context", host.baseURL + "/v1.0/$metadata#drives('\(drive.id)')/items('\(parent.id)')/children")
            json.key("value")
            json.beginArray()
            for id in page {
                guard let record = state.items[id] else { continue }
                json.rawValue(renderer.row(record, state: &state))
            }
            json.endArray()
            if offset + page.count < children.count {
                let carried = query.carriedText
                json.member(
                    "@odata.nextLink",
                    host.baseURL + "/v1.0/drives/\(drive.id)/items/\(parent.id)/children?" + (carried.isEmpty ? "" : carried + "&")
                        + "$skiptoken=" + Self.skipToken(offset + page.count))
            }
            json.endObject()
            return .response(status: 200, headers: Self.jsonHeaders, body: json.bytes)
        }
    }
}
