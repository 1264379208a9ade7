/// Why a cron expression was rejected, in plain words and with a position.
///
/// `message` is complete on its own ("minute field: 61 is out of range 0-59");
/// `field`, `text`, `offset` and `expected` let a caller point at the exact spot,
/// for example by adding `offset` to the column of the YAML scalar.
public struct CronSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field the problem is in, or `nil` when it concerns the whole expression
    /// (field count, macros, an empty expression).
    public var field: CronField?
    /// The offending text exactly as written (a value, a range, a list entry or a whole field).
    public var text: String
    /// Zero-based character offset of `text` within the expression as given, leading blanks included.
    public var offset: Int
    /// What was expected instead, in plain words, e.g. "a value in 0-59".
    public var expected: String
    /// The full plain-words message.
    public var message: String

    /// Creates an error; `message` should read well on its own.
    public init(field: CronField?, text: String, offset: Int, expected: String, message: String) {
        self.field = field
        self.text = text
        self.offset = offset
        self.expected = expected
        self.message = message
    }

    /// The plain-words message.
    public var description: String { message }
}

extension CronSyntaxError {
    /// An error inside `field`, whose message is prefixed with "<field> field: ".
    static func inField(
        _ field: CronField, text: String, offset: Int, expected: String, problem: String
    ) -> CronSyntaxError {
        CronSyntaxError(
            field: field, text: text, offset: offset, expected: expected,
            message: "\(field) field: \(problem)"
        )
    }
}
