import ArgumentParser
import Logging

/// Options every command accepts, before or after the command name (as kubectl does).
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The store: sqlite:PATH, a plain path, or postgres://user:pass@host:port/db?sslmode=... (env FILE_CONNECTOR_DATABASE; default file-connector.db).",
        valueName: "url"))
    var database: String?

    @Option(help: "Log format: text or json (default: json when stderr is not a terminal).")
    var logFormat: LogFormat?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (default: warning; info for run).")
    var logLevel: String?

    mutating func validate() throws {
        guard let logLevel else { return }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level: expected one of trace, debug, info, notice, warning, error, critical, got \"\(logLevel)\"")
        }
    }

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }
}
