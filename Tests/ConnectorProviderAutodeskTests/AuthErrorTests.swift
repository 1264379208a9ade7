import ConnectorModel
import ConnectorProvider
import ConnectorProviderAutodesk
import FakeAutodeskAPS
import Foundation
import Testing

/// Credential and access problems end the sync with a cause in plain words, and never with the secret.
@Suite struct AuthErrorTests {
    static let canary = "CANARY-s3cr3t-4c1d-never-shown"

    static var shape: FakeACCProject.Shape {
        var shape = FakeACCProject.Shape(items: 30)
        shape.depth = 1
        return shape
    }

    static func configuration(provisioned: Bool = true) -> FakeAutodeskAPS.Configuration {
        var configuration = FakeAutodeskAPS.Configuration()
        configuration.clientSecret = canary
        configuration.provisioned = provisioned
        return configuration
    }

    @Test(.timeLimit(.minutes(1)))
    func aWrongSecretIsInvalidClient() async throws {
        try await ACCTestBed.run(shape: Self.shape, configuration: Self.configuration()) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec())
            let run = try await bed.sync("tower", engine: bed.engine(environment: bed.environment(secret: Self.canary + "-typo")))
            #expect(run.status == .failed)
            let error = run.error ?? ""
            #expect(error.contains("invalid_client"), "\(error)")
            #expect(error.contains("client_secret does not match"))
            #expect(error.contains("environment variable \(ACCTestBed.credentialsVariable)"), "says where the credentials came from")
            #expect(!error.contains(Self.canary), "the secret is never echoed")
            let basic = Data("\(bed.aps.configuration.clientID):\(Self.canary)-typo".utf8).base64EncodedString()
            #expect(!error.contains(basic))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func anAppNotAddedToTheAccountIsExplained() async throws {
        try await ACCTestBed.run(shape: Self.shape, configuration: Self.configuration(provisioned: false)) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec())
            let run = try await bed.sync("tower")
            #expect(run.status == .failed)
            let error = run.error ?? ""
            #expect(error.contains("sees no hub"), "\(error)")
            #expect(error.contains("Custom Integrations"))
            #expect(error.contains(bed.aps.configuration.clientID), "names the client id to add")
            #expect(!error.contains(Self.canary))
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func wrongHubProjectAndFolderAreNamed() async throws {
        try await ACCTestBed.run(shape: Self.shape, configuration: Self.configuration()) { bed in
            _ = try await bed.endpoint("hub", spec: bed.spec(hubID: "b.00000000-0000-0000-0000-000000000000"))
            let hub = try await bed.sync("hub")
            #expect(hub.error?.contains("hub b.00000000-0000-0000-0000-000000000000 is not among the hubs") == true, "\(hub.error ?? "")")

            _ = try await bed.endpoint("project", spec: bed.spec(projectID: "11111111-1111-1111-1111-111111111111"))
            let project = try await bed.sync("project")
            #expect(
                project.error?.contains("project b.11111111-1111-1111-1111-111111111111 was not found") == true, "\(project.error ?? "")")

            _ = try await bed.endpoint("folder", spec: bed.spec(folderIDs: ["urn:adsk.wipprod:fs.folder:co.doesNotExist000000000"]))
            let folder = try await bed.sync("folder")
            #expect(folder.error?.contains("folder urn:adsk.wipprod:fs.folder:co.doesNotExist000000000") == true, "\(folder.error ?? "")")
            for run in [hub, project, folder] { #expect(run.error?.contains(Self.canary) == false) }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func badCredentialDocumentsAreExplained() async throws {
        try await ACCTestBed.run(shape: Self.shape, configuration: Self.configuration()) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec())
            let missing = try await bed.sync(
                "tower", engine: bed.engine(environment: [ACCTestBed.credentialsVariable: #"{"client_id":"x"}"#]))
            #expect(missing.error?.contains("has no client_secret") == true, "\(missing.error ?? "")")
            let garbage = try await bed.sync(
                "tower", engine: bed.engine(environment: [ACCTestBed.credentialsVariable: "client_secret=\(Self.canary)"]))
            #expect(garbage.error?.contains("is not a JSON object") == true, "\(garbage.error ?? "")")
            #expect(garbage.error?.contains(Self.canary) == false)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aRejectedTokenIsRefreshedOnce() async throws {
        try await ACCTestBed.run(shape: Self.shape, configuration: Self.configuration()) { bed in
            _ = try await bed.endpoint("tower", spec: bed.spec())
            let engine = bed.engine()
            #expect(try await bed.sync("tower", engine: engine).status == .succeeded)
            #expect(bed.aps.tokensIssued == 1)
            #expect(try await bed.sync("tower", engine: engine, forceFull: true).status == .succeeded)
            #expect(bed.aps.tokensIssued == 1, "the token is cached across syncs")
            bed.aps.revokeTokens()
            let run = try await bed.sync("tower", engine: engine, forceFull: true)
            #expect(run.status == .succeeded, "\(run.error ?? "")")
            #expect(bed.aps.tokensIssued == 2, "one new token after the 401")
            let token = try #require(bed.aps.requestLog.first { $0.family == "token" })
            #expect(token.query.isEmpty)
        }
    }
}
