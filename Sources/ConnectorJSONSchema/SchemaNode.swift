import ConnectorJSON
import Foundation

/// One compiled (sub)schema: its keywords in evaluation order, ready to run.
///
/// A class so that fetching a node during evaluation costs one reference count, not one per field.
final class SchemaNode: Sendable {
    /// Assertions and applicators; `unevaluatedItems`/`unevaluatedProperties` come last.
    let keywords: [SchemaKeyword]
    /// Whether this is the `false` schema, which rejects everything.
    let isFalse: Bool
    /// The `x-expected` text that replaces this schema's value-level messages.
    let expected: String?
    /// The schema resource this node belongs to (index into `CompiledSchema.resourceURIs`).
    let resource: Int
    /// Whether the node has `unevaluated*` keywords and so needs annotations from its siblings.
    let tracksEvaluation: Bool

    init(keywords: [SchemaKeyword], isFalse: Bool, expected: String?, resource: Int, tracksEvaluation: Bool) {
        self.keywords = keywords
        self.isFalse = isFalse
        self.expected = expected
        self.resource = resource
        self.tracksEvaluation = tracksEvaluation
    }

    /// A placeholder while the node is queued for compilation.
    static let placeholder = SchemaNode(keywords: [], isFalse: false, expected: nil, resource: 0, tracksEvaluation: false)
}
