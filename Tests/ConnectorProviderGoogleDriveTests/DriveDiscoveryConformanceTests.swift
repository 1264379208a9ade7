import ConnectorHTTP
import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import FakeGoogleDrive
import Foundation
import Testing

@testable import ConnectorProviderGoogleDrive

/// The client checked against Google's discovery document for Drive v3 (a copy in `Fixtures/`): every query
/// parameter it sends exists for the method it calls, and every `fields` member exists in the schemas.
@Suite struct DriveDiscoveryConformanceTests {
    /// The discovery document: methods by path, with their parameter names, and schema members.
    struct Discovery {
        var methods: [String: Set<String>] = [:]
        var global: Set<String> = []
        var schemas: [String: [String: Any]] = [:]

        init() throws {
            let url = try #require(Bundle.module.url(forResource: "Fixtures/google-drive-v3.discovery.json", withExtension: nil))
            let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            #expect(document["revision"] as? String == "20261106")
            global = Set((document["parameters"] as? [String: Any] ?? [:]).keys)
            schemas = document["schemas"] as? [String: [String: Any]] ?? [:]
            let resources = try #require(document["resources"] as? [String: [String: Any]])
            for (_, resource) in resources {
                for (_, method) in resource["methods"] as? [String: [String: Any]] ?? [:] {
                    guard let path = method["path"] as? String, method["httpMethod"] as? String == "GET" else { continue }
                    methods[path] = Set((method["parameters"] as? [String: Any] ?? [:]).keys)
                }
            }
        }

        /// The discovery path template matching a request path below `/drive/v3/`.
        func template(for path: String) -> String? {
            let relative = String(path.dropFirst("/drive/v3/".count))
            if methods[relative] != nil { return relative }
            if relative.hasPrefix("files/"), !relative.dropFirst(6).contains("/") { return "files/{fileId}" }
            if relative.hasPrefix("drives/"), !relative.dropFirst(7).contains("/") { return "drives/{driveId}" }
            return nil
        }

        /// The member names of schema `name`.
        func members(_ name: String) -> Set<String> {
            Set((schemas[name]?["properties"] as? [String: Any] ?? [:]).keys)
        }
    }

    @Test func everyQueryParameterExistsForItsMethod() async throws {
        let discovery = try Discovery()
        try await DriveTestHarness.run { harness in
            let driveID = harness.drive.createSharedDrive(name: "Team")
            harness.drive.generateTree(under: driveID, files: 50, filesPerFolder: 10, subfoldersPerFolder: 2)
            harness.drive.generateTree(under: harness.root, files: 50, filesPerFolder: 10, subfoldersPerFolder: 2)
            for spec in [harness.spec(), harness.spec(folder: driveID, sharedDrive: driveID, pageSize: 20)] {
                let provider = try harness.provider(spec)
                let token = try #require(try await provider.changeFeedStartToken())
                _ = try await DriveTestHarness.pages(provider, .full(resumeToken: nil, pageSize: 20))
                harness.drive.createFolder(name: "Moved", parent: spec.googleDrive?.folderId)
                _ = try await DriveTestHarness.pages(provider, .changes(token: token, pageSize: 20))
            }
            let requests = harness.drive.requests.filter { $0.path.hasPrefix("/drive/v3/") }
            #expect(
                Set(requests.compactMap { discovery.template(for: $0.path) }) == [
                    "files", "files/{fileId}", "drives/{driveId}", "changes", "changes/startPageToken",
                ])
            for request in requests {
                let template = try #require(discovery.template(for: request.path), "\(request.path) is no Drive v3 method")
                let allowed = try #require(discovery.methods[template]).union(discovery.global)
                for (name, _) in request.queryItems {
                    #expect(allowed.contains(name), "\(name) is not a parameter of \(template)")
                }
                #expect(request.queryValue("fields") != nil, "\(template) is sent with an explicit fields mask")
            }
        }
    }

    @Test func theFieldsMasksNameOnlySchemaMembers() throws {
        let discovery = try Discovery()
        let file = discovery.members("File")
        for name in DriveFields.file.replacingOccurrences(of: "(targetId,targetMimeType)", with: "").split(separator: ",") {
            #expect(file.contains(String(name)), "File has no member \(name)")
        }
        #expect(discovery.members("FileList").isSuperset(of: ["nextPageToken", "incompleteSearch", "files"]))
        #expect(discovery.members("ChangeList").isSuperset(of: ["nextPageToken", "newStartPageToken", "changes"]))
        #expect(discovery.members("Change").isSuperset(of: ["changeType", "removed", "fileId", "time", "file"]))
        let shortcut = (discovery.schemas["File"]?["properties"] as? [String: Any])?["shortcutDetails"] as? [String: Any]
        let shortcutMembers = Set((shortcut?["properties"] as? [String: Any] ?? [:]).keys)
        #expect(shortcutMembers.isSuperset(of: ["targetId", "targetMimeType"]))
    }

    @Test func theDriveSpecificParametersAreSent() async throws {
        try await DriveTestHarness.run { harness in
            harness.drive.createFile(name: "a.pdf", parent: harness.root)
            _ = try await DriveTestHarness.pages(try harness.provider(harness.spec()), .full(resumeToken: nil, pageSize: 5000))
            let list = try #require(harness.drive.requests.first { $0.path == "/drive/v3/files" })
            #expect(list.queryValue("pageSize") == "1000", "capped at Drive's maximum")
            #expect(list.queryValue("supportsAllDrives") == "true" && list.queryValue("includeItemsFromAllDrives") == "true")
            #expect(list.queryValue("corpora") == nil && list.queryValue("driveId") == nil)
            #expect(list.queryValue("q") == "('\(harness.root)' in parents) and trashed = false")
        }
    }
}
