import NIOSSL
import PostgresNIO

/// libpq's `sslmode` on NIOSSL, once for both the pool and the probe connection: `disable` is plain;
/// `allow`/`prefer` use TLS when offered and `require` always, both without verifying the
/// certificate (as libpq); `verify-ca` checks the chain; `verify-full` the chain and the host name.
struct PostgresSSLPolicy {
    enum Use { case off, prefer, require }

    let use: Use
    let configuration: TLSConfiguration

    init(mode: String) {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case "disable": use = .off
        case "allow", "prefer": use = .prefer
        default: use = .require
        }
        switch mode {
        case "allow", "prefer", "require": configuration.certificateVerification = .none
        case "verify-ca": configuration.certificateVerification = .noHostnameVerification
        default: break
        }
        self.configuration = configuration
    }

    /// The policy for a connection pool.
    var clientTLS: PostgresClient.Configuration.TLS {
        switch use {
        case .off: .disable
        case .prefer: .prefer(configuration)
        case .require: .require(configuration)
        }
    }

    /// The policy for a single connection.
    func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch use {
        case .off: return .disable
        case .prefer: return .prefer(try NIOSSLContext(configuration: configuration))
        case .require: return .require(try NIOSSLContext(configuration: configuration))
        }
    }
}
