import ConnectorDaemon
import ConnectorHTTP
import ConnectorHTTPTestSupport
import ConnectorProvider
import ConnectorProviderGoogleDrive
import ConnectorTestSupport
import FakeGoogleDrive
import Foundation
import Logging
import Testing

/// A whole daemon run with a Google Drive endpoint (a real key, a real JWT grant, a sync, an API trigger), every log
/// line captured at trace level: no line, no API answer and no metric holds the private key, the signed assertion,
/// an access token or the API token.
@Suite(.timeLimit(.minutes(2))) struct DaemonSecretTests {
    @Test func noSecretInLogsAPIOrMetrics() async throws {
        let drive = FakeGoogleDrive()
        let base = try await drive.start()
        let folder = drive.createFolder(name: "Shared", parent: nil)
        for index in 0..<5 { _ = drive.createFile(name: "f\(index).pdf", parent: folder) }
        let account = try drive.issueServiceAccount()
        let manifest = """
            apiVersion: fileconnector/v1
            kind: Endpoint
            metadata: {name: drive}
            spec:
              provider: google-drive
              credentials: {fromEnv: CANARY_KEY}
              googleDrive: {folderId: \(folder), apiURL: "\(base)"}
              schedule: {interval: 1h}

            """
        var logger = Logger(label: "http")
        logger.logLevel = .trace
        let httpLogs = LogCapture()
        try await ProviderHTTPClient.withClient(logger: httpLogs.logger(label: "http")) { client in
            let registry = ProviderRegistry().registering(.googleDrive, GoogleDriveProvider.factory(client: client))
            try await DaemonHarness.run(
                manifests: ["drive.yaml": manifest], environment: ["CANARY_KEY": account.json], apiToken: "api-canary-token",
                registry: registry
            ) { daemon in
                try await eventually("the first sync") {
                    try await daemon.store.syncRuns(endpoint: "drive", limit: 1).first?.status == .succeeded
                }
                // The scheduler lets go of the endpoint just after recording the run: until then the trigger says 409.
                try await eventually("the trigger accepted") {
                    try await daemon.request(.POST, "/api/v1/endpoints/drive/sync", headers: [("Authorization", "Bearer api-canary-token")])
                        .status == 202
                }
                try await eventually("the triggered sync") {
                    try await daemon.store.syncRuns(endpoint: "drive", limit: 5).contains { $0.trigger == .api && $0.finishedAt != nil }
                }
                // Every HTTP line of a run carries the run's endpoint and correlation id.
                let httpLines = daemon.logs.all.filter { $0.contains("http request") || $0.contains("http response") }
                #expect(!httpLines.isEmpty)
                #expect(httpLines.allSatisfy { $0.contains("correlation_id=") && $0.contains("endpoint=drive") })
                var outputs = daemon.logs.all + httpLogs.all
                for path in [
                    "/api/v1/endpoints", "/api/v1/endpoints/drive", "/api/v1/endpoints/drive/runs", "/api/v1/changes", "/metrics",
                    "/readyz",
                ] {
                    outputs.append(try await daemon.request(.GET, path).body)
                }
                let text = outputs.joined(separator: "\n")
                #expect(text.contains("drive"), "the outputs were captured")
                let keyBody = try #require(account.json.range(of: "MII").map { String(account.json[$0.lowerBound...].prefix(64)) })
                for canary in [keyBody, "ya29.", "eyJhbGciOi", "api-canary-token", account.keyID] {
                    #expect(!text.contains(canary), "\(canary.prefix(12))… never appears")
                }
                let database = try Data(contentsOf: URL(fileURLWithPath: daemon.directory.url("catalog.db")))
                #expect(database.range(of: Data(keyBody.utf8)) == nil && database.range(of: Data("ya29.".utf8)) == nil)
            }
        }
        await drive.stop()
    }
}
