import ConnectorProcess
import Foundation
import NIOSSL

/// A self-signed certificate for `127.0.0.1` and `localhost`, made with the `openssl` command in a directory, for
/// HTTPS tests: a server that presents it, and a client that trusts it only when given the PEM file.
public struct TestCertificate: Sendable {
    /// The certificate (PEM), also the CA bundle a client trusts.
    public let certificatePath: String
    /// Its private key (PEM).
    public let keyPath: String

    /// Makes a certificate valid for one day in `directory`.
    /// - Throws: When `openssl` is missing or fails (a missing tool fails the test; it is never skipped).
    public static func make(in directory: String) throws -> TestCertificate {
        let certificate = directory + "/test-ca.pem"
        let key = directory + "/test-ca.key"
        let status = try ChildProcess.spawn(
            "/usr/bin/openssl",
            arguments: [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=file-connector test", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", key, "-out", certificate,
            ]
        ).wait()
        guard status == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "openssl could not make a test certificate"])
        }
        return TestCertificate(certificatePath: certificate, keyPath: key)
    }

    /// A server-side TLS context presenting this certificate.
    public func serverContext() throws -> NIOSSLContext {
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem)))
        return try NIOSSLContext(configuration: configuration)
    }
}
