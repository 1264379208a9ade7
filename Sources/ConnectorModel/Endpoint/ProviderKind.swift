/// The storage service an endpoint reads from, as written in `spec.provider`.
public enum ProviderKind: String, Sendable, Hashable, Codable, CaseIterable {
    case googleDrive = "google-drive"
    case autodeskAcc = "autodesk-acc"
    case microsoft365 = "microsoft-365"
    case local

    /// The key of the provider block that must accompany this provider in `spec`.
    public var blockKey: String {
        switch self {
        case .googleDrive: "googleDrive"
        case .autodeskAcc: "autodeskAcc"
        case .microsoft365: "microsoft365"
        case .local: "local"
        }
    }

    /// Whether the provider needs a `credentials` reference.
    public var needsCredentials: Bool { self != .local }
}
