import ConnectorManifest
import ConnectorModel
import ConnectorTestSupport
import Foundation
import Testing

/// The `microsoft365` block: what validate accepts is typed into a ``Microsoft365Source`` with its defaults, and
/// what it refuses is named by file, line and field.
@Suite struct Microsoft365ManifestTests {
    static func manifest(_ block: [String]) -> String {
        """
        apiVersion: fileconnector/v1
        kind: Endpoint
        metadata:
          name: engineering-docs
        spec:
          provider: microsoft-365
          credentials:
            fromEnv: M365_APP
          microsoft365:
        \(block.map { "    " + $0 }.joined(separator: "\n"))
          schedule:
            interval: 1h

        """
    }

    @Test func aSiteByPathIsTypedWithTheDefaults() throws {
        let (result, _) = try loadOne(
            Self.manifest(["tenant: contoso.onmicrosoft.com", "site:", "  hostname: Contoso.SharePoint.com", "  path: /sites/Engineering/"])
        )
        let configuration = try #require(result.endpoints.first?.configuration, "\(result.renderText())")
        guard case .microsoft365(let source) = configuration.source else {
            Issue.record("expected a microsoft365 source, got \(configuration.source)")
            return
        }
        #expect(source.tenant == "contoso.onmicrosoft.com")
        #expect(source.site == .path(hostname: "contoso.sharepoint.com", path: "/sites/Engineering"))
        #expect(source.library == .siteDefault)
        #expect(source.folder == .root)
        #expect(source.includeSubfolders)
        #expect(source.resourceUnitsPerMinute == 1200)
        #expect(source.apiURL == "https://graph.microsoft.com")
        #expect(source.loginURL == "https://login.microsoftonline.com")
    }

    @Test func everyFieldIsTyped() throws {
        let (result, _) = try loadOne(
            Self.manifest([
                "tenant: 11111111-2222-3333-4444-555555555555",
                "site: {id: \"contoso.sharepoint.com,aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee,ffffffff-0000-1111-2222-333333333333\"}",
                "library: Shared Documents", "folder: /Drawings//2024/", "includeSubfolders: false", "resourceUnitsPerMinute: 6000",
                "apiURL: https://graph.microsoft.us/", "loginURL: https://login.microsoftonline.us",
            ]))
        let configuration = try #require(result.endpoints.first?.configuration, "\(result.renderText())")
        guard case .microsoft365(let source) = configuration.source else {
            Issue.record("expected a microsoft365 source")
            return
        }
        #expect(source.site == .id("contoso.sharepoint.com,aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee,ffffffff-0000-1111-2222-333333333333"))
        #expect(source.library == .name("Shared Documents"))
        #expect(source.folder == .path(["Drawings", "2024"]))
        #expect(!source.includeSubfolders)
        #expect(source.resourceUnitsPerMinute == 6000)
        #expect(source.apiURL == "https://graph.microsoft.us")
        #expect(source.loginURL == "https://login.microsoftonline.us")
        let byID = try loadOne(
            Self.manifest([
                "tenant: contoso.com", "site: {hostname: contoso.sharepoint.com, path: /}", "libraryId: b!abc", "folderId: 01ABC",
            ])
        ).0
        let typed = try #require(byID.endpoints.first?.configuration.source, "\(byID.renderText())")
        #expect(typed == .microsoft365(try Microsoft365Source(#require(byID.endpoints.first?.spec.microsoft365))))
        guard case .microsoft365(let other) = typed else { return }
        #expect(
            other.library == .id("b!abc") && other.folder == .id("01ABC")
                && other.site == .path(hostname: "contoso.sharepoint.com", path: "/"))
    }

    @Test(arguments: [
        (["tenant: common", "site: {hostname: contoso.sharepoint.com, path: /sites/A}"], "/spec/microsoft365/tenant", 10),
        (["tenant: contoso.com", "site: {hostname: contoso.sharepoint.com}"], "/spec/microsoft365/site", 11),
        (["tenant: contoso.com", "site: {hostname: contoso.sharepoint.com, path: sites/A}"], "/spec/microsoft365/site/path", 11),
        (
            [
                "tenant: contoso.com",
                "site: {id: \"contoso.sharepoint.com,aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee,ffffffff-0000-1111-2222-333333333333\", hostname: a.b, path: /x}",
            ],
            "/spec/microsoft365/site/id", 11
        ),
        (
            ["tenant: contoso.com", "site: {hostname: contoso.sharepoint.com, path: /s}", "library: A", "libraryId: b!x"],
            "/spec/microsoft365/libraryId", 13
        ),
        (
            ["tenant: contoso.com", "site: {hostname: contoso.sharepoint.com, path: /s}", "folder: A", "folderId: x"],
            "/spec/microsoft365/folderId", 13
        ),
        (["tenant: contoso.com", "site: {hostname: contoso.sharepoint.com, path: /s}", "folder: A/../B"], "/spec/microsoft365/folder", 12),
        (
            ["tenant: contoso.com", "site: {hostname: contoso.sharepoint.com, path: /s}", "libraryId: abc"], "/spec/microsoft365/libraryId",
            12
        ),
        (
            ["tenant: contoso.com", "site: {hostname: contoso.sharepoint.com, path: /s}", "clientSecret: x"],
            "/spec/microsoft365/clientSecret", 12
        ),
    ])
    func aBlockThatCannotBeAppliedIsRefusedWhereItIsWrong(block: [String], pointer: String, line: Int) throws {
        let (result, _) = try loadOne(Self.manifest(block))
        #expect(result.endpoints.isEmpty, "valid means applied: a refused block must not become an endpoint")
        let error = try #require(result.errors.first, "\(result.renderText())")
        #expect(error.pointer?.description == pointer, "\(result.renderText())")
        #expect(error.location.line == line, "\(result.renderText())")
        #expect(error.location.file.hasSuffix("manifest.yaml"))
    }

    @Test func theProviderNeedsItsBlockAndCredentials() throws {
        let text = Self.manifest(["tenant: contoso.com", "site: {hostname: contoso.sharepoint.com, path: /s}"])
        let (withoutCredentials, _) = try loadOne(text.replacingOccurrences(of: "  credentials:\n    fromEnv: M365_APP\n", with: ""))
        #expect(withoutCredentials.errors.contains { $0.code == "credentials" })
        let (withoutBlock, _) = try loadOne(
            text.replacingOccurrences(
                of: "  microsoft365:\n    tenant: contoso.com\n    site: {hostname: contoso.sharepoint.com, path: /s}\n", with: ""))
        #expect(withoutBlock.errors.contains { $0.code == "provider-block" }, "\(withoutBlock.renderText())")
    }
}
