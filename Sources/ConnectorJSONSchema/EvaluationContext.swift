import Foundation

/// One step of an instance or evaluation path, kept unformatted until an error needs it.
enum PathToken: Sendable {
    case key(String)
    case index(Int)

    var text: String {
        switch self {
        case .key(let key): return key
        case .index(let index): return String(index)
        }
    }
}

/// An error found during evaluation, with the structured facts the `anyOf`/`oneOf`
/// diagnosis needs (which values would have been accepted, which property was missing...).
struct ErrorRecord {
    var error: ValidationError
    /// For `const`/`enum` failures: the accepted values.
    var allowedValues: [JSONValue]?
    /// For `type` failures: the accepted types.
    var allowedTypes: JSONTypeSet?
    /// For `required` failures: the missing property.
    var missingProperty: String?
    /// The rendering of the offending value (for rebuilding messages).
    var found: String
}

/// Which parts of an instance some keyword has evaluated, for `unevaluated*` (annotations).
struct EvaluatedLocations {
    var properties: Set<String> = []
    var allProperties = false
    /// Items `0..<itemPrefix` were evaluated.
    var itemPrefix = 0
    var allItems = false
    var items: Set<Int> = []

    mutating func formUnion(_ other: EvaluatedLocations) {
        properties.formUnion(other.properties)
        allProperties = allProperties || other.allProperties
        itemPrefix = max(itemPrefix, other.itemPrefix)
        allItems = allItems || other.allItems
        items.formUnion(other.items)
    }

    func includesProperty(_ name: String) -> Bool {
        allProperties || properties.contains(name)
    }

    func includesItem(_ index: Int) -> Bool {
        allItems || index < itemPrefix || items.contains(index)
    }
}

/// Mutable state of one `validate` call.
struct EvaluationContext {
    /// Errors found so far.
    var errors: [ErrorRecord] = []
    /// When `false`, only validity matters: evaluation stops at the first failure and no
    /// messages are built (used inside `not`, `if`, `contains` and the first pass of `anyOf`).
    var collectsErrors = true
    /// The current instance location.
    var instancePath: [PathToken] = []
    /// The current evaluation path (keywords and their arguments, `$ref` included).
    var keywordPath: [PathToken] = []
    /// Resources entered, outermost first (the dynamic scope of `$dynamicRef`).
    var dynamicScope: [Int] = []
    /// References being followed, with the instance depth they were followed at, to detect
    /// a reference cycle that never moves into the instance.
    var activeReferences: [(node: Int, depth: Int)] = []
    /// How many nodes are being evaluated inside each other.
    var depth = 0

    /// The current instance location as a pointer.
    var instancePointer: JSONPointer {
        JSONPointer(tokens: instancePath.map(\.text))
    }

    /// The current evaluation path, followed by `keyword` when given, as JSON Pointer text.
    func keywordLocation(_ keyword: String?) -> String {
        var text = ""
        for token in keywordPath {
            text += "/"
            text += JSONPointer.escape(token.text)
        }
        if let keyword {
            text += "/" + JSONPointer.escape(keyword)
        }
        return text
    }
}
