import ConnectorManifest
import ConnectorModel
import ConnectorTestSupport

/// A valid endpoint manifest to start from; tests replace lines to break it.
let validLocalEndpoint = """
    apiVersion: fileconnector/v1
    kind: Endpoint
    metadata:
      name: photos
    spec:
      provider: local
      local:
        path: ./data
      schedule:
        interval: 15m

    """

/// Loads `files` (name → contents) written to a fresh directory, as `validate DIR` would.
func load(_ files: [String: String], environment: [String: String] = [:]) throws -> (ManifestLoadResult, TemporaryDirectory) {
    let directory = try TemporaryDirectory()
    for (name, contents) in files { try directory.write(name, contents) }
    let result = try ManifestLoader(environment: environment).load(paths: [directory.path])
    return (result, directory)
}

/// Loads one manifest text as `manifest.yaml`.
func loadOne(_ text: String, environment: [String: String] = [:]) throws -> (ManifestLoadResult, TemporaryDirectory) {
    try load(["manifest.yaml": text], environment: environment)
}

extension ManifestLoadResult {
    /// The error diagnostics, for assertions.
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}
