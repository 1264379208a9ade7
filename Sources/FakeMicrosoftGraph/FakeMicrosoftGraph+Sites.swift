import ConnectorHTTPTestSupport
import ConnectorJSON
import Foundation
import NIOConcurrencyHelpers

/// Sites, document libraries and `Sites.Selected` grants, and their routes.
extension FakeMicrosoftGraph {
    /// Creates a site in `tenant` at `https://hostname/path`; its id is `hostname,<GUID>,<GUID>`.
    public func createSite(
        in tenant: FakeGraphTenant, hostname: String = "contoso.sharepoint.com", path: String = "/sites/Engineering",
        displayName: String = "Engineering"
    ) -> FakeGraphSite {
        let now = Self.timestamp(clock())
        return state.withLockedValue { state in
            let collection = state.ids.guid()
            let web = state.ids.guid()
            let site = FakeGraphSite(
                id: "\(hostname),\(collection),\(web)", tenantID: tenant.id, hostname: hostname, path: path, displayName: displayName,
                webUrl: "https://\(hostname)" + Self.encodedPath(path))
            state.sites[site.id] = FakeGraphSiteRecord(site: site, siteCollectionID: collection, webID: web, created: now)
            return site
        }
    }

    /// Creates a document library in `site` and returns its id (`b!` and 64 base64url characters). `name` is the
    /// (localized) display name, `urlSegment` the library's folder in URLs: they differ on purpose.
    public func createDrive(
        in site: FakeGraphSite, name: String = "Documents", urlSegment: String = "Shared Documents", isDefault: Bool = true,
        isSystem: Bool = false, driveType: String = "documentLibrary"
    ) -> String {
        let now = clock()
        return state.withLockedValue { state in
            let id = state.ids.driveID()
            let rootID = state.ids.itemID()
            if isDefault {
                for other in state.sites[site.id]?.drives ?? [] { state.drives[other]?.isDefault = false }
            }
            var drive = FakeGraphDriveRecord(
                id: id, siteID: site.id, name: name, urlSegment: urlSegment, isDefault: isDefault, isSystem: isSystem,
                driveType: driveType, rootID: rootID, listID: state.ids.guid(), created: Self.timestamp(now))
            drive.itemIDs.append(rootID)
            state.drives[id] = drive
            state.sites[site.id]?.drives.append(id)
            state.sequence += 1
            state.version += 1
            state.items[rootID] = FakeGraphItemRecord(
                id: rootID, name: "root", parentID: nil, driveID: id, kind: .root, size: 0, uniqueID: state.ids.guid().uppercased(),
                listItemID: 0, created: Self.timestamp(now), modified: Self.timestamp(now), createdBy: 0, modifiedBy: 0,
                lastChange: state.sequence, lastChangeTime: now, version: state.version)
            state.children[rootID] = []
            return id
        }
    }

    /// Grants `app` `roles` on `site`, as `POST /v1.0/sites/{id}/permissions` does.
    public func grant(_ app: FakeGraphApp, site: FakeGraphSite, roles: [String] = ["read"]) {
        state.withLockedValue { $0.sites[site.id]?.grants[app.clientID] = roles }
    }

    /// Whether `caller` may use `site`'s own routes.
    static func canRead(site: FakeGraphSiteRecord, _ caller: FakeGraphCaller) -> Bool {
        caller.readsAllSites || (caller.permissions.contains(.sitesSelected) && !(site.grants[caller.clientID] ?? []).isEmpty)
    }

    /// Whether `caller` may read `drive`'s items.
    static func canRead(drive: FakeGraphDriveRecord, in state: State, _ caller: FakeGraphCaller) -> Bool {
        guard let site = state.sites[drive.siteID] else { return false }
        return caller.permissions.contains(.filesReadAll) || canRead(site: site, caller)
    }

    /// The drive if `caller` may read it, else the 404 or 403.
    func readableDrive(
        _ id: String, _ caller: FakeGraphCaller, context: FakeGraphErrors.Context
    ) -> Result<
        FakeGraphDriveRecord, FakeGraphRefusal
    > {
        state.withLockedValue { state in
            guard let drive = state.drives[id], state.sites[drive.siteID]?.site.tenantID == caller.tenantID else {
                return .failure(FakeGraphRefusal(reply: FakeGraphErrors.notFound("The requested drive was not found.", context: context)))
            }
            guard Self.canRead(drive: drive, in: state, caller) else {
                return .failure(FakeGraphRefusal(reply: FakeGraphErrors.accessDenied(context: context)))
            }
            return .success(drive)
        }
    }

