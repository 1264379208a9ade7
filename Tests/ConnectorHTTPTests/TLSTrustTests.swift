import ConnectorHTTP
import ConnectorHTTPTestSupport
import Foundation
import Logging
import Testing

/// Certificates are always verified: a server whose certificate no trusted authority signed is refused, and a CA
/// bundle (`--ca-bundle`, a proxy's or a private gateway's authority) adds to the system's roots.
struct TLSTrustTests {
    @Test func anUntrustedCertificateIsRefusedAndACABundleTrustsIt() async throws {
        let directory = NSTemporaryDirectory() + "tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let certificate = try TestCertificate.make(in: directory)
        let server = FaultInjectingHTTPServer(tls: try certificate.serverContext()) { _ in .json(#"{"ok":true}"#) }
        try await server.start()
        defer { Task { await server.stop() } }
        #expect(server.baseURL.hasPrefix("https://"))
        let request = HTTPRequestSpec(method: .GET, url: server.baseURL + "/", family: "default")

        var configuration = testConfiguration()
        // AsyncHTTPClient keeps trying to connect until the connect timeout and then reports the last failure.
        configuration.connectTimeout = .seconds(2)
        let untrusting = ProviderHTTPClient(configuration: configuration, logger: Logger(label: "tls-test"))
        let refusal = await httpError { try await untrusting.send(request, context: RequestContext()) }
        try await untrusting.shutdown()
        #expect(refusal != nil, "the self-signed certificate is not trusted by default")
        #expect(
            refusal?.code == .untrustedCertificate && refusal?.attempts == 1, "refused at once, not retried: \(String(describing: refusal))"
        )
        #expect(refusal?.description.contains("--ca-bundle") == true)
        #expect(server.requestCount == 0)

        configuration.additionalTrustRoots = [certificate.certificatePath]
        #expect(configuration.trustRootProblem == nil)
        let trusting = ProviderHTTPClient(configuration: configuration, logger: Logger(label: "tls-test"))
        let response = try await trusting.send(request, context: RequestContext())
        try await trusting.shutdown()
        #expect(response.status == 200 && server.requestCount == 1)
    }

    @Test func aCABundleThatIsNotPEMIsReportedAsSuch() throws {
        var configuration = ProviderHTTPClient.Configuration()
        configuration.additionalTrustRoots = ["/nonexistent/ca.pem"]
        #expect(configuration.trustRootProblem?.contains("/nonexistent/ca.pem is not a readable file of PEM certificates") == true)
        let path = NSTemporaryDirectory() + "not-pem-\(UUID().uuidString)"
        try Data("hello".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        configuration.additionalTrustRoots = [path]
        #expect(configuration.trustRootProblem != nil)
    }
}
