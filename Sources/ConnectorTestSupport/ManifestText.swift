/// A valid `local` endpoint manifest named `name` (with `labels`, if any), for tests that need manifests on disk.
public func localEndpoint(_ name: String, interval: String = "15m", path: String = "./data", labels: [String: String] = [:]) -> String {
    let labelLines = labels.sorted { $0.key < $1.key }.map { "\n    \($0.key): \($0.value)" }.joined()
    return """
        apiVersion: fileconnector/v1
        kind: Endpoint
        metadata:
          name: \(name)\(labels.isEmpty ? "" : "\n  labels:" + labelLines)
        spec:
          provider: local
          local:
            path: \(path)
          schedule:
            interval: \(interval)

        """
}
