import ConnectorHTTPTestSupport
import ConnectorJSON
import ConnectorTestSupport
import FakeAutodeskAPS
import FakeGoogleDrive
import FakeMicrosoftGraph
import Foundation
import Logging
import PostgresNIO
import Testing

/// The shipped cloud examples, pointed at in-process fakes over loopback, validate, reconcile and sync end to end
/// with the real binary; the credential never shows in any output or in the catalog file.
@Suite(.serialized) struct CloudProviderCommandTests {
    /// Runs the binary, waiting outside Swift's cooperative pool so the in-process fake keeps answering.
    static func run(_ arguments: [String], in directory: String, environment: [String: String]) async throws -> CommandRunner.Outcome {
        await (try CommandRunner().start(arguments, in: directory, environment: environment)).finished()
    }

    /// The example manifest with `replacements` applied line by line (a line mapped to nil is dropped).
    static func example(_ path: String, _ replacements: (String) -> String?) throws -> String {
        let text = try String(contentsOfFile: RepositoryLayout.path(path), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { replacements(String($0)) }.joined(separator: "\n")
    }

    /// The Autodesk example pointed at a fake project of `items` items (none hidden) served on loopback: the fake, its
    /// server (the caller stops it), a directory with the manifest in `manifests/`, and the credentials' environment.
    static func autodeskExample(
        items: Int
    ) async throws -> (FakeAutodeskAPS, FaultInjectingHTTPServer, TemporaryDirectory, [String: String]) {
        var shape = FakeACCProject.Shape(items: items)
        shape.hiddenPercent = 0
        let aps = FakeAutodeskAPS(project: .generate(shape))
        let server = FaultInjectingHTTPServer(handler: aps.handler)
        _ = try await server.start()
        let manifest = try Self.example("examples/autodesk-acc/site-models.yaml") { line in
            if line.hasPrefix("    hubId:") { return "    hubId: \(aps.hubID)" }
            if line.hasPrefix("    projectId:") { return "    projectId: \(aps.projectID)\n    apiURL: \(server.baseURL)" }
            if line.hasPrefix("    folderIds:") || line.hasPrefix("      - urn:") { return nil }
            return line
        }
        let directory = try TemporaryDirectory()
        try directory.write("manifests/site-models.yaml", manifest)
        let credentials = #"{"client_id": "\#(aps.configuration.clientID)", "client_secret": "\#(aps.configuration.clientSecret)"}"#
        return (aps, server, directory, ["APS_CREDENTIALS": credentials])
    }

    static func catalog(_ outcome: CommandRunner.Outcome) throws -> [String: String] {
        let files = try JSONParser.parse(outcome.standardOutput).value["files"]?.arrayValue ?? []
        var result: [String: String] = [:]
        for file in files {
            if let path = file["path"]?.stringValue, let state = file["state"]?.stringValue { result[path] = state }
        }
        return result
    }

    @Test(.timeLimit(.minutes(3)))
    func theGoogleDriveExampleSyncsFromTheFake() async throws {
        let drive = FakeGoogleDrive()
        let base = try await drive.start()
        defer { Task { await drive.stop() } }
        let sharedDrive = drive.createSharedDrive(name: "Design")
        let root = drive.createFolder(name: "Projects", parent: sharedDrive)
        let drawings = drive.createFolder(name: "drawings", parent: root)
        _ = drive.createFile(name: "plan.pdf", parent: root)
        _ = drive.createFile(name: "notes.txt", parent: root, mimeType: "text/plain")
        _ = drive.createFile(name: "A-101.dwg", parent: drawings, mimeType: "image/vnd.dwg")
        let account = try drive.issueServiceAccount()
        let manifest = try Self.example("examples/google-drive/design-drive.yaml") { line in
            if line.hasPrefix("    folderId: 1AbC") { return "    folderId: \(root)" }
            if line.hasPrefix("    sharedDriveId:") { return "    sharedDriveId: \(sharedDrive)\n    apiURL: \(base)" }
            return line
        }
        let directory = try TemporaryDirectory()
        try directory.write("manifests/design-drive.yaml", manifest)
        let environment = ["GDRIVE_SA_KEY": account.json]
        let database = ["--database", directory.url("catalog.db")]

        let validate = try await Self.run(["validate", "manifests"], in: directory.path, environment: environment)
        #expect(validate.status == 0, "\(validate.standardError)")
        let reconcile = try await Self.run(
            database + ["reconcile", "--no-sync", "manifests"], in: directory.path, environment: environment)
        #expect(reconcile.status == 0, "\(reconcile.standardError)")
        let sync = try await Self.run(database + ["sync", "design-drive"], in: directory.path, environment: environment)
        #expect(sync.status == 0, "\(sync.standardOutput) \(sync.standardError)")
        let files = try await Self.run(
            database + ["get", "files", "design-drive", "--output", "json"], in: directory.path, environment: environment)
        // The example keeps **/*.pdf and drawings/**.
        #expect(try Self.catalog(files) == ["plan.pdf": "present", "drawings/A-101.dwg": "present"])

        _ = drive.createFile(name: "detail.pdf", parent: drawings)
        let again = try await Self.run(database + ["sync", "design-drive"], in: directory.path, environment: environment)
        #expect(
            again.status == 0 && again.standardOutput.contains("incremental") && again.standardOutput.contains("1 created"),
            "\(again.standardOutput)")

        let secret = try #require(account.json.range(of: "MII").map { String(account.json[$0.lowerBound...].prefix(40)) })
        for outcome in [validate, reconcile, sync, files, again] {
            #expect(!(outcome.standardOutput + outcome.standardError).contains(secret))
        }
        let stored = try Data(contentsOf: URL(fileURLWithPath: directory.url("catalog.db")))
        #expect(stored.range(of: Data(secret.utf8)) == nil, "the key is not in the catalog")
    }

