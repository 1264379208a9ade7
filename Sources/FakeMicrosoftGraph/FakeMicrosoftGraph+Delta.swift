import ConnectorHTTPTestSupport
import Foundation
import NIOConcurrencyHelpers

/// `GET /v1.0/drives/{d}/root/delta`: full enumeration, changes since a token, `latest`, timestamps, and 410.
extension FakeMicrosoftGraph {
    /// Makes every delta token issued so far (enumeration pages included) answer 410 `resyncRequired`, with a
    /// `Location` header holding a fresh enumeration URL when `withLocation`.
    public func expireDeltaTokens(withLocation: Bool = true) {
        state.withLockedValue { state in
            state.delta.expiredBelow = state.delta.serial + 1
            state.delta.expiredWithLocation = withLocation
            state.delta.snapshots = [:]
        }
    }

    /// Whether delta ignores `$top` (as production has been reported to) and pages by 200; false by default: `$top`
    /// is honoured up to 1000.
    public var ignoresTop: Bool {
        get { state.withLockedValue { $0.ignoresTop } }
        set { state.withLockedValue { $0.ignoresTop = newValue } }
    }

    /// Whether deleting a folder reports each deleted descendant too; false by default (only the folder).
    public var reportsDescendantDeletions: Bool {
        get { state.withLockedValue { $0.reportsDescendantDeletions } }
        set { state.withLockedValue { $0.reportsDescendantDeletions = newValue } }
    }

    /// Shapes full enumerations: `duplicateRate` of the items come again on a later page, and `outOfOrderRate` of the
    /// folders come after their children. Defaults: 0.02 and 0.05.
    public func shapeEnumerations(duplicateRate: Double, outOfOrderRate: Double, seed: UInt64) {
        state.withLockedValue { state in
            state.delta.duplicateRate = duplicateRate
            state.delta.outOfOrderRate = outOfOrderRate
            state.delta.shapeRandom = SeededRandomSource(seed: seed)
        }
    }

    /// Passes every delta page's body through `transform` before it is sent (a body mangled on its way, for hostile
    /// tests); nil sends them as rendered.
    public func tamperWithDeltaPages(_ transform: (@Sendable ([UInt8]) -> [UInt8])?) {
        state.withLockedValue { $0.delta.tamper = transform }
    }

    /// The item ids a delta call pages through.
    struct Listing {
        var ids: [String]
        var offset: Int
        /// The change sequence the listing is complete up to: its deltaLink's token starts there.
        var upTo: Int
        /// The stored snapshot the ids come from, if stored already.
        var snapshot: Int? = nil
    }

    static let resyncMessage =
        "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about."

    func delta(
        _ driveID: String, _ reference: FakeGraphRoute.ItemReference, pathToken: String?, query: FakeGraphQuery, caller: FakeGraphCaller,
        context: FakeGraphErrors.Context
    ) -> ServerReply {
        let drive: FakeGraphDriveRecord
        switch readableDrive(driveID, caller, context: context) {
        case .success(let value): drive = value
        case .failure(let refusal): return refusal.reply
        }
        if reference != .root, reference != .id(drive.rootID) {
            return FakeGraphErrors.graph(501, "notSupported", "view.delta can only be called on the root.", context: context)
        }
        let selection: FakeGraphSelection
        switch FakeGraphSelection.parse(query.select) {
        case .success(let value): selection = value
        case .failure(let unknown):
            return FakeGraphErrors.invalidRequest(
                "Could not find a property named '\(unknown.name)' on type 'microsoft.graph.driveItem'.", context: context)
        }
        if query.badTop { return FakeGraphErrors.invalidRequest("Invalid value for $top query option.", context: context) }
        let token = pathToken ?? query.token
        return state.withLockedValue { state -> ServerReply in
            let pageSize = state.ignoresTop ? 200 : min(query.top ?? 200, 1000)
            let listing: Listing
            switch token {
            case nil:
                listing = Listing(ids: Self.enumerationOrder(drive, pageSize: pageSize, state: &state), offset: 0, upTo: state.sequence)
            case "latest"?:
                listing = Listing(ids: [], offset: 0, upTo: state.sequence)
            case let text?:
                if let issued = state.delta.tokens[text] {
                    guard issued.drive == drive.id else { return FakeGraphErrors.invalidRequest("Invalid token.", context: context) }
                    if issued.serial < state.delta.expiredBelow { return self.resync(drive, query: query, state: state, context: context) }
                    switch issued.cursor {
                    case .page(let snapshot, let offset, let upTo):
                        guard let ids = state.delta.snapshots[snapshot] else {
                            return self.resync(drive, query: query, state: state, context: context)
                        }
                        listing = Listing(ids: ids, offset: offset, upTo: upTo, snapshot: snapshot)
                    case .since(let sequence):
                        listing = Listing(ids: Self.changes(drive, in: state) { $0.lastChange > sequence }, offset: 0, upTo: state.sequence)
                    }
                } else if let since = Self.parseTimestamp(text) {
                    listing = Listing(ids: Self.changes(drive, in: state) { $0.lastChangeTime >= since }, offset: 0, upTo: state.sequence)
                } else {
                    return FakeGraphErrors.invalidRequest("Invalid token.", context: context)
                }
            }
            return self.deltaPage(drive, listing: listing, pageSize: pageSize, selection: selection, query: query, state: &state)
        }
    }

