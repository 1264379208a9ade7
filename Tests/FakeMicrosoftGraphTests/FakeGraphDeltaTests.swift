import FakeMicrosoftGraph
import Foundation
import Testing

/// Root delta as SharePoint and OneDrive for Business answer it (fact sheet §5, §6).
@Suite struct FakeGraphDeltaTests {
    static let catalogSelect =
        "id,name,size,eTag,cTag,createdDateTime,lastModifiedDateTime,createdBy,lastModifiedBy,webUrl,parentReference,file,folder,package,root,deleted,fileSystemInfo,sharepointIds"

    static func deltaURL(_ harness: GraphTestHarness, select: String = catalogSelect, top: Int? = nil) -> String {
        "/v1.0/drives/\(harness.drive)/root/delta?$select=\(select)" + (top.map { "&$top=\($0)" } ?? "")
    }

    static func ids(_ rows: [[String: Any]]) -> [String] { rows.compactMap { $0["id"] as? String } }

    /// Whether every id that occurs more than once occurs on different pages.
    static func repeatsOnLaterPages(_ ids: [String], pageSize: Int) -> Bool {
        var pageOf: [String: Int] = [:]
        for (index, id) in ids.enumerated() {
            if pageOf[id] == index / pageSize { return false }
            pageOf[id] = index / pageSize
        }
        return true
    }

