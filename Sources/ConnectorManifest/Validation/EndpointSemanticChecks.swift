import ConnectorModel

/// The per-document checks the schema cannot express (docs/manifests.md): the provider block matches
/// `provider`, the schedule is exactly one of its forms and parses, durations are in range,
/// the time zone is an IANA name, and filters make sense. Names and secrets are checked by the loader.
struct EndpointSemanticChecks: Sendable {
    func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        ProviderBlockCheck().diagnostics(for: document)
            + ScheduleCheck().diagnostics(for: document)
            + FilterCheck().diagnostics(for: document)
    }
}
