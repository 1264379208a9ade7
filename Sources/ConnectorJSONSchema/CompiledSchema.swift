import ConnectorJSON
import Foundation

/// A schema compiled into a flat graph of nodes, immutable and shareable across threads.
///
/// References are resolved to node indexes at compile time, so cycles (`"$ref": "#"`) are just
/// edges back to earlier nodes. Dynamic anchors are kept per schema resource for
/// `$dynamicRef`, which is the only thing resolved during evaluation.
final class CompiledSchema: Sendable {
    /// All nodes; children refer to each other by index.
    let nodes: [SchemaNode]
    /// The node of the schema passed to the validator.
    let root: Int
    /// For each resource (by `SchemaNode.resource`), its `$dynamicAnchor` nodes by name.
    let dynamicAnchors: [[String: Int]]
    /// The absolute URI of each resource, for diagnostics.
    let resourceURIs: [String]

    init(nodes: [SchemaNode], root: Int, dynamicAnchors: [[String: Int]], resourceURIs: [String]) {
        self.nodes = nodes
        self.root = root
        self.dynamicAnchors = dynamicAnchors
        self.resourceURIs = resourceURIs
    }
}
