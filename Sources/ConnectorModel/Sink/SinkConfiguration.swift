import ConnectorSchedule
import Foundation

/// A sink's spec, typed once at the manifest's edge (and again from the store's canonical JSON): the receiver's URL
/// checked, the event types and the selector parsed, durations as `Duration`s, defaults applied.
public struct SinkConfiguration: Sendable, Hashable {
    /// The spec as written.
    public let spec: SinkSpec
    /// The receiver's URL: `https`, or `http` to a loopback host.
    public let url: URL
    /// Where the signing secret is.
    public let signingSecret: CredentialReference
    /// How long one request may take.
    public let timeout: Duration
    /// Only events of these types (nil: all).
    public let types: Set<ChangeEventType>?
    /// Only events of the endpoints whose labels this selects (nil: all).
    public let endpointSelector: LabelSelector?
    /// The most events in one request.
    public let batchSize: Int
    /// Failures in a row before the sink is dead-lettered.
    public let maxAttempts: Int
    /// The wait after the first failure.
    public let initialBackoff: Duration
    /// The longest wait between attempts.
    public let maxBackoff: Duration
    /// True with `suspend: true`: nothing is delivered.
    public let isSuspended: Bool

    /// The largest batch.
    public static let largestBatch = 1000

    /// Types `spec`.
    /// - Throws: ``EndpointConfigurationError`` with the path (below `spec`) of the value that cannot be used.
    public init(_ spec: SinkSpec) throws(EndpointConfigurationError) {
        self.spec = spec
        url = try Self.receiverURL(spec.webhook.url)
        signingSecret = spec.webhook.signingSecret
        guard (spec.webhook.signingSecret.fromEnv == nil) != (spec.webhook.signingSecret.fromFile == nil) else {
            throw EndpointConfigurationError(path: ["webhook", "signingSecret"], message: "expected exactly one of fromEnv and fromFile")
        }
        timeout =
            try spec.webhook.timeout.map { text throws(EndpointConfigurationError) in
                try EndpointConfigurationError.positiveDuration(text, at: ["webhook", "timeout"])
            } ?? .seconds(10)
        if let names = spec.events?.types {
            var types: Set<ChangeEventType> = []
            for (index, name) in names.enumerated() {
                guard let type = ChangeEventType(rawValue: name) else {
                    throw EndpointConfigurationError(
                        path: ["events", "types", String(index)],
                        message:
                            "expected an event type (\(ChangeEventType.allCases.map(\.rawValue).joined(separator: ", "))), got \"\(name)\"")
                }
                types.insert(type)
            }
            self.types = types
        } else {
            types = nil
        }
        if let text = spec.events?.endpointSelector {
            do {
                endpointSelector = try LabelSelector(parsing: text)
            } catch {
                throw EndpointConfigurationError(path: ["events", "endpointSelector"], message: error.description)
            }
        } else {
            endpointSelector = nil
        }
        batchSize = spec.batch?.maxEvents ?? 100
        guard (1...Self.largestBatch).contains(batchSize) else {
            throw EndpointConfigurationError(path: ["batch", "maxEvents"], message: "expected 1 to \(Self.largestBatch), got \(batchSize)")
        }
        maxAttempts = spec.retry?.maxAttempts ?? 10
        guard maxAttempts >= 1 else {
            throw EndpointConfigurationError(path: ["retry", "maxAttempts"], message: "expected at least 1, got \(maxAttempts)")
        }
        initialBackoff =
            try spec.retry?.initialBackoff.map { text throws(EndpointConfigurationError) in
                try EndpointConfigurationError.positiveDuration(text, at: ["retry", "initialBackoff"])
            } ?? .seconds(1)
        maxBackoff =
            try spec.retry?.maxBackoff.map { text throws(EndpointConfigurationError) in
                try EndpointConfigurationError.positiveDuration(text, at: ["retry", "maxBackoff"])
            } ?? .seconds(300)
        guard maxBackoff >= initialBackoff else {
            throw EndpointConfigurationError(
                path: ["retry", "maxBackoff"],
                message:
                    "expected at least retry.initialBackoff (\(spec.retry?.initialBackoff ?? "1s")), got \"\(spec.retry?.maxBackoff ?? "5m")\""
            )
        }
        isSuspended = spec.suspend == true
    }

    /// Every value of `spec` this type cannot hold, each with its path below `spec` (the initializer throws the first):
    /// `validate` reports them all at once.
    public static func problems(_ spec: SinkSpec) -> [EndpointConfigurationError] {
        var problems: [EndpointConfigurationError] = []
        do { _ = try receiverURL(spec.webhook.url) } catch { problems.append(error) }
        if let text = spec.events?.endpointSelector {
            do {
                _ = try LabelSelector(parsing: text)
            } catch {
                problems.append(EndpointConfigurationError(path: ["events", "endpointSelector"], message: error.description))
            }
        }
        // The rest, with the two values above set to ones that pass.
        var rest = spec
        rest.webhook.url = "https://example.com/"
        rest.events?.endpointSelector = nil
        do { _ = try SinkConfiguration(rest) } catch { problems.append(error) }
        return problems
    }

    /// The receiver's scheme, host and port: what plans, `get sinks` and logs show of its URL (a path or query may
    /// carry a token, as chat services' incoming-webhook URLs do).
    public var receiverOrigin: String { Self.origin(of: url) }

    /// `scheme://host[:port]` of `url`.
    public static func origin(of url: URL) -> String {
        let host = url.host ?? ""
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "\(url.scheme ?? "")://\(shownHost)\(url.port.map { ":\($0)" } ?? "")"
    }

    /// The configuration of a spec the store holds as canonical JSON.
    public static func stored(spec text: String, sink: String) -> Result<SinkConfiguration, UnusableSpecError> {
        let spec: SinkSpec
        do {
            spec = try JSONDecoder().decode(SinkSpec.self, from: Data(text.utf8))
        } catch {
            return .failure(UnusableSpecError(sink: sink, reason: "it is no spec this version reads"))
        }
        do {
            return .success(try SinkConfiguration(spec))
        } catch {
            return .failure(UnusableSpecError(sink: sink, reason: error.description))
        }
    }

    private static func receiverURL(_ text: String) throws(EndpointConfigurationError) -> URL {
        let path = ["webhook", "url"]
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw EndpointConfigurationError(path: path, message: "expected an absolute https URL, got \"\(Self.shortened(text))\"")
        }
        guard url.user == nil, url.password == nil else {
            throw EndpointConfigurationError(
                path: path, message: "expected a URL without user or password (the signing secret authenticates the sender)")
        }
        switch scheme {
        case "https": return url
        case "http" where isLoopback(host): return url
        case "http":
            throw EndpointConfigurationError(
                path: path,
                message: "expected an https URL (http is accepted only for a loopback host such as 127.0.0.1), got \(scheme)://\(host)")
        default:
            throw EndpointConfigurationError(path: path, message: "expected an https URL, got the scheme \"\(scheme)\"")
        }
    }

    private static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    private static func shortened(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }
}
