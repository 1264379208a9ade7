import ConnectorJSON
import ConnectorModel
import Foundation

/// The checks of a Sink document the schema cannot express (docs/events.md): the receiver's URL is `https` (or `http`
/// to a loopback host) without credentials, the endpoint selector parses, the retry policy's durations are in order.
/// Each is reported, located, at once; a spec the typed form cannot read at all is left to decoding.
struct SinkSemanticChecks: Sendable {
    func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        guard let spec = document.value["spec"],
            let decoded = try? JSONDecoder().decode(SinkSpec.self, from: Data(spec.jsonString().utf8))
        else { return [] }
        return SinkConfiguration.problems(decoded).map { problem in
            let pointer = JSONPointer(tokens: ["spec"] + problem.path)
            return Diagnostic(at: document.location(of: pointer), pointer: pointer, code: "sink", problem.message)
        }
    }
}
