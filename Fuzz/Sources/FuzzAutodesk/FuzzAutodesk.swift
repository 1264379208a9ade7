import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import Foundation
import FuzzSupport
import Logging

@testable import ConnectorProviderAutodesk

/// Autodesk Data Management JSON:API documents, read as `DataManagementAPI.get` reads them, then walked as
/// `FolderWalk` walks a page: folders become child paths, items are matched with their tip versions from
/// `included` and mapped to the catalog's record by ``ItemFile``; `links.next.href` is resolved on the API root.
/// Also the walk's resume token (`aps2.` or the older `aps1.` + base64url JSON), which comes back from the store.
///
/// Input: byte 0 picks the mode (0: a folder-contents list, 1: a single resource, 2: a resume token); the rest is
/// the body. Checked: a resolved `next` link never points at another host than the API root's.
@_cdecl("FuzzAutodesk_main")
public func fuzzAutodeskMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzerDriver.run(argc, argv, testOneInput: fuzzAutodesk)
}

let apiRoot = "https://developer.api.autodesk.com"

/// An API whose client is never used to send: only `resolve` is called.
let api: DataManagementAPI = {
    let client = ProviderHTTPClient(logger: Logger(label: "fuzz", factory: { _ in SwiftLogNoOpLogHandler() }))
    let context = RequestContext()
    do {
        let credentials = try APSCredentials(
            CredentialDocument(data: Data(#"{"client_id":"id","client_secret":"secret"}"#.utf8), origin: "fuzz"))
        let tokens = APSTokenSource(
            credentials: credentials, tokenURL: apiRoot + "/authentication/v2/token", client: client, context: context)
        return DataManagementAPI(
            client: client, context: context, apiRoot: apiRoot, hubID: "b.hub", projectID: "b.project", tokenSource: tokens)
    } catch {
        fatalError("cannot build the API: \(error)")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAutodesk(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(FuzzerDriver.bytes(data, size))
    let mode = input.byte() % 3
    let body = Data(input.rest)
    switch mode {
    case 0:
        guard let list = try? JSONDecoder().decode(JSONAPIList.self, from: body) else { return 0 }
        walk(list.data, included: list.included ?? [])
        if let next = list.links?.next?.href { checkResolve(next) }
    case 1:
        guard let single = try? JSONDecoder().decode(JSONAPISingle.self, from: body) else { return 0 }
        walk([single.data], included: single.included ?? [])
        if let next = single.data.links?.next?.href { checkResolve(next) }
    default:
        // Both token forms: the current one (`aps2.`, folders listed at once) and the one earlier versions wrote.
        for prefix in ["aps2.", "aps1."] {
            guard let cursor = WalkCursor(token: prefix + input.restText) else { continue }
            guard let again = WalkCursor(token: cursor.token) else { fatalError("a resume token does not read back: \(cursor.token)") }
            _ = again.pending.count
            for listing in cursor.active { if let next = listing.next { checkResolve(next) } }
        }
    }
    return 0
}

/// What `FolderWalk.listPage` and `addItems` do with one page of a folder at `Project Files/Plans`.
func walk(_ entries: [JSONAPIResource], included: [JSONAPIResource]) {
    let folder = WalkCursor.Folder(id: "urn:folder", path: "Project Files/Plans", mode: .all)
    var tips: [String: JSONAPIResource] = [:]
    for version in included where version.type == "versions" { tips[version.id] = version }
    for entry in entries {
        if entry.type == "folders" {
            let name = entry.attributes?.name ?? entry.attributes?.displayName ?? entry.id
            _ = CatalogFolder(id: entry.id, name: name, path: folder.path + "/" + name, parentID: folder.id)
            _ = entry.attributes?.lastModifiedTimeRollup.flatMap { Timestamp.parse($0, zoneOptional: true) }
            _ = entry.attributes?.lastModifiedTime.flatMap { Timestamp.parse($0, zoneOptional: true) }
        } else if entry.type == "items" {
            let tip = entry.relationships?.tip?.data?.id.flatMap { tips[$0] } ?? included.first
            guard !entry.isHidden, let tip, !tip.isDeletedVersion else { continue }
            let file = ItemFile.make(item: entry, tip: tip, folderID: folder.id, folderPath: folder.path)
            _ = file.fileExtension
        }
    }
}

/// The token may only ever travel to the API root's host.
func checkResolve(_ href: String) {
    guard let resolved = api.resolve(href) else { return }
    guard let url = URL(string: resolved), let host = url.host else { return }
    guard host == "developer.api.autodesk.com", url.user == nil, url.password == nil else {
        fatalError("next link \(String(reflecting: href)) resolves to \(String(reflecting: resolved)), host \(host)")
    }
}
