import ConnectorJSON
import ConnectorModel
import Foundation
import Yams

/// Reads the YAML documents of one file into located JSON values.
///
/// Scalars are resolved by the YAML 1.2 core schema (see ``CoreSchemaScalar``), `${VAR}`
/// substitution is applied to string values outside `spec.credentials`, and the input is bounded:
/// nesting deeper than ``maximumDepth`` and more than ``nodeBudget`` nodes after alias expansion
/// (a "billion laughs" bomb) are refused with a located diagnostic.
public struct YAMLDocumentReader: Sendable {
    /// Deepest nesting of mappings and sequences accepted.
    public var maximumDepth: Int
    /// Most nodes accepted in one file after expanding aliases.
    public var nodeBudget: Int
    /// The substitution applied to string values; nil leaves `${...}` as written.
    public var substitution: VariableSubstitution?

    /// Creates a reader.
    public init(maximumDepth: Int = 64, nodeBudget: Int = 1_000_000, substitution: VariableSubstitution? = nil) {
        self.maximumDepth = maximumDepth
        self.nodeBudget = nodeBudget
        self.substitution = substitution
    }

    /// No implicit resolution: a scalar's unresolved tag stays empty when it was written without one,
    /// so ``CoreSchemaScalar`` can resolve plain scalars itself (and no regex runs per scalar).
    private static let resolver = Resolver.basic

    /// The documents of `text`, each with its index in the file; null documents (a stray `---`) are skipped.
    public func documents(in text: String, file: String) -> (documents: [ManifestDocument], diagnostics: [Diagnostic]) {
        var documents: [ManifestDocument] = []
        var diagnostics: [Diagnostic] = []
        var budget = NodeBudget(remaining: nodeBudget)
        do {
            // An explicit encoding: the default reads the process environment on every call.
            let parser = try Parser(yaml: text, resolver: Self.resolver, encoding: .utf8)
            var index = 0
            while let root = try parser.nextRoot() {
                defer { index += 1 }
                var conversion = NodeConversion(
                    file: file, maximumDepth: maximumDepth, substitution: substitution, budget: budget)
                let value = conversion.convert(root, at: .root, depth: 0)
                budget = conversion.budget
                diagnostics += conversion.diagnostics
                if conversion.budget.exhausted { break }
                if case .null = value { continue }
                let line = root.mark?.line ?? 1
                documents.append(
                    ManifestDocument(
                        file: file, index: index, line: line,
                        json: JSONDocument(value: value, positions: conversion.positions, keyPositions: conversion.keyPositions)))
            }
        } catch let error as YamlError {
            diagnostics.append(YAMLErrorTranslation.diagnostic(for: error, file: file, text: text))
        } catch {
            diagnostics.append(
                Diagnostic(
                    at: SourceLocation(file: file), code: "yaml-syntax", "cannot parse the file as YAML"))
        }
        return (documents, diagnostics)
    }
}

/// How many more nodes may be produced from one file.
struct NodeBudget {
    var remaining: Int
    var exhausted = false
}