    func siteReply(
        _ id: String, tail: FakeGraphRoute.SiteTail, request: RecordedRequest, query: FakeGraphQuery, caller: FakeGraphCaller,
        context: FakeGraphErrors.Context
    ) -> ServerReply {
        let record = state.withLockedValue { $0.sites[id] }
        guard let record, record.site.tenantID == caller.tenantID else {
            return FakeGraphErrors.notFound("Requested site could not be found", context: context)
        }
        if tail == .permissions { return createPermission(record, request: request, caller: caller, context: context) }
        guard Self.canRead(site: record, caller) else { return FakeGraphErrors.accessDenied(context: context) }
        switch tail {
        case .entity:
            var json = FakeJSONWriter()
            json.beginObject()
            json.member("@odata.context", baseURL + "/v1.0/$metadata#sites/$entity")
            json.member("createdDateTime", record.created)
            json.member("description", "")
            json.member("id", record.site.id)
            json.member("lastModifiedDateTime", record.created)
            json.member("name", String(record.site.path.split(separator: "/").last ?? ""))
            json.member("webUrl", record.site.webUrl)
            json.member("displayName", record.site.displayName)
            json.emptyObject("root")
            json.key("siteCollection")
            json.beginObject()
            json.member("hostname", record.site.hostname)
            json.endObject()
            json.endObject()
            return .response(status: 200, headers: Self.jsonHeaders, body: json.bytes)
        case .drive:
            let drive = state.withLockedValue { state in record.drives.compactMap { state.drives[$0] }.first { $0.isDefault } }
            guard let drive else { return FakeGraphErrors.notFound("The site has no default document library.", context: context) }
            return driveReply(drive, query: query, context: context)
        case .drives:
            return drivesList(record, query: query, context: context)
        case .permissions:
            return FakeGraphErrors.invalidRequest("Invalid request", context: context)
        }
    }

    func driveGet(_ id: String, query: FakeGraphQuery, caller: FakeGraphCaller, context: FakeGraphErrors.Context) -> ServerReply {
        switch readableDrive(id, caller, context: context) {
        case .success(let drive): driveReply(drive, query: query, context: context)
        case .failure(let refusal): refusal.reply
        }
    }

    static let driveFields: Set<String> = [
        "id", "name", "driveType", "webUrl", "createdDateTime", "lastModifiedDateTime", "description", "createdBy", "lastModifiedBy",
        "owner", "quota", "system", "sharePointIds", "root", "items", "list", "following", "special",
    ]

    private func driveReply(_ drive: FakeGraphDriveRecord, query: FakeGraphQuery, context: FakeGraphErrors.Context) -> ServerReply {
        if let unknown = query.select?.first(where: { !Self.driveFields.contains($0) }) {
            return FakeGraphErrors.invalidRequest(
                "Could not find a property named '\(unknown)' on type 'microsoft.graph.drive'.", context: context)
        }
        var json = FakeJSONWriter()
        state.withLockedValue { state in
            json.beginObject()
            json.member("@odata.context", host.baseURL + "/v1.0/$metadata#drives/$entity")
            Self.renderDrive(drive, select: query.select.map(Set.init), in: state, into: &json)
            json.endObject()
        }
        return .response(status: 200, headers: Self.jsonHeaders, body: json.bytes)
    }

    private func drivesList(_ site: FakeGraphSiteRecord, query: FakeGraphQuery, context: FakeGraphErrors.Context) -> ServerReply {
        if let unknown = query.select?.first(where: { !Self.driveFields.contains($0) }) {
            return FakeGraphErrors.invalidRequest(
                "Could not find a property named '\(unknown)' on type 'microsoft.graph.drive'.", context: context)
        }
        let select = query.select.map(Set.init)
        let showSystem = select?.contains("system") ?? false
        let pageSize = min(query.top ?? 200, 1000)
        let offset = query.skipToken.flatMap(Self.offset(fromSkipToken:)) ?? 0
        var json = FakeJSONWriter()
        state.withLockedValue { state in
            let drives = site.drives.compactMap { state.drives[$0] }.filter { showSystem || !$0.isSystem }
            let page = drives.dropFirst(offset).prefix(pageSize)
            json.beginObject()
            json.member("@odata.context", host.baseURL + "/v1.0/$metadata#drives")
            json.key("value")
            json.beginArray()
            for drive in page {
                json.beginObject()
                Self.renderDrive(drive, select: select, in: state, into: &json)
                json.endObject()
            }
            json.endArray()
            if offset + page.count < drives.count {
                let carried = query.carriedText
                json.member(
                    "@odata.nextLink",
                    host.baseURL + "/v1.0/sites/\(site.site.id)/drives?" + (carried.isEmpty ? "" : carried + "&") + "$skiptoken="
                        + Self.skipToken(offset + page.count))
            }
            json.endObject()
        }
        return .response(status: 200, headers: Self.jsonHeaders, body: json.bytes)
    }

