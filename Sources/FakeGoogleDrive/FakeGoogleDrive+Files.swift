import ConnectorHTTPTestSupport
import NIOConcurrencyHelpers

extension FakeGoogleDrive {
    /// Which items a request may see: one shared drive (`corpora=drive`), or the user corpus with shared-drive items
    /// only when both `includeItemsFromAllDrives` and `supportsAllDrives` are true.
    struct Corpus {
        var driveID: String?
        var includesSharedDrives: Bool

        func contains(driveID itemDrive: String?) -> Bool {
            if let driveID { return itemDrive == driveID }
            return itemDrive == nil || includesSharedDrives
        }
    }

    /// `GET /drive/v3/files`.
    func filesList(_ parameters: [String: String]) -> ServerReply {
        let query: FakeDriveQuery?
        do {
            query = try parameters["q"].map(FakeDriveQuery.parse)
        } catch {
            return FakeDriveErrors.invalidValue("q")
        }
        let corpus: Corpus
        switch Self.corpus(parameters, corporaAllowed: true) {
        case .success(let value): corpus = value
        case .failure(let reply): return reply.reply
        }
        let mask: FakeDriveFieldMask
        do {
            mask =
                try parameters["fields"].map { try FakeDriveFieldMask.parse($0, schema: .fileList) }
                ?? FakeDriveFieldMask(members: [
                    "kind": .everything, "nextPageToken": .everything, "incompleteSearch": .everything, "files": Self.defaultFileMask,
                ])
        } catch let error as FakeDriveFieldMask.Invalid {
            return FakeDriveErrors.classic(400, error.message, reason: "invalidParameter", location: "fields")
        } catch {
            return FakeDriveErrors.invalidValue("fields")
        }
        guard let size = Self.pageSize(parameters["pageSize"]) else { return FakeDriveErrors.invalidValue("pageSize") }
        if let refusal = membershipRefusal(parameters) { return refusal }
        return state.withLockedValue { state -> ServerReply in
            let pageSize = min(size, state.maxPageSize)
            var ids: [String]
            var offset = 0
            if let token = parameters["pageToken"] {
                guard let (listing, start) = Self.parsePageToken(token), let snapshot = state.listings[listing] else {
                    return FakeDriveErrors.invalidValue("pageToken")
                }
                ids = snapshot
                offset = start
            } else {
                ids = Self.matches(query, corpus: corpus, in: state)
                if let parents = query?.candidateParents, let effect = state.multiParentBug.effect(parents: parents) {
                    ids = FakeDriveMultiParentBug.apply(effect, to: ids, queriedParents: parents, items: state.items)
                }
            }
            let end = min(ids.count, offset + pageSize)
            var next: String?
            if end < ids.count {
                let listing: Int
                if let token = parameters["pageToken"], let (existing, _) = Self.parsePageToken(token) {
                    listing = existing
                } else {
                    listing = state.nextListing
                    state.nextListing += 1
                    state.listings[listing] = ids
                    state.listingOrder.append(listing)
                    if state.listingOrder.count > 256 { state.listings[state.listingOrder.removeFirst()] = nil }
                }
                next = "~!!~AI9FV7\(listing).\(end)"
            }
            let renderer = FakeDriveFileRenderer(mask.child("files") ?? FakeDriveFieldMask())
            var json = FakeJSONWriter(capacity: (end - offset) * 600 + 200)
            json.beginObject()
            if mask.has("kind") { json.member("kind", "drive#fileList") }
            if mask.has("nextPageToken"), let next { json.member("nextPageToken", next) }
            if mask.has("incompleteSearch") { json.member("incompleteSearch", state.incompleteSearch) }
            if mask.has("files") {
                json.key("files")
                json.beginArray()
                var trash = TrashLookup()
                for id in ids[offset..<end] {
                    guard let item = state.items[id] else { continue }
                    renderer.write(item, trashed: trash.isTrashed(item, in: state), into: &json)
                }
                json.endArray()
            }
            json.endObject()
            return .response(status: 200, headers: [("Content-Type", "application/json; charset=UTF-8")], body: json.bytes)
        }
    }

    /// `GET /drive/v3/files/{fileId}`.
    func filesGet(_ id: String, _ parameters: [String: String]) -> ServerReply {
        let mask: FakeDriveFieldMask
        do {
            mask = try parameters["fields"].map { try FakeDriveFieldMask.parse($0, schema: .file) } ?? Self.defaultFileMask
        } catch let error as FakeDriveFieldMask.Invalid {
            return FakeDriveErrors.classic(400, error.message, reason: "invalidParameter", location: "fields")
        } catch {
            return FakeDriveErrors.invalidValue("fields")
        }
        return state.withLockedValue { state -> ServerReply in
            guard let item = state.items[id], item.driveID == nil || parameters["supportsAllDrives"] == "true" else {
                return FakeDriveErrors.notFound(id)
            }
            var json = FakeJSONWriter()
            FakeDriveFileRenderer(mask).write(item, trashed: Self.isTrashed(item, in: state), into: &json)
            return .response(status: 200, headers: [("Content-Type", "application/json; charset=UTF-8")], body: json.bytes)
        }
    }

