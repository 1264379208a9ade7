/// A place in a manifest file: the file path as the user named it, and a 1-based line and column.
///
/// Columns count Unicode scalars, as libyaml and the JSON parser do, so an editor's
/// "go to line:column" lands on the value.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative); `-` for standard input.
    public var file: String
    /// 1-based line; 0 when only the file is known.
    public var line: Int
    /// 1-based column; 0 when only the file (or line) is known.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, or fewer parts when the line or column is not known.
    public var description: String {
        if line <= 0 { return file }
        if column <= 0 { return "\(file):\(line)" }
        return "\(file):\(line):\(column)"
    }
}
