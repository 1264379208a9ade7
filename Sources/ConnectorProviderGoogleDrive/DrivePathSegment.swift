import ConnectorModel

/// A Drive name as one segment of a catalog path. Drive allows `/` in names, so `a/b` in the root and `b` in a
/// folder `a` would share the path `a/b`; a path segment therefore writes `/` as `／` (U+FF0F, as rclone does), and
/// a `／` or `‛` (U+201B) already in the name gets a `‛` before it, so every name has a segment of its own and the
/// name can be read back. The file's `name` stays as Drive has it. See `docs/google-drive.md`.
enum DrivePathSegment {
    /// `name` as a path segment.
    static func escaped(_ name: String) -> String {
        guard name.unicodeScalars.contains(where: { $0 == "/" || $0 == "\u{FF0F}" || $0 == "\u{201B}" }) else { return name }
        var segment = String.UnicodeScalarView()
        for scalar in name.unicodeScalars {
            switch scalar {
            case "/": segment.append("\u{FF0F}")
            case "\u{FF0F}", "\u{201B}":
                segment.append("\u{201B}")
                segment.append(scalar)
            default: segment.append(scalar)
            }
        }
        return String(segment)
    }

    /// The name a segment was made from.
    static func name(of segment: String) -> String {
        var name = String.UnicodeScalarView()
        var quoted = false
        for scalar in segment.unicodeScalars {
            if quoted {
                name.append(scalar)
                quoted = false
            } else if scalar == "\u{201B}" {
                quoted = true
            } else {
                name.append(scalar == "\u{FF0F}" ? "/" : scalar)
            }
        }
        return String(name)
    }
}

extension CatalogFolder {
    /// The path of a child Drive calls `name`, with the name escaped as a path segment.
    func childPath(driveName name: String) -> String {
        childPath(DrivePathSegment.escaped(name))
    }
}
