import ConnectorJSON
import Foundation

/// The JSON Schema specification a schema is read by.
public enum SchemaDialect: String, Sendable, Hashable, CaseIterable {
    /// Draft-07 (`http://json-schema.org/draft-07/schema#`): `$ref` replaces its siblings,
    /// `definitions`, array-form `items` with `additionalItems`, `dependencies`.
    case draft07
    /// Draft 2020-12 (`https://json-schema.org/draft/2020-12/schema`): `$defs`, `prefixItems`,
    /// `$anchor`, `$dynamicRef`, `unevaluatedProperties`/`unevaluatedItems`, `dependentSchemas`.
    case draft2020_12

    /// The canonical metaschema URI of the dialect.
    public var metaschemaURI: String {
        switch self {
        case .draft07: return "http://json-schema.org/draft-07/schema#"
        case .draft2020_12: return "https://json-schema.org/draft/2020-12/schema"
        }
    }

    /// The dialect a `$schema` value names, or `nil` for a URI that is not a known metaschema.
    ///
    /// Older drafts (04, 06) are read as draft-07 and 2019-09 as 2020-12, their closest supported
    /// relatives.
    public init?(metaschemaURI uri: String) {
        var normalized = uri
        if normalized.hasSuffix("#") { normalized.removeLast() }
        if normalized.hasPrefix("https://") { normalized.removeFirst("https://".count) }
        if normalized.hasPrefix("http://") { normalized.removeFirst("http://".count) }
        switch normalized {
        case "json-schema.org/draft-07/schema", "json-schema.org/draft-06/schema", "json-schema.org/draft-04/schema":
            self = .draft07
        case "json-schema.org/draft/2020-12/schema", "json-schema.org/draft/2019-09/schema":
            self = .draft2020_12
        default:
            return nil
        }
    }
}
