import ConnectorProvider
import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import ConnectorProviderMicrosoft365

/// The credential document and the client assertion, checked against openssl's thumbprints and swift-crypto's
/// verification.
@Suite struct EntraCredentialsTests {
    static func document(_ object: [String: String], origin: String = "file /secrets/m365.json") throws -> CredentialDocument {
        CredentialDocument(data: try JSONSerialization.data(withJSONObject: object), origin: origin)
    }

    static let certificateDocument: [String: String] = [
        "clientId": "aaaabbbb-0000-cccc-1111-dddd2222eeee", "certificate": TestAppCertificate.certificatePEM,
        "privateKey": TestAppCertificate.privateKeyPEM,
    ]

    @Test func theThumbprintsAreOpensslsOnes() throws {
        let credentials = try EntraCredentials(Self.document(Self.certificateDocument))
        guard case .certificate(let certificate, let algorithm) = credentials.proof else {
            Issue.record("expected a certificate proof")
            return
        }
        #expect(algorithm == .ps256)
        #expect(certificate.sha1Thumbprint == TestAppCertificate.sha1Thumbprint)
        #expect(certificate.sha256Thumbprint == TestAppCertificate.sha256Thumbprint)
        #expect(certificate.notValidAfter > Date())
    }

    @Test(arguments: [ClientAssertion.Algorithm.ps256, .rs256])
    func theAssertionCarriesEntrasClaimsAndVerifies(algorithm: ClientAssertion.Algorithm) throws {
        var document = Self.certificateDocument
        document["assertionAlgorithm"] = algorithm.rawValue
        let credentials = try EntraCredentials(Self.document(document))
        guard case .certificate(let certificate, _) = credentials.proof else {
            Issue.record("expected a certificate proof")
            return
        }
        let tokenURL = "https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token"
        let now = Date(timeIntervalSince1970: 1_717_000_000)
        let jwt = try ClientAssertion(clientID: credentials.clientID, certificate: certificate, algorithm: algorithm, tokenURL: tokenURL)
            .signed(at: now)
        let parts = jwt.split(separator: ".").map(String.init)
        try #require(parts.count == 3)
        let header = try #require(try JSONSerialization.jsonObject(with: Self.decode(parts[0])) as? [String: Any])
        let claims = try #require(try JSONSerialization.jsonObject(with: Self.decode(parts[1])) as? [String: Any])
        #expect(header["alg"] as? String == algorithm.rawValue)
        #expect(header["typ"] as? String == "JWT")
        switch algorithm {
        case .ps256:
            #expect(header["x5t#S256"] as? String == TestAppCertificate.sha256Thumbprint)
            #expect(header["x5t"] == nil)
        case .rs256:
            #expect(header["x5t"] as? String == TestAppCertificate.sha1Thumbprint)
            #expect(header["x5t#S256"] == nil)
        }
        #expect(claims["aud"] as? String == tokenURL)
        #expect(claims["iss"] as? String == "aaaabbbb-0000-cccc-1111-dddd2222eeee")
        #expect(claims["sub"] as? String == claims["iss"] as? String)
        #expect(UUID(uuidString: claims["jti"] as? String ?? "") != nil)
        #expect(claims["nbf"] as? Int == 1_717_000_000)
        #expect(claims["exp"] as? Int == 1_717_000_600)
        let publicKey = try _RSA.Signing.PrivateKey(pemRepresentation: TestAppCertificate.privateKeyPEM).publicKey
        let signature = _RSA.Signing.RSASignature(rawRepresentation: try Self.decode(parts[2]))
        let digest = SHA256.hash(data: Data((parts[0] + "." + parts[1]).utf8))
        let padding: _RSA.Signing.Padding = algorithm == .ps256 ? .PSS : .insecurePKCS1v1_5
        let other: _RSA.Signing.Padding = algorithm == .ps256 ? .insecurePKCS1v1_5 : .PSS
        #expect(publicKey.isValidSignature(signature, for: digest, padding: padding))
        #expect(!publicKey.isValidSignature(signature, for: digest, padding: other))
    }

    @Test func oneFileHoldingTheKeyAndTheCertificateWorks() throws {
        let bundle = TestAppCertificate.privateKeyPEM + "\n" + TestAppCertificate.certificatePEM
        let credentials = try EntraCredentials(Self.document(["clientId": "x", "certificate": bundle]))
        guard case .certificate(let certificate, _) = credentials.proof else {
            Issue.record("expected a certificate proof")
            return
        }
        #expect(certificate.sha1Thumbprint == TestAppCertificate.sha1Thumbprint)
    }

    @Test(arguments: [
        (["clientSecret": "s3cr3t-Value~"], "has no clientId"),
        (["clientId": "x"], "has neither clientSecret nor certificate"),
        (
            ["clientId": "x", "clientSecret": "s3cr3t-Value~", "certificate": TestAppCertificate.certificatePEM],
            "has both clientSecret and certificate"
        ),
        (
            ["clientId": "x", "certificate": TestAppCertificate.certificatePEM, "privateKey": TestAppCertificate.otherPrivateKeyPEM],
            "does not belong to its certificate"
        ),
        (
            [
                "clientId": "x", "certificate": "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----",
                "privateKey": TestAppCertificate.privateKeyPEM,
            ], "cannot be read as an X.509 certificate"
        ),
        (["clientId": "x", "certificate": TestAppCertificate.certificatePEM], "has no PEM private key"),
        (
            [
                "clientId": "x", "certificate": TestAppCertificate.certificatePEM,
                "privateKey": "-----BEGIN ENCRYPTED PRIVATE KEY-----\nabc\n-----END ENCRYPTED PRIVATE KEY-----",
            ], "is encrypted"
        ),
        (
            [
                "clientId": "x", "certificate": TestAppCertificate.certificatePEM, "privateKey": TestAppCertificate.privateKeyPEM,
                "assertionAlgorithm": "ES256",
            ], "expected PS256 or RS256"
        ),
    ])
    func anUnusableDocumentIsExplainedWithoutItsSecrets(object: [String: String], message: String) throws {
        let error = try #require(throws: ProviderError.self) { try EntraCredentials(Self.document(object)) }
        #expect(error.code == .credentials)
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.message.contains("/secrets/m365.json"))
        for secret in ["s3cr3t-Value~", "MII", "not base64"] { #expect(!error.message.contains(secret)) }
    }

    @Test func aSecretIsNeverShownAndARotationChangesTheCacheKey() throws {
        let first = try EntraCredentials(Self.document(["clientId": "app", "clientSecret": "first~Secret"]))
        let second = try EntraCredentials(Self.document(["clientId": "app", "clientSecret": "second~Secret"]))
        #expect(first.cacheKey != second.cacheKey)
        #expect(!first.cacheKey.contains("first~Secret") && !"\(first)".contains("first~Secret"))
        #expect("\(first)" == "Entra app app (from file /secrets/m365.json)")
    }

    static func decode(_ part: String) throws -> Data {
        var text = part.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        return try #require(Data(base64Encoded: text))
    }
}
