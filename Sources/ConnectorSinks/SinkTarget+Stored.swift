import ConnectorModel
import Foundation

extension SinkTarget {
    /// The target of a sink the store holds: its typed spec, and its signing secret read where the spec points (an
    /// environment variable, or a file; a relative path is taken from the manifest's directory). Read at each pass,
    /// so a rotated Kubernetes Secret is used without a restart.
    /// - Throws: ``SinkSetupError`` naming the sink and where the secret was looked for, never its value.
    public init(_ sink: StoredSink, environment: [String: String]) throws(SinkSetupError) {
        let configuration: SinkConfiguration
        switch sink.configuration {
        case .success(let typed): configuration = typed
        case .failure(let error): throw SinkSetupError(sink: sink.name, message: error.description)
        }
        let reference = configuration.signingSecret
        let text: String
        let origin: String
        if let variable = reference.fromEnv {
            guard let value = environment[variable], !value.isEmpty else {
                throw SinkSetupError(
                    sink: sink.name,
                    message: "the environment variable \(variable) named by webhook.signingSecret.fromEnv is not set or empty")
            }
            (text, origin) = (value, "the environment variable \(variable)")
        } else if let file = reference.fromFile {
            var path = (file as NSString).expandingTildeInPath
            if !path.hasPrefix("/"), let manifest = sink.sourceFile, manifest != "-" {
                path = URL(fileURLWithPath: manifest).deletingLastPathComponent().path + "/" + path
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SinkSetupError(sink: sink.name, message: "cannot read the file \(path) named by webhook.signingSecret.fromFile")
            }
            (text, origin) = (String(decoding: data, as: UTF8.self), "the file \(path)")
        } else {
            throw SinkSetupError(sink: sink.name, message: "webhook.signingSecret names neither fromEnv nor fromFile")
        }
        let secret: WebhookSecret
        do {
            secret = try WebhookSecret(encoded: text)
        } catch {
            throw SinkSetupError(sink: sink.name, message: "\(error) (read from \(origin))")
        }
        self.init(
            name: sink.name, url: configuration.url.absoluteString, secret: secret, types: configuration.types,
            selector: configuration.endpointSelector, batchSize: configuration.batchSize,
            retry: SinkRetryPolicy(
                maxAttempts: configuration.maxAttempts, initialBackoff: configuration.initialBackoff,
                maxBackoff: configuration.maxBackoff),
            timeout: configuration.timeout)
    }
}

/// Why a sink cannot deliver as configured: its stored spec, or its signing secret. It never contains the secret.
public struct SinkSetupError: Error, Sendable, CustomStringConvertible {
    /// The sink.
    public var sink: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(sink: String, message: String) {
        self.sink = sink
        self.message = message
    }

    public var description: String { "sink \(sink): \(message)" }
}