    /// What Drive returns per file without `fields`.
    static let defaultFileMask = FakeDriveFieldMask(members: [
        "kind": .everything, "id": .everything, "name": .everything, "mimeType": .everything, "resourceKey": .everything,
    ])

    struct ReplyError: Error { var reply: ServerReply }

    /// The corpus of a `files.list` or `changes.list` request, or the 400 Drive gives for inconsistent flags.
    static func corpus(_ parameters: [String: String], corporaAllowed: Bool) -> Result<Corpus, ReplyError> {
        let driveID = parameters["driveId"]
        let allDrives = parameters["includeItemsFromAllDrives"] == "true"
        let supports = parameters["supportsAllDrives"] == "true"
        if corporaAllowed {
            let corpora = parameters["corpora"] ?? "user"
            guard ["user", "drive", "domain", "allDrives"].contains(corpora) else {
                return .failure(ReplyError(reply: invalidValue("corpora")))
            }
            guard (corpora == "drive") == (driveID != nil) else {
                return .failure(
                    ReplyError(
                        reply: FakeDriveErrors.classic(
                            400, "The driveId parameter must be specified if and only if corpora is set to drive.", reason: "invalid",
                            location: "driveId")))
            }
        }
        if driveID != nil {
            guard supports else {
                return .failure(
                    ReplyError(
                        reply: FakeDriveErrors.classic(
                            400, "supportsAllDrives must be true when driveId is specified.", reason: "invalid",
                            location: "supportsAllDrives")))
            }
            guard allDrives || !corporaAllowed else {
                return .failure(
                    ReplyError(
                        reply: FakeDriveErrors.classic(
                            400, "The includeItemsFromAllDrives parameter must be set to true when driveId is specified.",
                            reason: "invalid", location: "includeItemsFromAllDrives")))
            }
        }
        return .success(Corpus(driveID: driveID, includesSharedDrives: allDrives && supports))
    }

    private static func invalidValue(_ parameter: String) -> ServerReply { FakeDriveErrors.invalidValue(parameter) }

    /// `pageSize`: 100 when absent, at most 1000, 400 when not a positive integer.
    static func pageSize(_ text: String?) -> Int? {
        guard let text else { return 100 }
        guard let value = Int(text), value >= 1 else { return nil }
        return min(value, 1000)
    }

    static func parsePageToken(_ token: String) -> (Int, Int)? {
        guard token.hasPrefix("~!!~AI9FV7") else { return nil }
        let parts = token.dropFirst(10).split(separator: ".")
        guard parts.count == 2, let listing = Int(parts[0]), let offset = Int(parts[1]) else { return nil }
        return (listing, offset)
    }

    /// The ids matching `query` in `corpus`, children in creation order when the query names parents.
    static func matches(_ query: FakeDriveQuery?, corpus: Corpus, in state: State) -> [String] {
        var candidates: [String]
        if let parents = query?.candidateParents {
            candidates = []
            var seen = Set<String>()
            for parent in parents {
                for child in state.children[parent] ?? [] where seen.insert(child).inserted { candidates.append(child) }
            }
        } else {
            candidates = state.items.keys.sorted()
        }
        var trash = TrashLookup()
        return candidates.filter { id in
            guard let item = state.items[id], corpus.contains(driveID: item.driveID) else { return false }
            return query?.matches(item, trashed: trash.isTrashed(item, in: state)) ?? true
        }
    }

    /// Trashed directly or through a trashed ancestor, with ancestors' answers kept for one request.
    struct TrashLookup {
        private var folders: [String: Bool] = [:]

        mutating func isTrashed(_ item: FakeDriveItem, in state: State) -> Bool {
            item.explicitlyTrashed || item.parents.contains { folderTrashed($0, in: state, depth: 0) }
        }

        private mutating func folderTrashed(_ id: String, in state: State, depth: Int) -> Bool {
            if let known = folders[id] { return known }
            guard let folder = state.items[id], depth < 64 else { return false }
            let trashed = folder.explicitlyTrashed || folder.parents.contains { folderTrashed($0, in: state, depth: depth + 1) }
            folders[id] = trashed
            return trashed
        }
    }

    /// Trashed directly or through a trashed ancestor.
    static func isTrashed(_ item: FakeDriveItem, in state: State, depth: Int = 0) -> Bool {
        if item.explicitlyTrashed { return true }
        guard depth < 64 else { return false }
        return item.parents.contains { parent in
            state.items[parent].map { isTrashed($0, in: state, depth: depth + 1) } ?? false
        }
    }
}
