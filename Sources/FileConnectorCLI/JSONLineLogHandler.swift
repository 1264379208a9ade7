import Foundation
import Logging

/// One JSON object per line on standard error: `ts`, `level`, `msg`, `label`, then the metadata.
struct JSONLineLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let label: String

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var object: [String: String] = [
            "ts": Date().ISO8601Format(Date.ISO8601FormatStyle(includingFractionalSeconds: true)),
            "level": event.level.rawValue, "msg": "\(event.message)", "label": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key] = "\(value)"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(object) else { return }
        FileHandle.standardError.write(data + Data("\n".utf8))
    }
}

/// Sets up swift-log, once, in `main`: JSON lines when `--log-format json` is given or stderr is
/// not a terminal, readable text otherwise, at `--log-level`. ArgumentParser validates both options.
enum LogSetup {
    static func bootstrap(arguments: [String]) {
        // One-shot commands print their results; their logs are for problems unless asked.
        let fallback: Logger.Level = arguments.first == "run" ? .info : .warning
        let level = value(of: "--log-level", in: arguments).flatMap(Logger.Level.init(rawValue:)) ?? fallback
        let format = value(of: "--log-format", in: arguments)
        let json = format.map { $0 == "json" } ?? (isatty(STDERR_FILENO) != 1)
        LoggingSystem.bootstrap { label in
            if json { return JSONLineLogHandler(logLevel: level, label: label) }
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    /// The value of `--name VALUE` or `--name=VALUE`.
    private static func value(of name: String, in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix(name + "=") { return String(argument.dropFirst(name.count + 1)) }
            if argument == name, index + 1 < arguments.count { return arguments[index + 1] }
        }
        return nil
    }
}
