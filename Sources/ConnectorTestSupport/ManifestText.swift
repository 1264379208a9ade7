/// A valid `local` endpoint manifest named `name`, for tests that need manifests on disk.
public func localEndpoint(_ name: String, interval: String = "15m", path: String = "./data") -> String {
    """
    apiVersion: fileconnector/v1
    kind: Endpoint
    metadata:
      name: \(name)
    spec:
      provider: local
      local:
        path: \(path)
      schedule:
        interval: \(interval)

    """
}
