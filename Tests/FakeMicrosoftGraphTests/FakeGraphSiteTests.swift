import FakeMicrosoftGraph
import Foundation
import Testing

/// Sites, libraries and `Sites.Selected` (fact sheet §3, §4).
@Suite struct FakeGraphSiteTests {
    @Test func sitesSelectedIsDeniedUntilGrantedByTheFake() async throws {
        try await GraphTestHarness.run { harness in
            let (app, token) = try await harness.app([.sitesSelected])
            let site = "/v1.0/sites/\(harness.site.id)"
            let drive = "/v1.0/drives/\(harness.drive)"
            for url in [site, site + "/drives", drive, drive + "/root", drive + "/root/delta"] {
                let answer = try await harness.get(url, token)
                #expect(answer.status == 403, "\(url)")
                #expect(answer.errorCode == "accessDenied", "\(url)")
            }
            harness.graph.grant(app, site: harness.site)
            for url in [site, site + "/drives", drive, drive + "/root", drive + "/root/delta"] {
                #expect(try await harness.get(url, token).status == 200, "\(url)")
            }
            let (_, files) = try await harness.app([.filesReadAll])
            #expect(try await harness.get(site, files).status == 403, "Files.Read.All does not open site routes")
            #expect(try await harness.get(drive + "/root/delta", files).status == 200, "but it opens every library")
            let otherSite = harness.graph.createSite(in: harness.tenant, path: "/sites/Finance", displayName: "Finance")
            let otherDrive = harness.graph.createDrive(in: otherSite)
            #expect(try await harness.get("/v1.0/drives/\(otherDrive)", token).status == 403, "a grant covers one site only")
        }
    }

    @Test func sitesSelectedIsGrantedByThePermissionsRoute() async throws {
        try await GraphTestHarness.run { harness in
            let (app, token) = try await harness.app([.sitesSelected])
            let (_, admin) = try await harness.app([.sitesFullControlAll])
            let (_, reader) = try await harness.app([.sitesReadAll])
            let body = #"{"roles":["read"],"grantedToIdentities":[{"application":{"id":"\#(app.clientID)","displayName":"Catalog"}}]}"#
            let url = "/v1.0/sites/\(harness.site.id)/permissions"
            let denied = try await harness.send(
                "POST", url, headers: [("Authorization", "Bearer \(reader)"), ("Content-Type", "application/json")], body: body)
            #expect(denied.status == 403, "granting needs Sites.FullControl.All")
            #expect(try await harness.get("/v1.0/sites/\(harness.site.id)", token).status == 403)
            let granted = try await harness.send(
                "POST", url, headers: [("Authorization", "Bearer \(admin)"), ("Content-Type", "application/json")], body: body)
            #expect(granted.status == 201)
            #expect(granted.json["id"] is String)
            #expect(granted.json["roles"] as? [String] == ["read"])
            let identity = (granted.json["grantedToIdentitiesV2"] as? [[String: Any]])?.first?["application"] as? [String: Any]
            #expect(identity?["id"] as? String == app.clientID)
            #expect(harness.graph.requestCount("permissions.create") == 2)
            #expect(try await harness.get("/v1.0/sites/\(harness.site.id)", token).status == 200)
        }
    }

