/// A site as the fake keeps it: the public value, its GUIDs, drives and grants.
struct FakeGraphSiteRecord {
    var site: FakeGraphSite
    var siteCollectionID: String
    var webID: String
    var created: String
    var drives: [String] = []
    /// Roles granted per client id (`Sites.Selected`).
    var grants: [String: [String]] = [:]
}

/// A document library as the fake keeps it.
struct FakeGraphDriveRecord {
    var id: String
    var siteID: String
    var name: String
    var urlSegment: String
    var isDefault: Bool
    var isSystem: Bool
    var driveType: String
    var rootID: String
    var listID: String
    var created: String
    /// Every item ever created in the drive (deleted ones too), for change scans.
    var itemIDs: [String] = []
    var nextListItemID = 1
}

/// An app registration as the fake keeps it.
struct FakeGraphAppRecord {
    var app: FakeGraphApp
    /// SHA-256 thumbprints of the registered certificates.
    var certificates: Set<String> = []
}

/// A registered certificate's verification half.
struct FakeGraphCertificateRecord {
    var clientID: String
    var sha1: String
    var sha256: String
    var publicKeyPEM: String
    var revoked = false
}

/// An access token the fake issued.
struct FakeGraphIssuedToken {
    var clientID: String
    var tenantID: String
    var expiry: Double
    var roles: [String]
}