    /// Checks every enumerated row's shape (fields, no `parentReference.path`, number sizes, no folder cTag, hashes,
    /// eTag form) and counts children seen after (`parentFirst`) and before (`childFirst`) their parent folder.
    static func checkRows(_ rows: [[String: Any]], drive: String, rootID: String) -> (parentFirst: Int, childFirst: Int) {
        var position: [String: Int] = [:]
        for (index, row) in rows.enumerated() where position[row["id"] as? String ?? ""] == nil {
            position[row["id"] as? String ?? ""] = index
        }
        var parentFirst = 0
        var childFirst = 0
        let allowed: Set<String> = Set(Self.catalogSelect.split(separator: ",").map(String.init))
        for row in rows {
            #expect(Set(row.keys).isSubset(of: allowed))
            let parent = row["parentReference"] as? [String: Any]
            #expect(parent?["path"] == nil, "never parentReference.path in delta")
            #expect(parent?["driveId"] as? String == drive)
            #expect(row["size"] is Int, "size is a JSON number")
            if row["folder"] != nil { #expect(row["cTag"] == nil, "no cTag on folders") }
            if let file = row["file"] as? [String: Any] {
                let hashes = file["hashes"] as? [String: Any] ?? [:]
                #expect(hashes.keys.sorted() == ["quickXorHash"])
                #expect((row["cTag"] as? String)?.hasPrefix("\"c:{") == true)
            }
            #expect((row["eTag"] as? String)?.wholeMatch(of: /"\{[0-9A-F-]{36}\},\d+"/) != nil)
            if let parentID = parent?["id"] as? String, let id = row["id"] as? String, parentID != rootID {
                if position[parentID, default: 0] < position[id, default: 0] { parentFirst += 1 } else { childFirst += 1 }
            }
        }
        return (parentFirst, childFirst)
    }

    static func row(_ rows: [[String: Any]], _ id: String) -> [String: Any]? { rows.last { $0["id"] as? String == id } }

    @Test func fullEnumerationPagesASnapshotInBothLinkSyntaxes() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            let graph = harness.graph
            graph.shapeEnumerations(duplicateRate: 0.05, outOfOrderRate: 0.3, seed: 9)
            let library = graph.generateLibrary(drive: harness.drive, files: 1_200, filesPerFolder: 40, subfoldersPerFolder: 4)
            let notebook = graph.createNotebook(name: "Site Notebook", parent: nil, drive: harness.drive)
            let truth = graph.truth(drive: harness.drive)
            #expect(truth.count == 1_201)
            #expect(truth[notebook]?.path == "Site Notebook")
            let rootID = graph.rootID(of: harness.drive)

            // The first page, then a change, then the rest: the change is not in this enumeration.
            let first = try await harness.get(Self.deltaURL(harness, top: 150), token)
            #expect(first.values.count == 150)
            let late = graph.createFile(name: "Late Arrival - Rev A.pdf", parent: nil, drive: harness.drive)
            let nextLink = try #require(first.json["@odata.nextLink"] as? String)
            let rest = try await harness.deltaRun(nextLink, token)
            let rows = first.values + rest.rows
            let links = [nextLink] + rest.links

            #expect(rows.first?["id"] as? String == rootID, "the root comes first")
            #expect(rows.first?["name"] as? String == "root")
            #expect(rows.first?["root"] != nil)
            #expect(Set((rows.first?["parentReference"] as? [String: Any] ?? [:]).keys) == ["driveId", "driveType"])
            let unique = Set(Self.ids(rows))
            #expect(unique == Set(truth.keys).union(library.folders).union([rootID]), "every live item, the late one not")
            #expect(!unique.contains(late))
            #expect(rows.count > unique.count, "duplicates")
            let separated = Self.repeatsOnLaterPages(Self.ids(rows), pageSize: 150)
            #expect(separated, "a repeat is on a later page, never the same one")
            #expect(links.contains { $0.contains("/root/delta(token='") }, "delta(token='…') links")
            #expect(links.contains { $0.contains("/root/delta?") && $0.contains("&token=") }, "?token= links")
            #expect(links.allSatisfy { $0.hasPrefix(harness.base + "/v1.0/drives/\(harness.drive)/root/delta") })
            #expect(links.allSatisfy { $0.contains("$select=\(Self.catalogSelect)") && $0.contains("$top=150") })
            #expect(rest.rows.count <= 150 * rest.links.count)

            let (parentFirst, childFirst) = Self.checkRows(rows, drive: harness.drive, rootID: rootID)
            #expect(childFirst > 0, "some folders come after their children")
            #expect(parentFirst > childFirst * 3 / 2, "parents mostly come first (30 % of folders shaped here)")
            let notebookRow = try #require(Self.row(rows, notebook))
            #expect((notebookRow["package"] as? [String: Any])?["type"] as? String == "oneNote")
            #expect(notebookRow["file"] == nil && notebookRow["folder"] == nil)
            let fileRow = try #require(Self.row(rows, library.files[7]))
            let bytes = try JSONSerialization.data(withJSONObject: fileRow).count
            #expect((1_100...1_700).contains(bytes), "a full row is about 1.2–1.5 KB, was \(bytes)")
            #expect((fileRow["sharepointIds"] as? [String: Any])?["tenantId"] as? String == harness.tenant.id)
            #expect(((fileRow["createdBy"] as? [String: Any])?["user"] as? [String: Any])?["email"] as? String != nil)

            // The deltaLink's token covers everything up to the snapshot: the late file comes next.
            let next = try await harness.deltaRun(rest.deltaLink, token)
            #expect(Self.ids(next.rows).contains(late))
            #expect(!Self.ids(next.rows).contains(library.files[0]))

            // $select is honoured.
            let narrow = try await harness.get(Self.deltaURL(harness, select: "name", top: 20), token)
            #expect(narrow.values.allSatisfy { Set($0.keys).isSubset(of: ["id", "name"]) && $0["id"] != nil })
        }
    }

    @Test func changesAfterEachMutation() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            let graph = harness.graph
            let drive = harness.drive
            let rootID = graph.rootID(of: drive)
            let drawings = graph.createFolder(name: "Drawings", parent: nil, drive: drive)
            let specs = graph.createFolder(name: "Specifications", parent: nil, drive: drive)
            let plan = graph.createFile(
                name: "A-101 Ground Floor Plan - Rev B.pdf", parent: drawings, drive: drive, content: Array("one".utf8))
            let section = graph.createFile(name: "A-301 Building Sections - Rev A.pdf", parent: drawings, drive: drive)
            var link = try await harness.deltaRun(Self.deltaURL(harness), token).deltaLink

            func changes() async throws -> [[String: Any]] {
                let run = try await harness.deltaRun(link, token)
                link = run.deltaLink
                #expect(Set(Self.ids(run.rows)).count == run.rows.count, "each changed item once")
                return run.rows
            }

            #expect(try await changes().isEmpty, "nothing changed")

            let added = graph.createFile(name: "A-102 First Floor Plan - Rev A.pdf", parent: drawings, drive: drive)
            var rows = try await changes()
            #expect(Self.ids(rows) == [added, drawings, rootID], "the new file, then its ancestors up to the root")
            #expect(Self.row(rows, added)?["name"] as? String == "A-102 First Floor Plan - Rev A.pdf")
            #expect(Self.row(rows, drawings)?["size"] as? Int == Int(graph.item(drawings)?.size ?? -1))

            let before = try #require(graph.item(plan))
            graph.modify(plan, content: Array("two, longer".utf8))
            rows = try await changes()
            let modified = try #require(Self.row(rows, plan))
            #expect(modified["eTag"] as? String != before.eTag)
            #expect(modified["cTag"] as? String != before.cTag)
            #expect(modified["size"] as? Int == 11)
            #expect(
                ((modified["file"] as? [String: Any])?["hashes"] as? [String: Any])?["quickXorHash"] as? String
                    == QuickXorHash.hash(Array("two, longer".utf8)))

            let beforeRename = try #require(graph.item(section))
            graph.rename(section, to: "A-301 Building Sections - Rev B.pdf")
            rows = try await changes()
            let renamed = try #require(Self.row(rows, section))
            #expect(renamed["name"] as? String == "A-301 Building Sections - Rev B.pdf")
            #expect(renamed["eTag"] as? String != beforeRename.eTag)
            #expect(renamed["cTag"] as? String == beforeRename.cTag, "a rename leaves cTag alone")

            graph.move(section, to: specs)
            rows = try await changes()
            #expect((Self.row(rows, section)?["parentReference"] as? [String: Any])?["id"] as? String == specs)
            #expect(Set(Self.ids(rows)) == [section, drawings, specs, rootID])

            graph.delete(drawings)
            rows = try await changes()
            #expect(!Self.ids(rows).contains(plan), "only the folder is reported")
            let gone = try #require(Self.row(rows, drawings))
            #expect(Set(gone.keys).isSubset(of: ["id", "deleted", "parentReference", "folder"]))
            #expect(gone["name"] == nil && gone["cTag"] == nil && gone["file"] == nil)
            #expect((gone["deleted"] as? [String: Any])?["state"] as? String == "deleted")
            #expect((gone["parentReference"] as? [String: Any])?["id"] as? String == rootID)
            #expect(graph.truth(drive: drive).keys.sorted() == [section])

            graph.restore(drawings)
            rows = try await changes()
            #expect(Set(Self.ids(rows)).isSuperset(of: [drawings, plan, added]), "the subtree comes back with the same ids")
            #expect(Self.row(rows, plan)?["name"] as? String == "A-101 Ground Floor Plan - Rev B.pdf")
            #expect(Set(graph.truth(drive: drive).keys) == [section, plan, added])
            #expect(graph.truth(drive: drive)[plan]?.path == "Drawings/A-101 Ground Floor Plan - Rev B.pdf")
            #expect(graph.truth(drive: drive, under: drawings)[plan]?.path == "A-101 Ground Floor Plan - Rev B.pdf")
            #expect(graph.truth(drive: drive, under: drawings)[section] == nil)

            graph.reportsDescendantDeletions = true
            graph.delete(drawings)
            rows = try await changes()
            #expect(Set(Self.ids(rows)).isSuperset(of: [drawings, plan, added]))
            #expect(Self.row(rows, plan)?["deleted"] != nil)
        }
    }

    @Test func pendingHashesArriveLater() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            let file = harness.graph.createFile(
                name: "Upload.pdf", parent: nil, drive: harness.drive, content: Array("pending".utf8), hashPending: true)
            let run = try await harness.deltaRun(Self.deltaURL(harness), token)
            let hashes = (Self.row(run.rows, file)?["file"] as? [String: Any])?["hashes"] as? [String: Any]
            #expect(hashes?["quickXorHash"] == nil)
            #expect(harness.graph.item(file)?.quickXorHash == nil)
            harness.graph.completeHash(file)
            let next = try await harness.deltaRun(run.deltaLink, token)
            let completed = (Self.row(next.rows, file)?["file"] as? [String: Any])?["hashes"] as? [String: Any]
            #expect(completed?["quickXorHash"] as? String == QuickXorHash.hash(Array("pending".utf8)))
        }
    }

    @Test func latestAndTimestampTokens() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            let graph = harness.graph
            let early = graph.createFile(name: "Early.pdf", parent: nil, drive: harness.drive)
            let latest = try await harness.get("/v1.0/drives/\(harness.drive)/root/delta?token=latest", token)
            #expect(latest.status == 200)
            #expect(latest.values.isEmpty)
            #expect(latest.json["@odata.nextLink"] == nil)
            let link = try #require(latest.json["@odata.deltaLink"] as? String)

            harness.clock.advance(120)
            let since = harness.clock.date
            let later = graph.createFile(name: "Later.pdf", parent: nil, drive: harness.drive)
            let fromLatest = try await harness.deltaRun(link, token)
            #expect(Self.ids(fromLatest.rows).contains(later))
            #expect(!Self.ids(fromLatest.rows).contains(early))

            let stamp = ISO8601DateFormatter().string(from: since).replacingOccurrences(of: ":", with: "%3A")
            let byTime = try await harness.deltaRun("/v1.0/drives/\(harness.drive)/root/delta?token=\(stamp)", token)
            #expect(Self.ids(byTime.rows).contains(later))
            #expect(!Self.ids(byTime.rows).contains(early))
            let older = ISO8601DateFormatter().string(from: since.addingTimeInterval(-600)).replacingOccurrences(of: ":", with: "%3A")
            #expect(
                Self.ids(try await harness.deltaRun("/v1.0/drives/\(harness.drive)/root/delta?token=\(older)", token).rows).contains(early))
        }
    }

    @Test func expiredTokensAnswer410WithAndWithoutLocation() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            harness.graph.generateLibrary(drive: harness.drive, files: 30, filesPerFolder: 10, subfoldersPerFolder: 2)
            let run = try await harness.deltaRun(Self.deltaURL(harness, top: 10), token)
            let page = try await harness.get(Self.deltaURL(harness, select: "id,name", top: 5), token)
            let pageLink = try #require(page.json["@odata.nextLink"] as? String)
            harness.graph.expireDeltaTokens()
            for link in [run.deltaLink, pageLink] {
                let gone = try await harness.get(link, token)
                #expect(gone.status == 410)
                #expect(gone.errorCode == "resyncRequired")
                #expect(
                    (gone.json["error"] as? [String: Any])?["message"] as? String??
                        == .some(
                            .some(
                                "Resync required. Replace any local items with the server's version (including deletes) if you're sure that the service was up to date with your local changes when you last sync'd. Upload any local changes that the server doesn't know about."
                            )))
                let location = try #require(gone.header("Location"))
                #expect(location.hasPrefix(harness.base + "/v1.0/drives/\(harness.drive)/root/delta"))
                #expect(!location.contains("token"))
                #expect(location.contains("$select="))
                let fresh = try await harness.get(location, token)
                #expect(fresh.status == 200)
                #expect(fresh.values.first?["id"] as? String == harness.graph.rootID(of: harness.drive))
            }
            let renewed = try await harness.deltaRun(Self.deltaURL(harness), token)
            #expect(try await harness.get(renewed.deltaLink, token).status == 200, "tokens issued after expiry work")
            harness.graph.expireDeltaTokens(withLocation: false)
            let gone = try await harness.get(renewed.deltaLink, token)
            #expect(gone.status == 410)
            #expect(gone.header("Location") == nil)
        }
    }

    @Test func folderDeltaIsNotSupportedAndTokenSyntaxesAreAccepted() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            let folder = harness.graph.createFolder(name: "Drawings", parent: nil, drive: harness.drive)
            let refused = try await harness.get("/v1.0/drives/\(harness.drive)/items/\(folder)/delta", token)
            #expect(refused.status == 501)
            #expect(refused.errorCode == "notSupported")
            #expect((refused.json["error"] as? [String: Any])?["message"] as? String == "view.delta can only be called on the root.")
            #expect(harness.graph.requestCount("folderDelta") == 1)
            let root = harness.graph.rootID(of: harness.drive)
            let byRootID = try await harness.get("/v1.0/drives/\(harness.drive)/items/\(root)/delta", token)
            #expect(byRootID.status == 200)
            #expect(harness.graph.requestCount("delta") == 1)

            let link = try #require(byRootID.json["@odata.deltaLink"] as? String)
            let opaque = try #require(link.firstMatch(of: /token(=|\(')([A-Za-z0-9_-]+)/)?.output.2)
            harness.graph.createFile(name: "New.pdf", parent: folder, drive: harness.drive)
            for url in [
                "/v1.0/drives/\(harness.drive)/root/delta?token=\(opaque)",
                "/v1.0/drives/\(harness.drive)/root/delta(token='\(opaque)')",
                "/v1.0/drives/\(harness.drive)/root/delta?(token='\(opaque)')",
            ] {
                let answer = try await harness.get(url, token)
                #expect(answer.status == 200, "\(url)")
                #expect(answer.values.contains { $0["name"] as? String == "New.pdf" }, "\(url)")
            }
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)/root/delta?token=bogus", token).status == 400)
        }
    }

    @Test func idsHaveTheRealShapeAndAreNeverSequential() {
        let graph = FakeMicrosoftGraph()
        let tenant = graph.createTenant()
        let site = graph.createSite(in: tenant)
        let drive = graph.createDrive(in: site)
        let library = graph.generateLibrary(drive: drive, files: 300, filesPerFolder: 30, subfoldersPerFolder: 3)
        let ids = [graph.rootID(of: drive)] + library.folders + library.files
        #expect(ids.allSatisfy { $0.wholeMatch(of: /01[A-Z2-7]{32}/) != nil })
        #expect(Set(ids).count == ids.count)
        let ascending = zip(ids, ids.dropFirst()).filter { $0 < $1 }.count
        #expect(ascending > ids.count / 4 && ascending < ids.count * 3 / 4, "random order, not a counter")
        #expect(tenant.id.wholeMatch(of: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/) != nil)
        let item = graph.item(library.files[0])
        #expect(item?.name.hasSuffix(")") == false)
        #expect((item?.name.count ?? 0) >= 30, "names as long as real ones")
        #expect(item?.cTag?.wholeMatch(of: /"c:\{[0-9A-F-]{36}\},\d+"/) != nil)
        #expect(graph.item(library.folders[0])?.cTag == nil)
        #expect(graph.item(graph.rootID(of: drive))?.size == library.files.compactMap { graph.item($0)?.size }.reduce(0, +))
    }
}

/// `$top` on delta: honoured up to 1000 by default, ignored when the fake plays production's reported behaviour.
@Suite struct FakeGraphDeltaPageSizeTests {
    @Test func topIsHonouredOrIgnored() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            harness.graph.shapeEnumerations(duplicateRate: 0, outOfOrderRate: 0, seed: 1)
            harness.graph.generateLibrary(drive: harness.drive, files: 450, filesPerFolder: 150, subfoldersPerFolder: 2)
            let url = "/v1.0/drives/\(harness.drive)/root/delta?$top=10"
            #expect(try await harness.get(url, token).values.count == 10)
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)/root/delta", token).values.count == 200, "200 by default")
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)/root/delta?$top=5000", token).values.count == 454)
            harness.graph.ignoresTop = true
            #expect(try await harness.get(url, token).values.count == 200)
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)/root/delta?$top=0", token).status == 400)
        }
    }
}
