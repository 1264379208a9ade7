/// Where an endpoint's files are: one case per provider, carrying that provider's block.
public enum ProviderSource: Sendable, Hashable {
    case googleDrive(GoogleDriveSource)
    case autodeskAcc(AutodeskAccSource)
    case microsoft365(Microsoft365Source)
    case local(LocalSource)

    /// The provider that serves this source.
    public var kind: ProviderKind {
        switch self {
        case .googleDrive: .googleDrive
        case .autodeskAcc: .autodeskAcc
        case .microsoft365: .microsoft365
        case .local: .local
        }
    }

    /// The block `spec.provider` names.
    /// - Throws: ``EndpointConfigurationError`` when that block is missing.
    init(_ spec: EndpointSpec) throws(EndpointConfigurationError) {
        let source: ProviderSource? =
            switch spec.provider {
            case .googleDrive: spec.googleDrive.map(ProviderSource.googleDrive)
            case .autodeskAcc: spec.autodeskAcc.map(ProviderSource.autodeskAcc)
            case .microsoft365:
                try spec.microsoft365.map { block throws(EndpointConfigurationError) in
                    ProviderSource.microsoft365(try Microsoft365Source(block))
                }
            case .local: spec.local.map(ProviderSource.local)
            }
        guard let source else {
            throw EndpointConfigurationError(
                path: [spec.provider.blockKey], message: "expected a \(spec.provider.blockKey) block for provider \(spec.provider.rawValue)"
            )
        }
        self = source
    }
}
