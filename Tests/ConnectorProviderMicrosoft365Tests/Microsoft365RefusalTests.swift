import ConnectorHTTP
import ConnectorModel
import ConnectorProvider
import ConnectorStore
import ConnectorSync
import ConnectorTestSupport
import FakeMicrosoftGraph
import Foundation
import Testing

@testable import ConnectorProviderMicrosoft365

/// What goes wrong in a real tenant, explained in words that say what to fix, with no secret in any message, log
/// line or catalog row.
@Suite struct Microsoft365RefusalTests {
    /// One sync of an endpoint for the library (a folder in it, `Projects`, exists) and its failure message.
    static func failure(
        _ harness: GraphTestHarness, spec: EndpointSpec? = nil, document: [String: String]? = nil
    ) async throws -> String {
        harness.graph.createFolder(name: "Projects", parent: nil, drive: harness.drive)
        let directory = try TemporaryDirectory()
        let store = try await harness.store(directory, endpoints: ["library": spec ?? harness.spec()])
        let run = try await harness.sync(store, "library", document: document)
        try store.close()
        #expect(run.status == .failed)
        return run.error ?? ""
    }

    @Test func anUnknownTenantIsNamed() async throws {
        try await GraphTestHarness.run { harness in
            let message = try await Self.failure(harness, spec: harness.spec(tenant: "fabrikam.onmicrosoft.com"))
            #expect(message.contains("does not know the tenant fabrikam.onmicrosoft.com") && message.contains("AADSTS90002"), "\(message)")
        }
    }

    @Test func aWrongSecretSaysToUseItsValue() async throws {
        try await GraphTestHarness.run { harness in
            let wrong = "Wr0ng~SecretValueThatMustNotLeak1234567"
            let message = try await Self.failure(harness, document: ["clientId": harness.app.clientID, "clientSecret": wrong])
            #expect(message.contains("AADSTS7000215") && message.contains("not its Secret ID"), "\(message)")
            #expect(!message.contains(wrong))
        }
    }

    @Test func anAppFromAnotherTenantIsNamed() async throws {
        try await GraphTestHarness.run { harness in
            let other = harness.graph.createTenant(domains: ["fabrikam.onmicrosoft.com"])
            let stranger = harness.graph.registerApp(in: other, permissions: [.sitesReadAll])
            let message = try await Self.failure(
                harness, document: ["clientId": stranger.clientID, "clientSecret": stranger.secret ?? ""])
            #expect(message.contains("AADSTS700016") && message.contains("not registered in tenant"), "\(message)")
        }
    }

