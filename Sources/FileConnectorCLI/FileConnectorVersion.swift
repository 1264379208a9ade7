/// The version this binary reports.
enum FileConnectorVersion {
    static let current = "0.1.0-dev"
}