    @Test func siteByPathWithAndWithoutClosingColonAndContinuations() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.sitesReadAll])
            for url in [
                "/v1.0/sites/contoso.sharepoint.com:/sites/Engineering", "/v1.0/sites/contoso.sharepoint.com:/sites/Engineering:",
                "/v1.0/sites/contoso.sharepoint.com:%2Fsites%2FEngineering", "/v1.0/sites/\(harness.site.id)",
            ] {
                let answer = try await harness.get(url, token)
                #expect(answer.status == 200, "\(url)")
                #expect(answer.json["id"] as? String == harness.site.id, "\(url)")
                #expect(answer.json["webUrl"] as? String == "https://contoso.sharepoint.com/sites/Engineering")
            }
            let parts = harness.site.id.split(separator: ",")
            #expect(parts.count == 3 && parts[0] == "contoso.sharepoint.com" && parts[1].count == 36 && parts[2].count == 36)
            let drives = try await harness.get("/v1.0/sites/contoso.sharepoint.com:/sites/Engineering:/drives", token)
            #expect(drives.status == 200)
            #expect(drives.values.map { $0["id"] as? String } == [harness.drive])
            let drive = try await harness.get("/v1.0/sites/contoso.sharepoint.com:/sites/Engineering:/drive", token)
            #expect(drive.json["id"] as? String == harness.drive)
            #expect(try await harness.get("/v1.0/sites/\(harness.site.id)/drive", token).json["id"] as? String == harness.drive)
            #expect(harness.graph.requestCount("site.get") == 4)
            #expect(harness.graph.requestCount("site.drives") == 1)
            #expect(harness.graph.requestCount("site.drive") == 2)

            let missing = try await harness.get("/v1.0/sites/contoso.sharepoint.com:/sites/Nowhere", token)
            #expect(missing.status == 404)
            #expect(missing.errorCode == "itemNotFound")
            #expect(try await harness.get("/v1.0/sites/contoso.sharepoint.com,1,2", token).status == 404)
        }
    }

    @Test func librariesHaveLocalizedNamesAndHiddenSystemDrives() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.sitesReadAll])
            let system = harness.graph.createDrive(
                in: harness.site, name: "Style Library", urlSegment: "Style Library", isDefault: false, isSystem: true)
            let extra = harness.graph.createDrive(in: harness.site, name: "Pläne", urlSegment: "Plans", isDefault: false)
            let drive = try await harness.get("/v1.0/drives/\(harness.drive)", token)
            #expect(drive.json["name"] as? String == "Dokumente")
            #expect(drive.json["driveType"] as? String == "documentLibrary")
            #expect(drive.json["webUrl"] as? String == "https://contoso.sharepoint.com/sites/Engineering/Shared%20Documents")
            #expect(harness.drive.hasPrefix("b!") && harness.drive.count == 66)

            let listed = try await harness.get("/v1.0/sites/\(harness.site.id)/drives", token)
            #expect(Set(listed.values.compactMap { $0["id"] as? String }) == [harness.drive, extra], "the system drive is hidden")
            let selected = try await harness.get("/v1.0/sites/\(harness.site.id)/drives?$select=id,name,webUrl,system", token)
            #expect(Set(selected.values.compactMap { $0["id"] as? String }) == [harness.drive, extra, system])
            #expect(selected.values.allSatisfy { Set($0.keys).isSubset(of: ["id", "name", "webUrl", "system"]) })
            #expect(selected.values.first { $0["id"] as? String == system }?["system"] != nil)
            #expect(
                selected.values.first { $0["id"] as? String == extra }?["webUrl"] as? String
                    == "https://contoso.sharepoint.com/sites/Engineering/Plans")

            let first = try await harness.get("/v1.0/sites/\(harness.site.id)/drives?$top=1&$select=id,name", token)
            #expect(first.values.count == 1)
            let next = try #require(first.json["@odata.nextLink"] as? String)
            #expect(next.hasPrefix(harness.base + "/v1.0/sites/"))
            #expect(next.contains("$select=id,name") && next.contains("$top=1"))
            let second = try await harness.get(next, token)
            #expect(second.values.count == 1)
            #expect(second.values.first?["id"] as? String != first.values.first?["id"] as? String)
            #expect(second.json["@odata.nextLink"] == nil)
        }
    }

    @Test func itemsByIDPathAndChildrenWithPaging() async throws {
        try await GraphTestHarness.run { harness in
            let (_, token) = try await harness.app([.filesReadAll])
            let graph = harness.graph
            let drawings = graph.createFolder(name: "Drawings Ä", parent: nil, drive: harness.drive)
            var files: [String] = []
            for index in 0..<5 {
                files.append(
                    graph.createFile(
                        name: "A-10\(index) Plan.pdf", parent: drawings, drive: harness.drive, content: Array("plan \(index)".utf8)))
            }
            let byPath = try await harness.get("/v1.0/drives/\(harness.drive)/root:/Drawings%20%C3%84/A-103%20Plan.pdf:", token)
            #expect(byPath.status == 200)
            #expect(byPath.json["id"] as? String == files[3])
            #expect(byPath.json["size"] as? Int == 6)
            let parent = byPath.json["parentReference"] as? [String: Any]
            #expect(parent?["path"] as? String == "/drives/\(harness.drive)/root:/Drawings Ä", "items outside delta carry the path")
            #expect(
                byPath.json["webUrl"] as? String
                    == "https://contoso.sharepoint.com/sites/Engineering/Shared%20Documents/Drawings%20%C3%84/A-103%20Plan.pdf")
            let hashes = (byPath.json["file"] as? [String: Any])?["hashes"] as? [String: Any]
            #expect(hashes?["quickXorHash"] as? String == QuickXorHash.hash(Array("plan 3".utf8)))
            #expect(hashes?["sha1Hash"] == nil && hashes?["sha256Hash"] == nil)
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)/root:/Drawings%20%C3%84", token).json["id"] as? String == drawings)
            #expect(
                try await harness.get("/v1.0/drives/\(harness.drive)/items/\(files[0])?$select=id,name", token).json.keys.sorted() == [
                    "@odata.context", "id", "name",
                ])
            let root = try await harness.get("/v1.0/drives/\(harness.drive)/root", token)
            #expect(root.json["id"] as? String == graph.rootID(of: harness.drive))
            #expect(root.json["size"] as? Int == 30, "a folder's size is the total below it")

            var seen: [String] = []
            var url = "/v1.0/drives/\(harness.drive)/items/\(drawings)/children?$top=2&$select=id,name"
            var pages = 0
            while true {
                let page = try await harness.get(url, token)
                #expect(page.status == 200)
                #expect(page.values.count <= 2)
                seen += page.values.compactMap { $0["id"] as? String }
                pages += 1
                guard let next = page.json["@odata.nextLink"] as? String else { break }
                url = next
            }
            #expect(pages == 3)
            #expect(seen == files)
            #expect(try await harness.get("/v1.0/drives/\(harness.drive)/root/children", token).values.count == 1)
            let unknown = try await harness.get("/v1.0/drives/\(harness.drive)/items/01AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", token)
            #expect(unknown.status == 404 && unknown.errorCode == "itemNotFound")
            let badSelect = try await harness.get("/v1.0/drives/\(harness.drive)/root?$select=id,nonsense", token)
            #expect(badSelect.status == 400)
        }
    }
}
