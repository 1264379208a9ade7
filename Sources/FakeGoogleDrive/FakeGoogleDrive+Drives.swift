import ConnectorHTTPTestSupport

/// Shared-drive membership as Drive enforces it: a service account that is a member lists a shared drive with
/// `corpora=drive&driveId=` and follows the drive's change log; one that is only shared into a folder on the drive is
/// no member, and Drive answers 404 "Shared drive not found" to anything that names the drive (`drives.get`,
/// `corpora=drive`, `driveId` on the change log), while the items shared with it stay visible through
/// `corpora=allDrives` (or `user`) and their changes reach the user's change log.
extension FakeGoogleDrive {
    /// Makes the service accounts no members of `driveID`: they keep seeing its items (as if a folder on it were
    /// shared with them), but every request naming the drive answers 404.
    public func removeMembership(ofSharedDrive driveID: String) {
        state.withLockedValue { _ = $0.nonMemberDrives.insert(driveID) }
    }

    /// The 404 Drive gives to a request naming a shared drive the caller is no member of, or nil.
    func membershipRefusal(_ parameters: [String: String]) -> ServerReply? {
        guard let driveID = parameters["driveId"] else { return nil }
        let known = state.withLockedValue { state in state.items[driveID]?.driveID == driveID && !state.nonMemberDrives.contains(driveID) }
        return known ? nil : FakeDriveErrors.sharedDriveNotFound(driveID)
    }

    /// `GET /drive/v3/drives/{driveId}`: the drive for a member, 404 otherwise.
    func drivesGet(_ driveID: String) -> ServerReply {
        if let refusal = membershipRefusal(["driveId": driveID]) { return refusal }
        let name = state.withLockedValue { $0.items[driveID]?.name ?? driveID }
        var json = FakeJSONWriter()
        json.beginObject()
        json.member("kind", "drive#drive")
        json.member("id", driveID)
        json.member("name", name)
        json.endObject()
        return .response(status: 200, headers: [("Content-Type", "application/json; charset=UTF-8")], body: json.bytes)
    }
}
