import ConnectorJSON
import ConnectorModel

/// Names are unique per kind across every file given (an endpoint and a sink may share one): each use of a repeated
/// name is reported, naming the other places.
struct NameUniquenessCheck {
    /// Diagnostics keyed by the index of the document they belong to.
    func diagnostics(for documents: [ManifestDocument]) -> [Int: [Diagnostic]] {
        let namePointer = JSONPointer(tokens: ["metadata", "name"])
        var uses: [KindAndName: [Int]] = [:]
        for (index, document) in documents.enumerated() {
            if let name = document.name {
                let kind = document.value["kind"]?.stringValue == ManifestKind.sink.rawValue ? ManifestKind.sink : .endpoint
                uses[KindAndName(kind: kind, name: name), default: []].append(index)
            }
        }
        var result: [Int: [Diagnostic]] = [:]
        for (use, indices) in uses where indices.count > 1 {
            let name = use.name
            for index in indices {
                let others = indices.filter { $0 != index }
                    .map { documents[$0].location(of: namePointer).description }
                result[index, default: []].append(
                    Diagnostic(
                        at: documents[index].location(of: namePointer), pointer: namePointer, code: "duplicate-name",
                        "\(use.kind.noun) name \"\(name)\" is used more than once (also at \(others.joined(separator: ", "))); names must be unique across all manifests"
                    ))
            }
        }
        return result
    }
}

/// A name within its kind.
private struct KindAndName: Hashable {
    var kind: ManifestKind
    var name: String
}
