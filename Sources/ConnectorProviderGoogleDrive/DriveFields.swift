/// The `fields` masks sent with each request: Drive returns only what is asked for, so every stored member is named.
enum DriveFields {
    /// The members of a file resource the catalog stores or the walk needs.
    static let file =
        "id,name,mimeType,size,md5Checksum,sha256Checksum,createdTime,modifiedTime,version,webViewLink,"
        + "exportLinks,parents,trashed,driveId,shortcutDetails(targetId,targetMimeType)"
    /// `files.list`.
    static let fileList = "nextPageToken,incompleteSearch,files(\(file))"
    /// `files.get` of the root folder.
    static let folder = "id,name,mimeType,trashed,driveId"
    /// `changes.list`.
    static let changeList = "nextPageToken,newStartPageToken,changes(changeType,removed,fileId,time,file(\(file)))"
    /// `changes.getStartPageToken`.
    static let startPageToken = "startPageToken"
}
