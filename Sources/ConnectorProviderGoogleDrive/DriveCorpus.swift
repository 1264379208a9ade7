/// Which of Drive's corpora the endpoint's folder is listed in, and which change log follows it: decided from the
/// folder itself (its `driveId`) and the service account's membership of that drive (`drives.get`), not from the
/// manifest alone.
enum DriveCorpus: Sendable, Hashable {
    /// The folder is in someone's My Drive (the account's own, or shared with it): the user corpus and change log.
    case myDrive
    /// The folder is on a shared drive the account is a member of: `corpora=drive&driveId=` and the drive's own
    /// change log.
    case sharedDrive(String)
    /// The folder is on a shared drive the account is no member of, only shared into the folder: Drive answers 404
    /// "Shared drive not found" to anything naming the drive, so the folder is listed with `corpora=allDrives` and
    /// its changes arrive in the user's change log.
    case sharedFolder(driveID: String)

    /// `corpora` and `driveId` for `files.list`.
    var listParameters: [(String, String)] {
        switch self {
        case .myDrive: []
        case .sharedDrive(let id): [("corpora", "drive"), ("driveId", id)]
        case .sharedFolder: [("corpora", "allDrives")]
        }
    }

    /// `driveId` for `changes.getStartPageToken` and `changes.list`: only a member follows a drive's own log.
    var changeLogDriveID: String? {
        if case .sharedDrive(let id) = self { return id }
        return nil
    }
}
