import ConnectorJSON
import ConnectorModel
import ConnectorSinks
import ConnectorStore
import ConnectorTestSupport
import Foundation
import Testing

/// Webhook messages are signed as the Standard Webhooks specification says: checked with the specification's own
/// Python library (`standardwebhooks`, installed by scripts/test.sh), the receiver's side.
@Suite struct WebhookMessageTests {
    /// The library's folder, for PYTHONPATH.
    static func library() throws -> String {
        guard let path = ProcessInfo.processInfo.environment["FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS"] else {
            throw LibraryMissing()
        }
        return path
    }

    struct LibraryMissing: Error, CustomStringConvertible {
        var description: String { "FILE_CONNECTOR_TEST_STANDARD_WEBHOOKS is not set: run scripts/test.sh, which installs the library" }
    }

    /// Runs `script` with the library on PYTHONPATH and `arguments`; the body goes on standard input.
    static func python(_ script: String, _ arguments: [String], body: [UInt8]) async throws -> CommandRunner.Outcome {
        let directory = try TemporaryDirectory()
        try directory.write("body", String(decoding: body, as: UTF8.self))
        return try await CommandRunner(executable: "/usr/bin/env").run(
            ["python3", "-c", script] + arguments + [directory.url("body")], environment: ["PYTHONPATH": try library()])
    }

    static let verify = """
        import sys
        from standardwebhooks import Webhook
        secret, message_id, timestamp, signature, path = sys.argv[1:6]
        body = open(path, "rb").read()
        Webhook(secret).verify(body, {"webhook-id": message_id, "webhook-timestamp": timestamp, "webhook-signature": signature})
        print("verified")
        """

    static func events() -> [ChangeEvent] {
        let time = Date(timeIntervalSince1970: 1_796_000_000)
        return [
            ChangeEvent(sequence: 41, time: time, type: .syncStarted, endpoint: "drawings", correlationID: "run-1", data: #"{"runId":1}"#),
            ChangeEvent(
                sequence: 42, time: time, type: .fileCreated, endpoint: "drawings", correlationID: "run-1", data: "{}", fileID: "plan é.pdf"
            ),
        ]
    }

    @Test func aBatchVerifiesWithTheSpecificationsLibrary() async throws {
        let secret = WebhookSecret.generate()
        let message = WebhookMessage.changes(Self.events(), sink: "warehouse", at: Date())
        #expect(message.id == "fc_warehouse_41-42")
        let headers = Dictionary(
            uniqueKeysWithValues: message.headers(signedWith: try WebhookSecret(encoded: secret)).map { ($0.name, $0.value) })
        let outcome = try await Self.python(
            Self.verify, [secret, headers["webhook-id"] ?? "", headers["webhook-timestamp"] ?? "", headers["webhook-signature"] ?? ""],
            body: message.body)
        #expect(outcome.status == 0 && outcome.standardOutput == "verified\n", "\(outcome.standardError)")
        let document = try JSONParser.parse(String(decoding: message.body, as: UTF8.self)).value
        #expect(document["type"] == "file-connector.changes" && document["data"]?["next"] == 42)
        #expect(document["data"]?["events"]?.arrayValue?.map { $0["sequence"] } == [41, 42])
        #expect(headers["content-type"] == "application/json")
    }

    @Test func aTamperedBodyOrAnotherSecretDoesNotVerify() async throws {
        let secret = WebhookSecret.generate()
        let message = WebhookMessage.changes(Self.events(), sink: "warehouse", at: Date())
        let signature = message.signature(with: try WebhookSecret(encoded: secret))
        let timestamp = String(message.timestamp)
        var tampered = message.body
        tampered[tampered.count / 2] ^= 1
        let changed = try await Self.python(Self.verify, [secret, message.id, timestamp, signature], body: tampered)
        #expect(changed.status != 0 && changed.standardError.contains("WebhookVerificationError"), "\(changed.standardError)")
        let other = try await Self.python(Self.verify, [WebhookSecret.generate(), message.id, timestamp, signature], body: message.body)
        #expect(other.status != 0 && other.standardError.contains("WebhookVerificationError"), "\(other.standardError)")
    }

    /// The same id, time, body and key give the library's own signature, byte for byte.
    @Test func theSignatureIsTheLibrarysOwn() async throws {
        let secret = "whsec_" + Data("a key of thirty-two bytes, fixed".utf8).base64EncodedString()
        let message = WebhookMessage(
            id: "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", timestamp: 1_674_087_231, body: Array(#"{"type":"user.created"}"#.utf8))
        let sign = """
            import sys, datetime
            from standardwebhooks import Webhook
            secret, message_id, timestamp, path = sys.argv[1:5]
            moment = datetime.datetime.fromtimestamp(int(timestamp), tz=datetime.timezone.utc)
            print(Webhook(secret).sign(message_id, moment, open(path, "rb").read().decode()))
            """
        let outcome = try await Self.python(sign, [secret, message.id, String(message.timestamp)], body: message.body)
        #expect(outcome.standardOutput == message.signature(with: try WebhookSecret(encoded: secret)) + "\n", "\(outcome.standardError)")
    }

    @Test func aSecretIsCheckedAndNeverShown() throws {
        let canary = "whsec_" + Data("CANARY-secret-bytes-0123456789".utf8).base64EncodedString()
        let secret = try WebhookSecret(encoded: canary)
        #expect("\(secret)" == "whsec_(redacted)" && String(reflecting: secret) == "whsec_(redacted)")
        for (text, says) in [
            ("c2VjcmV0LWJ5dGVzLTAxMjM0NTY3ODlhYmNkZWY=", "begin with whsec_"), ("whsec_***", "base64"),
            ("whsec_" + Data("short".utf8).base64EncodedString(), "24 to 64"),
        ] {
            #expect {
                try WebhookSecret(encoded: text)
            } throws: { error in
                "\(error)".contains(says) && !"\(error)".contains(text)
            }
        }
    }
}
