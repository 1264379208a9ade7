import ConnectorHTTPTestSupport
import NIOConcurrencyHelpers

extension FakeGoogleDrive {
    /// `GET /drive/v3/changes/startPageToken`.
    func startPageToken(_ parameters: [String: String]) -> ServerReply {
        if parameters["driveId"] != nil, parameters["supportsAllDrives"] != "true" {
            return FakeDriveErrors.classic(
                400, "supportsAllDrives must be true when driveId is specified.", reason: "invalid", location: "supportsAllDrives")
        }
        let mask: FakeDriveFieldMask
        do {
            mask = try parameters["fields"].map { try FakeDriveFieldMask.parse($0, schema: .startPageToken) } ?? .everything
        } catch {
            return FakeDriveErrors.classic(400, "Invalid field selection", reason: "invalidParameter", location: "fields")
        }
        if let refusal = membershipRefusal(parameters) { return refusal }
        let token = state.withLockedValue { String($0.nextSequence) }
        var json = FakeJSONWriter()
        json.beginObject()
        if mask.has("kind") { json.member("kind", "drive#startPageToken") }
        if mask.has("startPageToken") { json.member("startPageToken", token) }
        json.endObject()
        return .response(status: 200, headers: [("Content-Type", "application/json; charset=UTF-8")], body: json.bytes)
    }

    /// `GET /drive/v3/changes`: the latest change of each file since the token, oldest first.
    func changesList(_ parameters: [String: String]) -> ServerReply {
        guard let tokenText = parameters["pageToken"] else {
            return FakeDriveErrors.classic(400, "Required parameter: pageToken", reason: "required", location: "pageToken")
        }
        let corpus: Corpus
        switch Self.corpus(parameters, corporaAllowed: false) {
        case .success(let value): corpus = value
        case .failure(let reply): return reply.reply
        }
        let mask: FakeDriveFieldMask
        do {
            mask = try parameters["fields"].map { try FakeDriveFieldMask.parse($0, schema: .changeList) } ?? Self.defaultChangeListMask
        } catch let error as FakeDriveFieldMask.Invalid {
            return FakeDriveErrors.classic(400, error.message, reason: "invalidParameter", location: "fields")
        } catch {
            return FakeDriveErrors.invalidValue("fields")
        }
        guard let pageSize = Self.pageSize(parameters["pageSize"]) else { return FakeDriveErrors.invalidValue("pageSize") }
        if let refusal = membershipRefusal(parameters) { return refusal }
        let includeRemoved = parameters["includeRemoved"] != "false"
        return state.withLockedValue { state -> ServerReply in
            guard let token = Int(tokenText), token >= state.oldestValidChangeToken, token <= state.nextSequence else {
                return FakeDriveErrors.invalidValue("pageToken")
            }
            var selected: [LogEntry] = []
            var next: String?
            for entry in state.log[(token - 1)...] where state.latestChange[entry.id] == entry.sequence {
                guard corpus.contains(driveID: entry.driveID), includeRemoved || state.items[entry.id] != nil else { continue }
                if selected.count == pageSize {
                    next = String(entry.sequence)
                    break
                }
                selected.append(entry)
            }
            let changeMask = mask.child("changes") ?? FakeDriveFieldMask()
            let renderer = FakeDriveFileRenderer(changeMask.child("file") ?? FakeDriveFieldMask())
            var json = FakeJSONWriter(capacity: selected.count * 700 + 200)
            json.beginObject()
            if mask.has("kind") { json.member("kind", "drive#changeList") }
            if let next {
                if mask.has("nextPageToken") { json.member("nextPageToken", next) }
            } else if mask.has("newStartPageToken") {
                json.member("newStartPageToken", String(state.nextSequence))
            }
            if mask.has("changes") {
                json.key("changes")
                json.beginArray()
                for entry in selected {
                    let item = state.items[entry.id]
                    json.beginObject()
                    if changeMask.has("kind") { json.member("kind", "drive#change") }
                    if changeMask.has("changeType") { json.member("changeType", "file") }
                    if changeMask.has("time") { json.member("time", entry.time) }
                    if changeMask.has("removed") { json.member("removed", item == nil) }
                    if changeMask.has("fileId") { json.member("fileId", entry.id) }
                    if changeMask.has("driveId"), let drive = entry.driveID { json.member("driveId", drive) }
                    if changeMask.has("file"), let item {
                        json.key("file")
                        renderer.write(item, trashed: Self.isTrashed(item, in: state), into: &json)
                    }
                    json.endObject()
                }
                json.endArray()
            }
            json.endObject()
            return .response(status: 200, headers: [("Content-Type", "application/json; charset=UTF-8")], body: json.bytes)
        }
    }

    static let defaultChangeListMask = FakeDriveFieldMask(members: [
        "kind": .everything, "nextPageToken": .everything, "newStartPageToken": .everything,
        "changes": FakeDriveFieldMask(members: [
            "kind": .everything, "changeType": .everything, "time": .everything, "removed": .everything, "fileId": .everything,
            "file": defaultFileMask,
        ]),
    ])
}
