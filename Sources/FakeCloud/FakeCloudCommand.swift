import ArgumentParser
import ConnectorHTTPTestSupport
import FakeAutodeskAPS
import FakeGoogleDrive
import FakeMicrosoftGraph
import Foundation
import UnixSignals

/// `fake-cloud`: the Google Drive and Autodesk fakes (and, with `--m365-files`, the Microsoft Graph fake) served over loopback for long runs of the real daemon
/// (`scripts/soak.sh`): a folder per Drive endpoint, one ACC project whose folders the ACC endpoints split, faults
/// injected at a rate, and a trickle of changes. It writes what the manifests need (URLs, ids, credentials) as JSON
/// and serves until SIGTERM or SIGINT. A test tool: never shipped.
@main
struct FakeCloudCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fake-cloud", abstract: "Serve the Drive and Autodesk fakes.")

    @Option(help: "Drive root folders to create (one per endpoint).")
    var driveRoots = 80

    @Option(help: "Files under each Drive root.")
    var driveFiles = 200

    @Option(help: "Files per Drive folder in the generated trees.")
    var driveFilesPerFolder = 50

    @Option(help: "Subfolders per Drive folder in the generated trees.")
    var driveSubfolders = 3

    @Option(help: "Milliseconds every answer of both fakes is delayed (the network distance to the services).")
    var latencyMs = 0

    @Option(help: "Items in the ACC project.")
    var accItems = 2_000

    @Option(help: "The share of requests answered with an injected fault (0 to 1).")
    var faultRate = 0.1

    @Option(help: "Seconds between batches of changes (0: none).")
    var changeEvery = 10.0

    @Option(name: .customLong("m365-files"), help: "Files in the SharePoint library of the Graph fake (0: no Graph fake).")
    var m365Files = 0

    @Option(name: .customLong("m365-files-per-folder"), help: "Files per folder in the generated SharePoint library.")
    var m365FilesPerFolder = 100

    @Option(name: .customLong("m365-subfolders"), help: "Subfolders per folder in the generated SharePoint library.")
    var m365Subfolders = 10

    @Option(help: "Where to write the connection details (JSON).")
    var output: String

    @Option(help: "Where to write, on exit, every Autodesk request's family and arrival time in seconds (JSON).")
    var accRequestLog: String?

    func run() async throws {
        let drive = FakeGoogleDrive()
        let driveURL = try await drive.start()
        let sharedDrive = drive.createSharedDrive(name: "Soak")
        var roots: [String] = []
        for index in 0..<driveRoots {
            let root = drive.createFolder(name: "root-\(index)", parent: sharedDrive)
            _ = drive.generateTree(
                under: root, files: driveFiles, filesPerFolder: driveFilesPerFolder, subfoldersPerFolder: driveSubfolders)
            roots.append(root)
        }
        let account = try drive.issueServiceAccount()
        drive.injectFaults(rate: faultRate, seed: 7)
        if latencyMs > 0 { drive.injectLatency(fixed: .milliseconds(latencyMs)) }

        var configuration = FakeAutodeskAPS.Configuration()
        configuration.faultRate = faultRate
        configuration.retryAfterSeconds = 1
        configuration.latency = .milliseconds(latencyMs)
        let aps = FakeAutodeskAPS(configuration: configuration, project: .generate(FakeACCProject.Shape(items: accItems)))
        let accServer = FaultInjectingHTTPServer(handler: aps.handler)
        _ = try await accServer.start()

        let m365 = try await startGraph()

        var details: [String: Any] = [
            "drive": ["baseURL": driveURL, "sharedDriveId": sharedDrive, "roots": roots, "serviceAccountKey": account.json],
            "acc": [
                "baseURL": accServer.baseURL, "hubId": aps.hubID, "projectId": aps.projectID, "folderIds": aps.folderIDs,
                "clientId": aps.configuration.clientID, "clientSecret": aps.configuration.clientSecret,
            ],
        ]
        if let m365 { details["m365"] = m365.details }
        try JSONSerialization.data(withJSONObject: details, options: [.prettyPrinted, .sortedKeys])
            .write(to: URL(fileURLWithPath: output), options: .atomic)
        print("fake-cloud: Drive at \(driveURL), Autodesk at \(accServer.baseURL); details in \(output)")

        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { return }
            }
            // With no changes asked for (0), the fakes serve until a signal; the trickle task would end at once.
            if changeEvery > 0 {
                group.addTask { [changeEvery, roots] in
                    var changes = ChangeTrickle(drive: drive, roots: roots, aps: aps)
                    var round = 0
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(changeEvery))
                        changes.apply()
                        round += 1
                        if let m365 {
                            // A modified file and a new one per round in the SharePoint library.
                            if let file = m365.files.randomElement() { m365.graph.modify(file) }
                            m365.graph.createFile(name: "Soak Upload \(round) - Rev A.pdf", parent: nil, drive: m365.driveID)
                        }
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
        await drive.stop()
        await accServer.stop()
        if let accRequestLog {
            let log = aps.requestLog.map {
                ["family": $0.family, "at": Double($0.at.components.seconds) + Double($0.at.components.attoseconds) / 1e18]
            }
            try JSONSerialization.data(withJSONObject: log).write(to: URL(fileURLWithPath: accRequestLog), options: .atomic)
        }
        await m365?.graph.stop()
        print("fake-cloud: stopped; \(drive.injectedFaultCount) Drive faults injected")
    }

    /// The Graph fake, its library's files and what the manifests need, when `--m365-files` is above 0.
    struct GraphFixture: Sendable {
        let graph: FakeMicrosoftGraph
        let driveID: String
        let files: [String]
        /// `baseURL`, `tenantId`, `hostname`, `sitePath`, `library`, `driveId`, `clientId`, `clientSecret`, `certificate`,
        /// `privateKey` (PKCS#8 PEM).
        let details: [String: String]
    }

    /// Starts the Graph fake with a tenant, a site, one library of `m365Files` generated files, and an app holding
    /// `Sites.Selected` granted on the site, with a secret and a certificate.
    func startGraph() async throws -> GraphFixture? {
        guard m365Files > 0 else { return nil }
        let graph = FakeMicrosoftGraph()
        let url = try await graph.start()
        let tenant = graph.createTenant()
        let site = graph.createSite(in: tenant)
        let library = "Documents"
        let driveID = graph.createDrive(in: site, name: library, urlSegment: "Shared Documents")
        let generated = graph.generateLibrary(
            drive: driveID, files: m365Files, filesPerFolder: m365FilesPerFolder, subfoldersPerFolder: m365Subfolders, seed: 7)
        let app = graph.registerApp(in: tenant, permissions: [.sitesSelected])
        graph.grant(app, site: site)
        let certificate = try graph.addCertificate(to: app)
        graph.injectFaults(rate: faultRate, seed: 11)
        if latencyMs > 0 { graph.injectLatency(fixed: .milliseconds(latencyMs)) }
        print("fake-cloud: Microsoft Graph at \(url) with \(generated.files.count) files in \(generated.folders.count) folders")
        return GraphFixture(
            graph: graph, driveID: driveID, files: generated.files,
            details: [
                "baseURL": url, "tenantId": tenant.id, "hostname": site.hostname, "sitePath": site.path, "library": library,
                "driveId": driveID, "clientId": app.clientID, "clientSecret": app.secret ?? "", "certificate": certificate.certificatePEM,
                "privateKey": certificate.privateKeyPEM,
            ])
    }
}
