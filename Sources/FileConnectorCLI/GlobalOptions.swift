import ArgumentParser
import ConnectorHTTP
import Foundation
import Logging

/// Options every command accepts, before or after the command name (as kubectl does).
struct GlobalOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The store: sqlite:PATH, a plain path, or postgres://user:pass@host:port/db?sslmode=... (env FILE_CONNECTOR_DATABASE; default file-connector.db).",
            valueName: "url"))
    var database: String?

    @Option(
        help: ArgumentHelp(
            "PEM file of certificate authorities to trust for provider APIs besides the system's, e.g. a TLS-inspecting proxy's (env FILE_CONNECTOR_CA_BUNDLE).",
            valueName: "path"))
    var caBundle: String?

    @Option(help: "Log format: text or json (default: json when stderr is not a terminal).")
    var logFormat: LogFormat?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default: warning; info for run).")
    var logLevel: String?

    mutating func validate() throws {
        if let problem = httpConfiguration.trustRootProblem {
            throw ValidationError("--ca-bundle (or FILE_CONNECTOR_CA_BUNDLE): \(problem)")
        }
        guard let logLevel else { return }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level: expected one of trace, debug, info, notice, warning, error, critical, got \"\(logLevel)\"")
        }
    }

    /// The provider HTTP clients' configuration: the default, plus the CA bundle when one is given.
    var httpConfiguration: ProviderHTTPClient.Configuration {
        var configuration = ProviderHTTPClient.Configuration()
        let bundle = caBundle ?? ProcessInfo.processInfo.environment["FILE_CONNECTOR_CA_BUNDLE"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.additionalTrustRoots = bundle.map { [$0] } ?? []
        return configuration
    }

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }
}
