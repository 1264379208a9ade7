import ConnectorJSON
import ConnectorModel

/// The provider block must match `spec.provider`: exactly that block, no other provider's block,
/// and a credentials reference for the providers that need one.
struct ProviderBlockCheck {
    func diagnostics(for document: ManifestDocument) -> [Diagnostic] {
        guard let spec = document.value["spec"]?.objectValue,
            let providerName = spec["provider"]?.stringValue,
            let provider = ProviderKind(rawValue: providerName)
        else { return [] }
        let specPointer = JSONPointer(tokens: ["spec"])
        var diagnostics: [Diagnostic] = []
        if !spec.contains(provider.blockKey) {
            diagnostics.append(
                Diagnostic(
                    at: document.location(of: specPointer.appending("provider")), pointer: specPointer,
                    code: "provider-block",
                    "provider is \(providerName), so spec.\(provider.blockKey) is required"))
        }
        for other in ProviderKind.allCases where other != provider && spec.contains(other.blockKey) {
            let pointer = specPointer.appending(other.blockKey)
            diagnostics.append(
                Diagnostic(
                    at: document.keyLocation(of: pointer), pointer: pointer, code: "provider-block",
                    "provider is \(providerName), so the \(other.blockKey) block does not apply: remove it or change provider"))
        }
        if provider.needsCredentials, !spec.contains("credentials") {
            diagnostics.append(
                Diagnostic(
                    at: document.location(of: specPointer.appending("provider")), pointer: specPointer,
                    code: "credentials",
                    "provider \(providerName) needs spec.credentials (fromEnv or fromFile)"))
        }
        if !provider.needsCredentials, spec.contains("credentials") {
            let pointer = specPointer.appending("credentials")
            diagnostics.append(
                Diagnostic(
                    .warning, at: document.keyLocation(of: pointer), pointer: pointer, code: "credentials",
                    "provider \(providerName) uses no credentials; this block is ignored"))
        }
        return diagnostics
    }
}