    @Test func aSiteNotGrantedToASitesSelectedAppSaysHowToGrantIt() async throws {
        try await GraphTestHarness.run(grant: false) { harness in
            let message = try await Self.failure(harness)
            #expect(
                message.contains("has Sites.Selected but the site contoso.sharepoint.com/sites/Engineering is not granted"), "\(message)")
            #expect(message.contains("POST /v1.0/sites/{site-id}/permissions"))
            // Once an administrator grants the site, the same endpoint syncs.
            harness.graph.grant(harness.app, site: harness.site)
            let directory = try TemporaryDirectory()
            let store = try await harness.store(directory, endpoints: ["library": harness.spec()])
            let run = try await harness.sync(store, "library")
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            try store.close()
        }
    }

    @Test func anAppWithoutConsentedPermissionsIsNamed() async throws {
        try await GraphTestHarness.run(permissions: []) { harness in
            let message = try await Self.failure(harness)
            #expect(message.contains("carries no application permission") && message.contains("admin consent"), "\(message)")
        }
    }

    @Test func anAppThatMayNotReadSitesIsNamed() async throws {
        try await GraphTestHarness.run(permissions: [.filesReadAll]) { harness in
            let message = try await Self.failure(harness)
            #expect(message.contains("may not read sites"), "\(message)")
        }
    }

    @Test func aLibraryThatMatchesNoneListsTheLibraries() async throws {
        try await GraphTestHarness.run { harness in
            let message = try await Self.failure(harness, spec: harness.spec(library: "Drawings"))
            #expect(
                message.contains("no document library named Drawings") && message.contains("Dokumente (Shared Documents)"), "\(message)")
            #expect(!message.contains("Site Assets"), "system libraries are not offered")
        }
    }

    @Test func aFolderThatIsAFileOrMissingIsNamed() async throws {
        try await GraphTestHarness.run { harness in
            harness.graph.createFile(name: "plan.pdf", parent: nil, drive: harness.drive)
            let file = try await Self.failure(harness, spec: harness.spec(folder: "plan.pdf"))
            #expect(file.contains("is not a folder"), "\(file)")
            let missing = try await Self.failure(harness, spec: harness.spec(folder: "Nowhere/Deeper"))
            #expect(missing.contains("does not know the folder Nowhere/Deeper"), "\(missing)")
        }
    }

    @Test func aCanarySecretAppearsInNoLogRunOrCatalogRow() async throws {
        try await GraphTestHarness.run { harness in
            _ = Microsoft365EngineSyncTests.populate(harness.graph, drive: harness.drive)
            let secret = try #require(harness.app.secret)
            let directory = try TemporaryDirectory()
            let store = try await harness.store(directory, endpoints: ["library": harness.spec()])
            harness.graph.injectFaults(rate: 0.2, seed: 3)
            var runs = [try await harness.sync(store, "library")]
            harness.graph.expireAccessTokens()
            runs.append(try await harness.sync(store, "library"))
            runs.append(
                try await harness.sync(store, "library", document: ["clientId": harness.app.clientID, "clientSecret": secret + "x"]))
            for run in runs { #expect(!(run.error ?? "").contains(secret) && !"\(run)".contains(secret)) }
            #expect(!harness.logs.all.isEmpty)
            for line in harness.logs.all { #expect(!line.contains(secret), "\(line)") }
            try store.close()
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.url(file)))
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file)")
            }
        }
    }

    @Test func everyRequestIsDecoratedAsMicrosoftAsks() async throws {
        try await GraphTestHarness.run { harness in
            _ = Microsoft365EngineSyncTests.populate(harness.graph, drive: harness.drive)
            let directory = try TemporaryDirectory()
            let store = try await harness.store(directory, endpoints: ["library": harness.spec()])
            #expect(try await harness.sync(store, "library").status == .succeeded)
            let graphRequests = harness.graph.requests.filter { $0.path.hasPrefix("/v1.0/") }
            #expect(graphRequests.count > 3)
            var ids: Set<String> = []
            for request in graphRequests {
                #expect(request.header("User-Agent") == "NONISV|file-connector|file-connector/0.0.0-test")
                let id = try #require(request.header("client-request-id"))
                #expect(UUID(uuidString: id) != nil)
                ids.insert(id)
            }
            #expect(ids.count == graphRequests.count, "a fresh client-request-id per request")
            let deltas = graphRequests.filter { $0.path.contains("/root/delta") }
            #expect(!deltas.isEmpty)
            for delta in deltas where delta.queryValue("token") == nil && !delta.path.contains("(token=") {
                #expect(delta.queryValue("$select") == DriveItem.selectedFields)
            }
            #expect(harness.graph.requestCount("folderDelta") == 0)
            try store.close()
        }
    }
}