    @Test(.timeLimit(.minutes(3)))
    func theAutodeskExampleSyncsFromTheFake() async throws {
        let (aps, server, directory, environment) = try await Self.autodeskExample(items: 60)
        defer { Task { await server.stop() } }
        let secret = aps.configuration.clientSecret
        let database = ["--database", directory.url("catalog.db")]

        let validate = try await Self.run(["validate", "manifests"], in: directory.path, environment: environment)
        #expect(validate.status == 0, "\(validate.standardError)")
        let reconcile = try await Self.run(database + ["reconcile", "manifests"], in: directory.path, environment: environment)
        #expect(reconcile.status == 0, "\(reconcile.standardOutput) \(reconcile.standardError)")
        let files = try await Self.run(database + ["get", "files", "--output", "json"], in: directory.path, environment: environment)
        let kept: Set<String> = ["dwg", "rvt", "ifc", "nwd", "pdf"]
        let expected = aps.visibleFiles().filter { kept.contains(($0.name as NSString).pathExtension.lowercased()) }
        #expect(!expected.isEmpty)
        #expect(try Self.catalog(files) == Dictionary(uniqueKeysWithValues: expected.map { ($0.path, "present") }))
        for outcome in [validate, reconcile, files] {
            #expect(!(outcome.standardOutput + outcome.standardError).contains(secret))
        }
        let stored = try Data(contentsOf: URL(fileURLWithPath: directory.url("catalog.db")))
        #expect(stored.range(of: Data(secret.utf8)) == nil, "the secret is not in the catalog")
    }

