extension CronExpression {
    /// The macros Vixie cron understands, with the five fields each stands for.
    static let macros: [(name: String, fields: String)] = [
        ("@yearly", "0 0 1 1 *"), ("@annually", "0 0 1 1 *"), ("@monthly", "0 0 1 * *"),
        ("@weekly", "0 0 * * 0"), ("@daily", "0 0 * * *"), ("@midnight", "0 0 * * *"),
        ("@hourly", "0 * * * *"),
    ]

    /// Parses a five-field cron expression or a macro.
    ///
    /// Blanks (spaces and tabs) separate fields; any amount is allowed, also around the
    /// expression. Besides syntax, the expression is rejected when it can never run, such as
    /// `0 0 30 2 *` ("never runs: February has no day 30").
    ///
    /// - Throws: ``CronSyntaxError`` naming the field, the offending text, its character
    ///   offset in `text` and what was expected.
    public init(parsing text: String) throws(CronSyntaxError) {
        let tokens = Self.blankSeparatedTokens(of: text)
        guard let first = tokens.first else {
            throw CronSyntaxError(
                field: nil, text: text, offset: 0, expected: "a cron expression",
                message: "expected a cron expression such as \"*/15 * * * *\", got an empty string"
            )
        }
        if first.text.hasPrefix("@") {
            self = try Self.expandMacro(first, followedBy: tokens.dropFirst())
            return
        }
        guard tokens.count == 5 else {
            let fieldList = "5 fields (minute hour day-of-month month day-of-week)"
            let extra = tokens.count > 5 ? tokens[5] : nil
            throw CronSyntaxError(
                field: nil, text: extra?.text ?? text, offset: extra?.offset ?? Array(text).count,
                expected: fieldList, message: "expected \(fieldList), got \(tokens.count)"
            )
        }
        var bits: [UInt64] = []
        for (field, token) in zip(CronField.allCases, tokens) {
            bits.append(try CronFieldParser(field: field, text: token.text, offset: token.offset).parse())
        }
        let fieldTexts = tokens.map { $0.text.uppercased() }
        self.init(description: fieldTexts.joined(separator: " "), fieldTexts: fieldTexts, bits: bits)
        if let reason = neverRunsReason {
            throw CronSyntaxError(
                field: .dayOfMonth, text: tokens[2].text, offset: tokens[2].offset,
                expected: "a day that exists in one of the months", message: "never runs: \(reason)"
            )
        }
    }

    /// Resolves `@daily` and friends; `@reboot` and unknown macros are errors.
    private static func expandMacro(
        _ token: (text: String, offset: Int), followedBy rest: ArraySlice<(text: String, offset: Int)>
    ) throws(CronSyntaxError) -> CronExpression {
        let name = token.text.lowercased()
        if name == "@reboot" {
            throw CronSyntaxError(
                field: nil, text: token.text, offset: token.offset, expected: "a time-based schedule",
                message: "@reboot is not a schedule: it means \"when the cron daemon starts\"; "
                    + "use manual: true or an interval instead"
            )
        }
        guard let macro = macros.first(where: { $0.name == name }) else {
            let names = macros.map(\.name).joined(separator: ", ")
            throw CronSyntaxError(
                field: nil, text: token.text, offset: token.offset, expected: "one of \(names)",
                message: "unknown macro \(token.text.quotedForMessage); expected one of \(names)"
            )
        }
        if let extra = rest.first {
            throw CronSyntaxError(
                field: nil, text: extra.text, offset: extra.offset, expected: "nothing after \(name)",
                message: "\(name) stands for all five fields, but is followed by \(extra.text.quotedForMessage)"
            )
        }
        let fieldTexts = macro.fields.split(separator: " ").map(String.init)
        var bits: [UInt64] = []
        for (field, text) in zip(CronField.allCases, fieldTexts) {
            // The expansions are constants known to be valid; a failure here is a programming error.
            guard let value = try? CronFieldParser(field: field, text: text, offset: 0).parse() else {
                preconditionFailure("invalid expansion \(macro.fields) of \(name)")
            }
            bits.append(value)
        }
        return CronExpression(description: name, fieldTexts: fieldTexts, bits: bits)
    }

    /// The blank-separated words of `text` with their character offsets.
    static func blankSeparatedTokens(of text: String) -> [(text: String, offset: Int)] {
        var tokens: [(text: String, offset: Int)] = []
        var current = ""
        var start = 0
        for (index, character) in text.enumerated() {
            if character.isWhitespace {
                if !current.isEmpty { tokens.append((current, start)) }
                current = ""
            } else {
                if current.isEmpty { start = index }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append((current, start)) }
        return tokens
    }
}