    /// One page of a listing, with `@odata.nextLink` (a page token) or, on the last page, `@odata.deltaLink`.
    private func deltaPage(
        _ drive: FakeGraphDriveRecord, listing: Listing, pageSize: Int, selection: FakeGraphSelection,
        query: FakeGraphQuery, state: inout State
    ) -> ServerReply {
        guard let renderer = FakeGraphItemRenderer(drive: drive, state: state, selection: selection, mode: .delta) else {
            return .status(500)
        }
        let end = min(listing.ids.count, listing.offset + pageSize)
        let ending: (key: String, link: String)
        if end < listing.ids.count {
            let snapshot = listing.snapshot ?? state.delta.store(listing.ids)
            let token = state.delta.issue(.page(snapshot: snapshot, offset: end, upTo: listing.upTo), drive: drive.id, ids: state.ids)
            ending = ("@odata.nextLink", link(drive.id, token: token, query: query, state: state))
        } else {
            let token = state.delta.issue(.since(listing.upTo), drive: drive.id, ids: state.ids)
            ending = ("@odata.deltaLink", link(drive.id, token: token, query: query, state: state))
        }
        // OData puts a collection's next link before or after `value` (Graph's own examples show both); a seeded half
        // of the pages have it first. The delta link ends the body.
        let linkFirst = ending.key == "@odata.nextLink" && state.delta.placementRandom.nextBits() & 1 == 0
        var json = FakeJSONWriter(capacity: (end - listing.offset) * 1500 + 512)
        json.beginObject()
        json.member("@odata.context", host.baseURL + "/v1.0/$metadata#Collection(driveItem)")
        if linkFirst { json.member(ending.key, ending.link) }
        json.key("value")
        json.beginArray()
        for index in listing.offset..<end {
            guard let record = state.items[listing.ids[index]] else { continue }
            json.rawValue(renderer.row(record, state: &state))
        }
        json.endArray()
        if !linkFirst { json.member(ending.key, ending.link) }
        json.endObject()
        let body = state.delta.tamper.map { $0(json.bytes) } ?? json.bytes
        return .response(status: 200, headers: Self.jsonHeaders, body: body)
    }

    /// A link carrying the original `$select`/`$top` and `token`, in one of the two syntaxes (seeded choice).
    private func link(_ drive: String, token: String, query: FakeGraphQuery, state: State) -> String {
        let carried = query.carriedText
        let base = host.baseURL + "/v1.0/drives/\(drive)/root/delta"
        if state.delta.linkRandom.nextBits() & 1 == 0 {
            return base + "(token='\(token)')" + (carried.isEmpty ? "" : "?" + carried)
        }
        return base + "?" + (carried.isEmpty ? "" : carried + "&") + "token=" + token
    }

    /// 410 `resyncRequired`, with `Location` (a fresh enumeration, same `$select`) unless turned off.
    private func resync(
        _ drive: FakeGraphDriveRecord, query: FakeGraphQuery, state: State, context: FakeGraphErrors.Context
    )
        -> ServerReply
    {
        var headers: [(String, String)] = []
        if state.delta.expiredWithLocation {
            let select = query.selectOnly
            headers.append(("Location", host.baseURL + "/v1.0/drives/\(drive.id)/root/delta" + (select.isEmpty ? "" : "?" + select)))
        }
        return FakeGraphErrors.graph(
            410, "resyncRequired", Self.resyncMessage, nested: "resyncChangesApplyDifferences", context: context, headers: headers)
    }

    /// The items of `drive` matching `changed`, each once, ordered by their latest change.
    private static func changes(_ drive: FakeGraphDriveRecord, in state: State, _ changed: (FakeGraphItemRecord) -> Bool) -> [String] {
        var found: [(Int, String)] = []
        for id in state.drives[drive.id]?.itemIDs ?? [] {
            guard let record = state.items[id], changed(record) else { continue }
            found.append((record.lastChange, id))
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The full enumeration's order: the root first, then folder by folder (parents before children), with seeded
    /// folders after their own children and seeded duplicates on later pages (at least `pageSize` rows later).
    static func enumerationOrder(_ drive: FakeGraphDriveRecord, pageSize: Int, state: inout State) -> [String] {
        let random = state.delta.shapeRandom
        let outOfOrder = state.delta.outOfOrderRate
        var order = [drive.rootID]
        var queue = [drive.rootID]
        var deferred: Set<String> = []
        var index = 0
        while index < queue.count {
            let folder = queue[index]
            index += 1
            for child in state.children[folder] ?? [] {
                guard let record = state.items[child], !record.isDeleted else { continue }
                if record.kind == .folder {
                    queue.append(child)
                    if !(state.children[child] ?? []).isEmpty, random.nextUnit() < outOfOrder {
                        deferred.insert(child)
                        continue
                    }
                }
                order.append(child)
            }
            if deferred.contains(folder) { order.append(folder) }
        }
        let duplicateRate = state.delta.duplicateRate
        guard duplicateRate > 0 else { return order }
        var keyed: [(Double, String)] = order.enumerated().map { (Double($0.offset), $0.element) }
        // Only items with a later page to repeat on (at least a page of items after them).
        for position in 1..<max(order.count - pageSize, 1) where random.nextUnit() < duplicateRate {
            // At least a page later, so the repeat lands on a later page.
            keyed.append((Double(position + pageSize + Int(random.nextBits() % UInt64(pageSize))) + 0.5, order[position]))
        }
        return keyed.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// A timestamp token (`2024-03-01T00:00:00Z`, fractions and offsets allowed).
    static func parseTimestamp(_ text: String) -> Date? {
        guard text.count >= 19, text.contains("T") else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
