import Crypto
import Foundation
import NIOConcurrencyHelpers
import X509
import _CryptoExtras

/// Tenants, app registrations and their credentials.
extension FakeMicrosoftGraph {
    /// Creates a tenant with a new GUID and `domains` (the token endpoint accepts either in its path).
    public func createTenant(domains: [String] = ["contoso.onmicrosoft.com"]) -> FakeGraphTenant {
        state.withLockedValue { state in
            let tenant = FakeGraphTenant(id: state.ids.guid(), domains: domains)
            state.tenants[tenant.id] = tenant
            return tenant
        }
    }

    /// Registers an app in `tenant` with admin-consented application `permissions` and, with `secret`, a client secret.
    public func registerApp(in tenant: FakeGraphTenant, permissions: Set<FakeGraphPermission>, secret: Bool = true) -> FakeGraphApp {
        state.withLockedValue { state in
            let clientID = state.ids.guid()
            let app = FakeGraphApp(
                clientID: clientID, secret: secret ? state.ids.secret() : nil, tenantID: tenant.id,
                displayName: "Catalog Connector \(clientID.prefix(4))", permissions: permissions)
            state.apps[clientID] = FakeGraphAppRecord(app: app)
            return app
        }
    }

    /// Adds a certificate credential to `app`: a new RSA-2048 key and a self-signed X.509 certificate (CN = the app's
    /// display name, valid for a year around now), made with swift-certificates. The private key is PKCS#8 PEM.
    /// - Throws: When the key or the certificate cannot be made.
    public func addCertificate(to app: FakeGraphApp) throws -> FakeGraphCertificate {
        let key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        let name = try DistinguishedName {
            CommonName(app.displayName)
            OrganizationName("Contoso")
        }
        let now = clock()
        let serial = state.withLockedValue { $0.ids.bytes(16) }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(bytes: [0x01] + serial.dropFirst()),
            publicKey: Certificate.PublicKey(key.publicKey), notValidBefore: now.addingTimeInterval(-86_400),
            notValidAfter: now.addingTimeInterval(365 * 86_400), issuer: name, subject: name,
            signatureAlgorithm: .sha256WithRSAEncryption, extensions: Certificate.Extensions {},
            issuerPrivateKey: Certificate.PrivateKey(key))
        let pem = try certificate.serializeAsPEM()
        let der = pem.derBytes
        let result = FakeGraphCertificate(
            clientID: app.clientID, certificatePEM: pem.pemString, certificateDER: der, privateKeyPEM: key.pkcs8PEMRepresentation,
            sha1Thumbprint: Self.base64URL(Array(Insecure.SHA1.hash(data: der))),
            sha256Thumbprint: Self.base64URL(Array(SHA256.hash(data: der))))
        state.withLockedValue { state in
            state.certificates[result.sha256Thumbprint] = FakeGraphCertificateRecord(
                clientID: app.clientID, sha1: result.sha1Thumbprint, sha256: result.sha256Thumbprint,
                publicKeyPEM: key.publicKey.pemRepresentation)
            state.apps[app.clientID]?.certificates.insert(result.sha256Thumbprint)
        }
        return result
    }

    /// Removes a certificate from its app: assertions signed with it answer `AADSTS700027`.
    public func revokeCertificate(_ certificate: FakeGraphCertificate) {
        state.withLockedValue { state in
            state.certificates[certificate.sha256Thumbprint]?.revoked = true
            state.apps[certificate.clientID]?.certificates.remove(certificate.sha256Thumbprint)
        }
    }

    /// Seconds an access token lives (`expires_in`); 3599 by default.
    public var tokenLifetime: Int {
        get { state.withLockedValue { $0.tokenLifetime } }
        set { state.withLockedValue { $0.tokenLifetime = newValue } }
    }

    /// Makes every access token issued so far answer 401 `InvalidAuthenticationToken` (expired).
    public func expireAccessTokens() {
        let now = clock().timeIntervalSince1970
        state.withLockedValue { state in
            for key in state.accessTokens.keys { state.accessTokens[key]?.expiry = now }
        }
    }

    /// Access tokens issued so far.
    public var issuedTokenCount: Int { state.withLockedValue { $0.issuedTokenCount } }

    /// Every client assertion the token endpoint received, decoded, in order.
    public var assertions: [FakeGraphAssertion] { state.withLockedValue { $0.assertions } }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func base64URLDecoded(_ text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
