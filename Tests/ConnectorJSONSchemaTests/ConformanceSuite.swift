import ConnectorJSON
import ConnectorJSONSchema
import Foundation

/// Finds and loads the official JSON-Schema-Test-Suite for `ConformanceTests`.
enum ConformanceSuite {
    /// The one place that decides which suite files run.
    enum Selection {
        /// Files not run, with the reason:
        /// - `draft2020-12/vocabulary.json`: custom metaschemas with `$vocabulary` (ignoring
        ///   assertion keywords when the validation vocabulary is absent, refusing unknown required
        ///   vocabularies) are not supported by this library.
        static let excludedFiles: Set<String> = ["draft2020-12/vocabulary.json"]

        /// The optional format tests run (with format assertion on): the formats the project's
        /// manifests use. Other optional files (bignum, ecmascript-regex, idn-*, iri, ...) are not
        /// part of the contract and are not run here.
        static let optionalFormats = [
            "date-time", "date", "time", "duration", "email", "hostname",
            "ipv4", "ipv6", "uri", "uri-reference", "uuid", "regex",
        ]

        /// The drafts run, with the folder name and the dialect used for schemas without `$schema`.
        static let drafts: [(folder: String, dialect: SchemaDialect)] = [
            ("draft7", .draft07),
            ("draft2020-12", .draft2020_12),
        ]
    }

    /// The suite folder: `$JSON_SCHEMA_TEST_SUITE`, else the first `shared/conformance/json-schema-test-suite` or
    /// `.cache/json-schema-test-suite-*` (where `scripts/test.sh` puts the copy it fetched) found walking up from this
    /// source file, so a plain `swift test` works once the test script has run.
    static let directory: URL? = {
        let fileManager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["JSON_SCHEMA_TEST_SUITE"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            var candidates = [folder.appendingPathComponent("shared/conformance/json-schema-test-suite", isDirectory: true)]
            let cache = folder.appendingPathComponent(".cache", isDirectory: true)
            let cached = (try? fileManager.contentsOfDirectory(atPath: cache.path)) ?? []
            candidates += cached.filter { $0.hasPrefix("json-schema-test-suite-") }.sorted().reversed()
                .map { cache.appendingPathComponent($0, isDirectory: true) }
            for candidate in candidates where fileManager.fileExists(atPath: candidate.appendingPathComponent("tests").path) {
                return candidate
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// The files to run; a single `missing` entry when the suite cannot be found, so the test
    /// fails instead of silently running nothing.
    static let files: [ConformanceFile] = {
        guard let directory else { return [.missing] }
        var files: [ConformanceFile] = []
        for draft in Selection.drafts {
            let folder = directory.appendingPathComponent("tests").appendingPathComponent(draft.folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".json") {
                let relative = "\(draft.folder)/\(name)"
                guard !Selection.excludedFiles.contains(relative) else { continue }
                files.append(ConformanceFile(relativePath: relative, dialect: draft.dialect, formatAssertion: false))
            }
            for format in Selection.optionalFormats {
                let relative = "\(draft.folder)/optional/format/\(format).json"
                let url = directory.appendingPathComponent("tests").appendingPathComponent(relative)
                if FileManager.default.fileExists(atPath: url.path) {
                    files.append(ConformanceFile(relativePath: relative, dialect: draft.dialect, formatAssertion: true))
                }
            }
        }
        return files.isEmpty ? [.missing] : files
    }()

    /// The metaschemas plus every file of `remotes/`, served at `http://localhost:1234/<path>`.
    static let registry: SchemaRegistry = {
        var registry = SchemaRegistry.standard
        guard let directory else { return registry }
        let remotes = directory.appendingPathComponent("remotes")
        guard let enumerator = FileManager.default.enumerator(atPath: remotes.path) else { return registry }
        for case let relative as String in enumerator where relative.hasSuffix(".json") {
            let url = remotes.appendingPathComponent(relative)
            guard let text = try? String(contentsOf: url, encoding: .utf8),
                let document = try? JSONParser.parseValue(text)
            else { continue }
            registry.add(document, uri: "http://localhost:1234/" + relative)
        }
        return registry
    }()
}

/// One suite file to run.
struct ConformanceFile: Sendable, CustomStringConvertible {
    /// Path under `tests/`, e.g. `draft7/ref.json`; empty for `missing`.
    var relativePath: String
    var dialect: SchemaDialect
    var formatAssertion: Bool

    /// Stands in for the whole suite when it cannot be found.
    static let missing = ConformanceFile(relativePath: "", dialect: .draft2020_12, formatAssertion: false)

    var description: String { relativePath.isEmpty ? "(suite not found)" : relativePath }
}
