import ConnectorHTTPTestSupport
import ConnectorModel
import ConnectorProvider
import ConnectorTestSupport
import Foundation
import Testing

/// A credentials file that other users can read is warned about (the key is never in the warning); a file kept to
/// its owner, or to the owner and the pod's group as a Kubernetes Secret volume has it, is not.
struct CredentialDocumentTests {
    @Test func aLooseCredentialsFileIsWarnedAbout() throws {
        let directory = try TemporaryDirectory()
        let secret = "-----BEGIN PRIVATE KEY-----canary-credential-0001"
        try directory.write("key.json", #"{"private_key": "\#(secret)"}"#)
        let path = directory.url("key.json")
        let spec = EndpointSpec(
            provider: .googleDrive, credentials: CredentialReference(fromFile: "key.json"),
            googleDrive: GoogleDriveSource(folderId: "f"), schedule: ScheduleSpec(interval: "15m"))
        for (mode, warned) in [(0o644, true), (0o606, true), (0o660, true), (0o600, false), (0o640, false), (0o400, false), (0o440, false)]
        {
            #expect(chmod(path, mode_t(mode)) == 0)
            let logs = LogCapture()
            let context = ProviderContext(
                endpoint: "drive", configuration: try EndpointConfiguration(spec, endpoint: "drive"), manifestDirectory: directory.path,
                environment: [:], logger: logs.logger())
            let document = try CredentialDocument(context: context)
            #expect(String(decoding: document.data, as: UTF8.self).contains(secret))
            let warnings = logs.all.filter { $0.contains("other users can read or change it") }
            #expect(warnings.isEmpty != warned, "mode \(String(mode, radix: 8)): \(logs.all)")
            if warned { #expect(warnings.allSatisfy { $0.contains("mode 0\(String(mode, radix: 8))") && $0.contains(path) }) }
            #expect(!logs.all.joined().contains("canary-credential"), "the key is never logged")
        }
    }
}