    private static func renderDrive(
        _ drive: FakeGraphDriveRecord, select: Set<String>?, in state: State, into json: inout FakeJSONWriter
    ) {
        func has(_ field: String) -> Bool { select?.contains(field) ?? (field != "system" && field != "sharePointIds") }
        let site = state.sites[drive.siteID]
        let root = state.items[drive.rootID]
        if has("createdDateTime") { json.member("createdDateTime", drive.created) }
        if has("description") { json.member("description", "") }
        json.member("id", drive.id)
        if has("lastModifiedDateTime") { json.member("lastModifiedDateTime", root?.modified ?? drive.created) }
        if has("name") { json.member("name", drive.name) }
        if has("webUrl") { json.member("webUrl", libraryURL(drive, in: state)) }
        if has("driveType") { json.member("driveType", drive.driveType) }
        if has("createdBy") { writeSystemUser("createdBy", into: &json) }
        if has("lastModifiedBy") { writeSystemUser("lastModifiedBy", into: &json) }
        if has("owner"), let site {
            json.key("owner")
            json.beginObject()
            json.key("group")
            json.beginObject()
            json.member("id", site.webID)
            json.member("displayName", site.site.displayName + " Owners")
            json.endObject()
            json.endObject()
        }
        if has("quota") {
            let used = root?.size ?? 0
            json.key("quota")
            json.beginObject()
            json.member("deleted", number: 0)
            json.member("remaining", number: 27_487_790_694_400 - used)
            json.member("state", "normal")
            json.member("total", number: 27_487_790_694_400)
            json.member("used", number: used)
            json.endObject()
        }
        if has("system"), drive.isSystem { json.emptyObject("system") }
    }

    private static func writeSystemUser(_ name: String, into json: inout FakeJSONWriter) {
        json.key(name)
        json.beginObject()
        json.key("user")
        json.beginObject()
        json.member("displayName", "System Account")
        json.endObject()
        json.endObject()
    }

    /// `POST /v1.0/sites/{id}/permissions`: grants a `Sites.Selected` app; needs `Sites.FullControl.All`.
    private func createPermission(
        _ site: FakeGraphSiteRecord, request: RecordedRequest, caller: FakeGraphCaller, context: FakeGraphErrors.Context
    ) -> ServerReply {
        guard caller.permissions.contains(.sitesFullControlAll) else { return FakeGraphErrors.accessDenied(context: context) }
        guard let body = try? JSONParser.parseValue(request.bodyText), let roles = body["roles"]?.arrayValue?.compactMap(\.stringValue),
            !roles.isEmpty, let application = body["grantedToIdentities"]?[0]?["application"],
            let clientID = application["id"]?.stringValue
        else {
            return FakeGraphErrors.invalidRequest("Invalid request", context: context)
        }
        let displayName = application["displayName"]?.stringValue ?? ""
        let permissionID: String? = state.withLockedValue { state in
            guard state.apps[clientID] != nil else { return nil }
            state.sites[site.site.id]?.grants[clientID] = roles
            return Self.base64URL(Array("i:0i.t|ms.sp.ext|\(clientID)@\(site.site.tenantID)".utf8))
        }
        guard let permissionID else {
            return FakeGraphErrors.invalidRequest("Invalid value specified for property 'id' of resource 'Identity'.", context: context)
        }
        var json = FakeJSONWriter()
        json.beginObject()
        json.member("@odata.context", baseURL + "/v1.0/$metadata#sites('\(site.site.id)')/permissions/$entity")
        json.member("id", permissionID)
        json.key("roles")
        json.beginArray()
        for role in roles { json.string(role) }
        json.endArray()
        for key in ["grantedToIdentitiesV2", "grantedToIdentities"] {
            json.key(key)
            json.beginArray()
            json.beginObject()
            json.key("application")
            json.beginObject()
            json.member("displayName", displayName)
            json.member("id", clientID)
            json.endObject()
            json.endObject()
            json.endArray()
        }
        json.endObject()
        return .response(status: 201, headers: Self.jsonHeaders, body: json.bytes)
    }

    static let jsonHeaders: [(String, String)] = [
        ("Content-Type", "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8")
    ]

    /// The library's URL: the site's URL and the percent-encoded URL segment.
    static func libraryURL(_ drive: FakeGraphDriveRecord, in state: State) -> String {
        (state.sites[drive.siteID]?.site.webUrl ?? "") + "/" + percentEncoded(drive.urlSegment)
    }

    /// `/a b/c` → `/a%20b/c`.
    static func encodedPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { percentEncoded(String($0)) }.joined(separator: "/")
    }

    private static let unreserved: Set<UInt8> = Set(Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Percent-encodes everything but unreserved ASCII.
    static func percentEncoded(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hex[Int(byte >> 4)])
                output.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// An opaque `$skiptoken` for an offset, shaped like SharePoint's (`UGFnZWQ9VFJVRSZwX0lEPTIwMA`).
    static func skipToken(_ offset: Int) -> String {
        base64URL(Array("Paged=TRUE&p_ID=\(offset)".utf8))
    }

    static func offset(fromSkipToken token: String) -> Int? {
        guard let data = base64URLDecoded(token), let text = String(data: data, encoding: .utf8), text.hasPrefix("Paged=TRUE&p_ID=") else {
            return nil
        }
        return Int(text.dropFirst("Paged=TRUE&p_ID=".count))
    }
}
