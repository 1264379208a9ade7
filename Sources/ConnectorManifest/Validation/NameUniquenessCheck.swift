import ConnectorJSON
import ConnectorModel

/// Endpoint names are unique across every file given: each use of a repeated name is reported,
/// naming the other places.
struct NameUniquenessCheck {
    /// Diagnostics keyed by the index of the document they belong to.
    func diagnostics(for documents: [ManifestDocument]) -> [Int: [Diagnostic]] {
        let namePointer = JSONPointer(tokens: ["metadata", "name"])
        var uses: [String: [Int]] = [:]
        for (index, document) in documents.enumerated() {
            if let name = document.name { uses[name, default: []].append(index) }
        }
        var result: [Int: [Diagnostic]] = [:]
        for (name, indices) in uses where indices.count > 1 {
            for index in indices {
                let others = indices.filter { $0 != index }
                    .map { documents[$0].location(of: namePointer).description }
                result[index, default: []].append(
                    Diagnostic(
                        at: documents[index].location(of: namePointer), pointer: namePointer, code: "duplicate-name",
                        "endpoint name \"\(name)\" is used more than once (also at \(others.joined(separator: ", "))); names must be unique across all manifests"
                    ))
            }
        }
        return result
    }
}
