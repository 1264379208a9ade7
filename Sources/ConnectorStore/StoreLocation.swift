import Foundation

/// Where the store is, from `--database` / `FILE_CONNECTOR_DATABASE`:
/// `sqlite:PATH`, a plain path, or `postgres://user:pass@host:port/db?sslmode=...`.
public enum StoreLocation: Sendable, Hashable, CustomStringConvertible {
    /// A SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL database.
    case postgres(PostgresLocation)

    /// The default: `file-connector.db` in the working directory.
    public static let defaultLocation = StoreLocation.sqlite(path: "file-connector.db")

    /// Parses a `--database` value.
    /// - Throws: ``StoreError`` for a PostgreSQL URL that cannot be used.
    public init(parsing text: String) throws(StoreError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(parsing: text))
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            self = .sqlite(path: path.hasPrefix("//") ? String(path.dropFirst(2)) : path)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// Safe to print: never contains a password.
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let location): location.description
        }
    }
}

/// A PostgreSQL connection target parsed from a URL.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// Host name or address; nil with a unix socket.
    public var host: String?
    /// TCP port.
    public var port: Int
    /// The directory holding the server's unix socket (`?host=/run/postgresql`), when used.
    public var socketDirectory: String?
    /// User name.
    public var username: String
    /// Password; never printed.
    public var password: String?
    /// Database name.
    public var database: String
    /// libpq's `sslmode`: disable, allow, prefer (default), require, verify-ca, verify-full.
    public var sslMode: String

    /// The sslmode values accepted.
    public static let sslModes: Set<String> = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    /// Parses `postgres://user:pass@host:port/db?sslmode=...&host=/socket/dir`.
    public init(parsing text: String) throws(StoreError) {
        let safe = Self.redacted(text)
        guard let components = URLComponents(string: text) else {
            throw StoreError(
                .invalidLocation, store: safe, "not a valid PostgreSQL URL: expected postgres://user:password@host:port/database")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        host = components.host.flatMap { $0.isEmpty ? nil : $0 }
        port = components.port ?? Int(query["port"] ?? "") ?? 5432
        socketDirectory = query["host"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        if let queryHost = query["host"], !queryHost.hasPrefix("/") { host = queryHost }
        username = components.user.flatMap { $0.removingPercentEncoding } ?? query["user"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? query["password"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        database = path.removingPercentEncoding ?? path
        if database.isEmpty { database = username }
        sslMode = query["sslmode"] ?? "prefer"
        guard Self.sslModes.contains(sslMode) else {
            throw StoreError(
                .invalidLocation, store: safe,
                "unknown sslmode \"\(sslMode)\": expected one of disable, allow, prefer, require, verify-ca, verify-full")
        }
        guard host != nil || socketDirectory != nil else {
            throw StoreError(.invalidLocation, store: safe, "no host: expected postgres://user@host:port/database or ?host=/socket/dir")
        }
    }

    /// `postgres://user@host:port/db?sslmode=...`, without the password.
    public var description: String {
        let target = socketDirectory.map { "?host=\($0)&" } ?? "?"
        return "postgres://\(username)@\(host ?? ""):\(port)/\(database)\(target)sslmode=\(sslMode)"
    }

    /// `text` with any password replaced by `***`.
    public static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text) else { return "postgres://(unparseable URL)" }
        if components.password != nil { components.password = "***" }
        if let items = components.queryItems {
            components.queryItems = items.map { $0.name == "password" ? URLQueryItem(name: "password", value: "***") : $0 }
        }
        return components.string ?? "postgres://(unparseable URL)"
    }
}
