import ArgumentParser

/// `file-connector version`.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "version", abstract: "Print the version.")

    @OptionGroup var global: GlobalOptions

    func run() {
        print("file-connector \(FileConnectorVersion.current)")
    }
}
