/// Moves global options written before the command name to after it, so
/// `file-connector --database x.db plan dir` parses like `file-connector plan --database x.db dir` (and after the
/// subcommand of a command group: `sink resume`).
enum GlobalOptionPlacement {
    /// Global options that take a value.
    static let valued: Set<String> = ["--database", "--ca-bundle", "--log-format", "--log-level"]
    /// Commands whose first argument names a subcommand, which takes the global options.
    static let groups: Set<String> = ["sink"]

    static func normalize(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            guard valued.contains(name) else { break }
            leading.append(argument)
            if !argument.contains("="), index + 1 < arguments.count {
                leading.append(arguments[index + 1])
                index += 1
            }
            index += 1
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        let commandLength = groups.contains(arguments[index]) && index + 1 < arguments.count ? 2 : 1
        return Array(arguments[index..<(index + commandLength)]) + leading + arguments[(index + commandLength)...]
    }
}
