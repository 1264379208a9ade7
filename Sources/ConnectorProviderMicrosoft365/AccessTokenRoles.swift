import Foundation

/// The application permissions (`roles`) an app-only Graph token carries, read from its JWT payload (without
/// verifying it: only to explain a refusal). Graph tokens are JWTs today; when a token cannot be read, nothing is
/// known and the explanation stays general.
struct AccessTokenRoles: Sendable {
    /// The roles, or `nil` when the token could not be read.
    let roles: Set<String>?

    init(token: String) {
        let parts = token.split(separator: ".")
        guard parts.count == 3 else {
            roles = nil
            return
        }
        var payload = parts[1].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while payload.count % 4 != 0 { payload += "=" }
        guard let data = Data(base64Encoded: payload), let claims = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            roles = nil
            return
        }
        roles = Set(claims["roles"] as? [String] ?? [])
    }

    /// Whether the token has no application permission at all (no admin consent).
    var isEmpty: Bool { roles?.isEmpty == true }

    /// Whether the only site permission is `Sites.Selected`, which needs a grant per site.
    var isSitesSelectedOnly: Bool {
        guard let roles else { return false }
        return roles.contains("Sites.Selected")
            && roles.isDisjoint(with: ["Sites.Read.All", "Sites.ReadWrite.All", "Sites.FullControl.All"])
    }

    /// Whether the token may read sites by path (`Sites.Read.All` or broader, or `Sites.Selected` with a grant).
    var canResolveSites: Bool {
        guard let roles else { return true }
        return !roles.isDisjoint(with: ["Sites.Read.All", "Sites.ReadWrite.All", "Sites.FullControl.All", "Sites.Selected"])
    }
}
