import ConnectorJSON
import Foundation

/// A regular expression written in ECMA-262 syntax (as JSON Schema requires), compiled once
/// and run with `NSRegularExpression`.
///
/// The ECMA-262 pattern is translated where ICU's meaning differs: `\d`, `\w`, `\s` and their
/// negations cover ASCII digits/word characters and ECMA whitespace only, `$` matches only at
/// the very end, `.` excludes exactly the ECMA line terminators, `[^]` matches anything, and
/// `\v`, `\0`, `\u{...}` mean what they mean in JavaScript. Escapes that ECMA-262 (in Unicode
/// mode) does not define, such as `\a`, `\z` or `\Z`, make the pattern invalid.
///
/// `@unchecked Sendable`: the only stored state is immutable, and `NSRegularExpression` is
/// documented as immutable and safe to use from several threads at once.
final class ECMAScriptPattern: @unchecked Sendable {
    /// The pattern as written in the schema.
    let source: String
    private let regex: NSRegularExpression

    /// Compiles `source`.
    /// - Throws: `ECMAScriptPattern.Invalid` with a reason when the pattern is not valid.
    init(_ source: String) throws {
        self.source = source
        let translated = try ECMAScriptPattern.translate(source)
        do {
            regex = try NSRegularExpression(pattern: translated, options: [])
        } catch {
            throw Invalid(reason: "it is not a valid regular expression")
        }
    }

    /// Whether the pattern matches somewhere in `text` (patterns are not implicitly anchored).
    func matches(_ text: String) -> Bool {
        let range = NSRange(location: 0, length: text.utf16.count)
        return regex.firstMatch(in: text, options: [], range: range) != nil
    }

    /// Why a pattern was rejected.
    struct Invalid: Error {
        var reason: String
    }
}