    /// With a PostgreSQL store, the binary's Autodesk requests are granted from the store's shared budgets (the
    /// ledger replicas share), under a digest of the app, never its id or secret.
    @Test(.timeLimit(.minutes(3)))
    func theAutodeskProviderTakesItsBudgetFromAPostgreSQLStore() async throws {
        let (aps, server, directory, environment) = try await Self.autodeskExample(items: 30)
        defer { Task { await server.stop() } }
        let clientID = aps.configuration.clientID
        let database = try await PostgresTestDatabase.create()
        let reconcile = try await Self.run(
            ["--database", database, "reconcile", "manifests"], in: directory.path, environment: environment)
        #expect(reconcile.status == 0, "\(reconcile.standardOutput) \(reconcile.standardError)")
        let contents = aps.requestLog.filter { $0.family == "folderContents" }.count
        let name = try #require(URL(string: database)?.path.dropFirst().description)
        let windows = try await PostgresTestDatabase.admin(try PostgresTestDatabase.serverURL(), database: name) { client in
            var rows: [(String, String, Int)] = []
            for try await row in try await client.query(
                "SELECT app, family, cardinality(grants) FROM budget_windows", logger: .init(label: "t")
            )
            .decode((String, String, Int).self) {
                rows.append(row)
            }
            return rows.map { "\($0.0)|\($0.1)|\($0.2)" }
        }
        let granted = windows.first { $0.contains("|folderContents|") }
        #expect(granted?.hasSuffix("|\(contents)") == true, "every contents request was granted by the store: \(windows), \(contents)")
        #expect(!windows.joined().contains(clientID), "the app is kept as a digest")
    }

    @Test(.timeLimit(.minutes(3)))
    func theMicrosoft365ExampleSyncsFromTheFake() async throws {
        let graph = FakeMicrosoftGraph()
        let base = try await graph.start()
        defer { Task { await graph.stop() } }
        let tenant = graph.createTenant(domains: ["contoso.onmicrosoft.com"])
        let app = graph.registerApp(in: tenant, permissions: [.sitesSelected])
        let site = graph.createSite(in: tenant, hostname: "contoso.sharepoint.com", path: "/sites/Engineering")
        let drive = graph.createDrive(in: site, name: "Documents", urlSegment: "Shared Documents")
        graph.grant(app, site: site)
        let certificate = try graph.addCertificate(to: app)
        let projects = graph.createFolder(name: "Projects", parent: nil, drive: drive)
        let drawings = graph.createFolder(name: "Drawings", parent: projects, drive: drive)
        graph.createFile(name: "A-101.dwg", parent: drawings, drive: drive)
        graph.createFile(name: "Specification.pdf", parent: projects, drive: drive)
        graph.createFile(name: "notes.txt", parent: projects, drive: drive)
        graph.createFile(name: "Elsewhere.pdf", parent: nil, drive: drive)
        let manifest = try Self.example("examples/microsoft-365/engineering-library.yaml") { line in
            if line.hasPrefix("    folder: Projects") { return line + "\n    apiURL: \(base)\n    loginURL: \(base)" }
            return line
        }
        let directory = try TemporaryDirectory()
        try directory.write("manifests/engineering.yaml", manifest)
        let document = try JSONSerialization.data(withJSONObject: [
            "clientId": app.clientID, "certificate": certificate.certificatePEM, "privateKey": certificate.privateKeyPEM,
        ])
        let environment = ["M365_ENGINEERING": String(decoding: document, as: UTF8.self)]
        let database = ["--database", directory.url("catalog.db")]

        let validate = try await Self.run(["validate", "manifests"], in: directory.path, environment: environment)
        #expect(validate.status == 0, "\(validate.standardError)")
        let reconcile = try await Self.run(
            database + ["reconcile", "--no-sync", "manifests"], in: directory.path, environment: environment)
        #expect(reconcile.status == 0, "\(reconcile.standardError)")
        let sync = try await Self.run(database + ["sync", "engineering-library"], in: directory.path, environment: environment)
        #expect(sync.status == 0, "\(sync.standardOutput) \(sync.standardError)")
        let files = try await Self.run(
            database + ["get", "files", "engineering-library", "--output", "json"], in: directory.path, environment: environment)
        // The example keeps **/*.pdf, **/*.dwg and Drawings/** below Projects.
        #expect(try Self.catalog(files) == ["Drawings/A-101.dwg": "present", "Specification.pdf": "present"])

        graph.createFile(name: "A-102.pdf", parent: drawings, drive: drive)
        let again = try await Self.run(database + ["sync", "engineering-library"], in: directory.path, environment: environment)
        #expect(
            again.status == 0 && again.standardOutput.contains("incremental") && again.standardOutput.contains("1 created"),
            "\(again.standardOutput)")

