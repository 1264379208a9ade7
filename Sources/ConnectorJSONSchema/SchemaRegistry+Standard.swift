import ConnectorJSON
import Foundation

extension SchemaRegistry {
    /// The bundled metaschemas: draft-07, draft 2020-12 and the 2020-12 vocabulary metaschemas
    /// (`https://json-schema.org/draft/2020-12/meta/core`, `.../applicator`, ...).
    public static let standard: SchemaRegistry = {
        var registry = SchemaRegistry()
        let bundled: [[UInt8]] = [
            PackageResources.draft_07_json,
            PackageResources.draft2020_12_json,
            PackageResources.draft2020_12_meta_core_json,
            PackageResources.draft2020_12_meta_applicator_json,
            PackageResources.draft2020_12_meta_unevaluated_json,
            PackageResources.draft2020_12_meta_validation_json,
            PackageResources.draft2020_12_meta_meta_data_json,
            PackageResources.draft2020_12_meta_format_annotation_json,
            PackageResources.draft2020_12_meta_format_assertion_json,
            PackageResources.draft2020_12_meta_content_json,
        ]
        for bytes in bundled {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let document = try? JSONParser.parseValue(text), let id = document["$id"]?.stringValue else {
                continue
            }
            registry.add(document, uri: id)
            // Schemas often cite the metaschemas with the other scheme; serve both.
            if id.hasPrefix("http://") {
                registry.add(document, uri: "https://" + id.dropFirst("http://".count))
            } else if id.hasPrefix("https://") {
                registry.add(document, uri: "http://" + id.dropFirst("https://".count))
            }
        }
        return registry
    }()
}
