import Logging
import NIOConcurrencyHelpers

/// Collects every log line (message and metadata, rendered as text) so tests can search them for secrets.
public final class LogCapture: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    /// An empty capture.
    public init() {}

    /// Every captured line so far.
    public var all: [String] { lines.withLockedValue { $0 } }

    /// A logger at trace level that writes here.
    public func logger(label: String = "test") -> Logger {
        var logger = Logger(label: label) { _ in CapturingHandler(capture: self) }
        logger.logLevel = .trace
        return logger
    }

    fileprivate func append(_ line: String) {
        lines.withLockedValue { $0.append(line) }
    }
}

private struct CapturingHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        let rendered = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        capture.append("\(event.level) \(event.message) \(rendered)")
    }
}