/// What the endpoints of one app share: the token (refreshed once when Graph refuses it), the pause and the budget.
@Suite struct Microsoft365AppSharingTests {
    @Test func endpointsOfOneAppShareATokenThatIsRefreshedOnceWhenRefused() async throws {
        try await GraphTestHarness.run { harness in
            let library = Microsoft365EngineSyncTests.populate(harness.graph, drive: harness.drive)
            let directory = try TemporaryDirectory()
            let store = try await harness.store(
                directory, endpoints: ["library": harness.spec(), "projects": harness.spec(folder: "Projects")])
            for name in ["library", "projects"] { #expect(try await harness.sync(store, name).status == .succeeded) }
            #expect(harness.graph.issuedTokenCount == 1, "the second endpoint of the app used the first one's token")
            harness.graph.expireAccessTokens()
            harness.graph.createFile(name: "after expiry.pdf", parent: library.drawings, drive: harness.drive)
            let run = try await harness.sync(store, "projects")
            #expect(run.status == .succeeded && run.created == 1, "\(run)")
            #expect(harness.graph.issuedTokenCount == 2)
            try store.close()
        }
    }

    @Test func thePauseAndTheBudgetAreSharedPerAppAndTenant() throws {
        let apps = Microsoft365Apps()
        let key = "https://login.microsoftonline.com|contoso.onmicrosoft.com|app-1"
        #expect(apps.pause(app: key) === apps.pause(app: key))
        #expect(apps.pause(app: key) !== apps.pause(app: key.replacingOccurrences(of: "contoso", with: "fabrikam")))
        let pacer = try #require(apps.pacer(app: key, unitsPerMinute: 1200))
        #expect(apps.pacer(app: key, unitsPerMinute: 1200) === pacer)
        #expect(apps.pacer(app: key, unitsPerMinute: 2400) !== pacer)
        #expect(pacer.budget(for: GraphAPI.family) == FamilyPacer.Budget(requests: 1200))
        #expect(Microsoft365Apps(pacesRequests: false).pacer(app: key, unitsPerMinute: 1200) == nil)
    }
}

/// Links come from Graph's answers and from the store; the bearer token never follows one to another host.
@Suite struct GraphLinkOriginTests {
    @Test func aLinkToAnotherHostIsNotFollowed() async throws {
        try await GraphTestHarness.run { harness in
            let api = GraphAPI(
                client: harness.client, context: RequestContext(classifier: GraphRetryClassifier()), root: harness.graph.baseURL + "/v1.0",
                userAgent: "test", app: "app x")
            let before = harness.graph.requests.count
            let error = await #expect(throws: ProviderError.self) {
                try await api.page("https://graph.example.net/v1.0/drives/b!x/root/delta?token=abc", cost: .single)
            }
            #expect(error?.message.contains("outside") == true, "\(error?.message ?? "")")
            #expect(harness.graph.requests.count == before)
            #expect(GraphAPI.origin(of: "HTTPS://Graph.Microsoft.com/v1.0/x") == "https://graph.microsoft.com")
            #expect(GraphAPI.origin(of: "http://127.0.0.1:8080/v1.0/drives") == "http://127.0.0.1:8080")
        }
    }
}

/// A delta request is paced at SharePoint's price: one unit with a token (in either syntax), two without.
@Suite struct DeltaPricingTests {
    @Test func aLinkWithATokenCostsOneUnitAndTheFirstPageTwo() {
        let root = "https://graph.microsoft.com/v1.0/drives/b!x/root/delta"
        #expect(DeltaListing.cost(of: root + "?$select=id,name&$top=1000") == .multiple)
        #expect(DeltaListing.cost(of: root + "?$select=id,name&token=MzslMjM0") == .single)
        #expect(DeltaListing.cost(of: root + "(token='MzslMjM0')?$select=id,name") == .single)
        #expect(DeltaListing.cost(of: root + "?token=latest") == .single)
        #expect(DeltaListing.cost(of: root + "?$select=id&token=") == .multiple)
    }

    /// An enumeration of 40 pages fits a budget of 60 units a minute only when its next links are priced at one
    /// unit each, as SharePoint prices them: priced at two, the provider's own pacer would wait out the minute (60 s
    /// and more). The bound leaves room for a loaded machine, where one request was once seen to take 30 s.
    @Test(.timeLimit(.minutes(2))) func anEnumerationIsPacedAtSharePointsPrice() async throws {
        try await GraphTestHarness.run { harness in
            harness.graph.resourceUnitsPerMinute = 60
            harness.graph.generateLibrary(drive: harness.drive, files: 1_960, filesPerFolder: 49, subfoldersPerFolder: 3, seed: 2)
            var spec = harness.spec(library: nil, pageSize: 50)
            spec.microsoft365?.resourceUnitsPerMinute = 60
            let directory = try TemporaryDirectory()
            let store = try await harness.store(directory, endpoints: ["library": spec])
            let start = ContinuousClock.now
            let run = try await harness.sync(store, "library")
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            #expect(harness.graph.requestCount("delta") >= 40)
            #expect(harness.graph.throttledCount == 0)
            #expect(ContinuousClock.now - start < .seconds(50), "no wait for the budget")
            #expect(try await harness.differences(store, "library") == [])
            try store.close()
        }
    }
}
