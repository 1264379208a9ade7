import ConnectorSchedule

/// Why a spec cannot be typed: the value at ``path`` (relative to `spec`) and what was expected of it.
public struct EndpointConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The keys from `spec` down to the value, e.g. `["sync", "timeout"]`.
    public var path: [String]
    /// What is wrong, in plain words that never quote a credential.
    public var message: String

    /// Creates an error.
    public init(path: [String], message: String) {
        self.path = path
        self.message = message
    }

    /// `spec.PATH: message`.
    public var description: String { "spec.\(path.joined(separator: ".")): \(message)" }
}

extension EndpointConfigurationError {
    /// `text` as a positive Go duration, or the error at `path` (below `spec`) saying why it is not one.
    static func positiveDuration(_ text: String, at path: [String]) throws(EndpointConfigurationError) -> Duration {
        let duration: GoDuration
        do {
            duration = try GoDuration(parsing: text)
        } catch {
            throw EndpointConfigurationError(path: path, message: "\(error)")
        }
        guard duration.isPositive else {
            throw EndpointConfigurationError(path: path, message: "expected a positive duration, got \"\(text)\"")
        }
        return duration.duration
    }
}
