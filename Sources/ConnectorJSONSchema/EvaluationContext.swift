import ConnectorJSON
import Foundation

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
    /// Where evaluation must stop recursing to stay clear of a stack overflow.
    let stackBudget = StackBudget()

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
