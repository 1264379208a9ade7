import ArgumentParser
import ConnectorHTTPTestSupport
import FakeAutodeskAPS
import FakeGoogleDrive
import Foundation
import UnixSignals

/// `fake-cloud`: the Google Drive and Autodesk fakes served over loopback for long runs of the real daemon
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

    @Option(help: "Where to write the connection details (JSON).")
    var output: String

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

        let details: [String: Any] = [
            "drive": ["baseURL": driveURL, "sharedDriveId": sharedDrive, "roots": roots, "serviceAccountKey": account.json],
            "acc": [
                "baseURL": accServer.baseURL, "hubId": aps.hubID, "projectId": aps.projectID, "folderIds": aps.folderIDs,
                "clientId": aps.configuration.clientID, "clientSecret": aps.configuration.clientSecret,
            ],
        ]
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
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(changeEvery))
                        changes.apply()
                    }
                }
            }
            await group.next()
            group.cancelAll()
        }
        await drive.stop()
        await accServer.stop()
        print("fake-cloud: stopped; \(drive.injectedFaultCount) Drive faults injected")
    }
}
