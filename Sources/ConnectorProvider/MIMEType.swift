/// MIME types by file extension, for providers whose source has none (local files, ACC items).
public enum MIMEType {
    /// The MIME type of a file with extension `ext` (lowercase, no dot); `application/octet-stream` when unknown.
    public static func forExtension(_ ext: String) -> String {
        table[ext.lowercased()] ?? "application/octet-stream"
    }

    static let table: [String: String] = [
        "pdf": "application/pdf", "txt": "text/plain", "md": "text/markdown", "csv": "text/csv",
        "html": "text/html", "htm": "text/html", "xml": "application/xml", "json": "application/json",
        "yaml": "application/yaml", "yml": "application/yaml", "zip": "application/zip",
        "gz": "application/gzip", "tar": "application/x-tar", "7z": "application/x-7z-compressed",
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "tif": "image/tiff",
        "tiff": "image/tiff", "bmp": "image/bmp", "svg": "image/svg+xml", "webp": "image/webp", "heic": "image/heic",
        "mp4": "video/mp4", "mov": "video/quicktime", "mp3": "audio/mpeg", "wav": "audio/wav",
        "doc": "application/msword", "xls": "application/vnd.ms-excel", "ppt": "application/vnd.ms-powerpoint",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "dwg": "image/vnd.dwg", "dxf": "image/vnd.dxf", "dwf": "model/vnd.dwf", "dwfx": "model/vnd.dwfx",
        "rvt": "application/vnd.autodesk.revit", "rfa": "application/vnd.autodesk.revit",
        "nwd": "application/vnd.autodesk.navisworks", "nwc": "application/vnd.autodesk.navisworks",
        "ifc": "application/x-step", "step": "application/step", "stp": "application/step",
        "iges": "model/iges", "igs": "model/iges", "stl": "model/stl", "obj": "model/obj", "fbx": "application/octet-stream",
        "skp": "application/vnd.sketchup.skp", "3dm": "model/vnd.3dm",
    ]
}