        let keyMaterial = try #require(certificate.privateKeyPEM.split(separator: "\n").dropFirst().first.map(String.init))
        for outcome in [validate, reconcile, sync, files, again] {
            #expect(!(outcome.standardOutput + outcome.standardError).contains(keyMaterial))
        }
        let stored = try Data(contentsOf: URL(fileURLWithPath: directory.url("catalog.db")))
        #expect(stored.range(of: Data(keyMaterial.utf8)) == nil, "the key is not in the catalog")
    }
}

/// Every command, at the most talkative log level and in every output format, with real credentials in the
/// environment: no part of a secret reaches any output, and none is in the catalog's files.
@Suite(.serialized) struct SecretCanaryCommandTests {
    @Test(.timeLimit(.minutes(3)))
    func noCommandLetsASecretOut() async throws {
        let drive = FakeGoogleDrive()
        let base = try await drive.start()
        defer { Task { await drive.stop() } }
        let root = drive.createFolder(name: "Projects", parent: nil)
        _ = drive.createFile(name: "plan.pdf", parent: root)
        let account = try drive.issueServiceAccount()
        let directory = try TemporaryDirectory()
        try directory.write(
            "manifests/drive.yaml",
            """
            apiVersion: fileconnector/v1
            kind: Endpoint
            metadata: {name: canary-drive}
            spec:
              provider: google-drive
              credentials: {fromEnv: GDRIVE_SA_KEY}
              googleDrive: {folderId: \(root), apiURL: '\(base)'}
              schedule: {interval: 15m}
            """)
        let apiToken = "canary-api-token-7f3a9c"
        let environment = ["GDRIVE_SA_KEY": account.json, "FILE_CONNECTOR_API_TOKEN": apiToken]
        let database = ["--database", directory.url("catalog.db"), "--log-level", "trace", "--log-format", "json"]
        var outcomes: [CommandRunner.Outcome] = []
        func run(_ arguments: [String]) async throws {
            let outcome = try await CloudProviderCommandTests.run(database + arguments, in: directory.path, environment: environment)
            #expect(outcome.status == 0 || arguments.contains("plan"), "\(arguments): \(outcome.standardError.suffix(500))")
            outcomes.append(outcome)
        }
        for format in ["text", "json", "junit"] { try await run(["validate", "-o", format, "manifests"]) }
        for format in ["text", "json"] { try await run(["plan", "-o", format, "manifests"]) }
        try await run(["reconcile", "-o", "json", "manifests"])
        try await run(["sync", "canary-drive", "--full"])
        for resource in ["endpoints", "files", "runs"] {
            for format in ["table", "json", "yaml", "csv"] { try await run(["get", resource, "-o", format]) }
        }
        try await run(["migrate"])
        try await run(["plan", "--detailed-exitcode", "manifests"])

        // Pieces of every secret: the private key's body, the whole key document, the API token, the access tokens
        // the fake issued (all start "ya29.fake-").
        let key = try #require(account.json.range(of: "MII").map { String(account.json[$0.lowerBound...].prefix(48)) })
        let canaries = [key, apiToken, account.json, "ya29.fake-"]
        #expect(drive.issuedTokenCount > 0, "the sync did use an access token")
        #expect(
            outcomes[6].standardError.contains("sync finished") && outcomes[6].standardError.contains("http"),
            "the sync logged at trace level")
        for (index, outcome) in outcomes.enumerated() {
            for canary in canaries {
                #expect(!(outcome.standardOutput + outcome.standardError).contains(canary), "command \(index) printed a secret")
            }
        }
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasPrefix("catalog.db") {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: directory.url(file)))
            for canary in canaries { #expect(bytes.range(of: Data(canary.utf8)) == nil, "\(file) holds a secret") }
        }
        #expect(outcomes.count == 21)
    }
}
