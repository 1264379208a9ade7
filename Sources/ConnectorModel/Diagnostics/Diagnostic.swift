import ConnectorJSON

/// One problem found in user input, with where it is and what was expected.
///
/// Diagnostics are collected, not thrown: `validate` reports every problem in every file in one run.
/// The message never contains a secret value; checks that find secrets describe them instead.
public struct Diagnostic: Sendable, Hashable {
    /// How bad the problem is.
    public enum Severity: String, Sendable, Hashable, Codable {
        case error
        case warning
    }

    /// Error or warning; only errors make a manifest invalid.
    public var severity: Severity
    /// Where the problem is; the file alone when the file could not be parsed.
    public var location: SourceLocation
    /// The JSON pointer of the offending value inside its document, when there is one.
    public var pointer: JSONPointer?
    /// Plain words: what is wrong and what was expected.
    public var message: String
    /// A short machine-readable code (`schema`, `yaml-syntax`, `duplicate-name`, ...).
    public var code: String

    /// Creates a diagnostic.
    public init(
        _ severity: Severity = .error,
        at location: SourceLocation,
        pointer: JSONPointer? = nil,
        code: String,
        _ message: String
    ) {
        self.severity = severity
        self.location = location
        self.pointer = pointer
        self.code = code
        self.message = message
    }

    /// Compiler style: `path:line:col: error: /spec/schedule/interval: expected a duration ...`.
    public var rendered: String {
        var text = "\(location): \(severity.rawValue): "
        if let pointer, !pointer.description.isEmpty {
            text += "\(pointer): "
        }
        return text + message
    }
}

extension Diagnostic: Comparable {
    /// Orders by file, line, column, then message, so output is stable across runs.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.location.file, lhs.location.line, lhs.location.column, lhs.message)
            < (rhs.location.file, rhs.location.line, rhs.location.column, rhs.message)
    }
}

/// A diagnostic can be returned as the failure of a `Result` while input is read.
extension Diagnostic: Error {}
