import ConnectorHTTPTestSupport

/// Where a request goes, parsed from its (percent-decoded) path.
enum FakeGraphRoute {
    /// How a request addresses an item of a drive.
    enum ItemReference: Equatable {
        case root
        case id(String)
        /// A path relative to the root (`root:/Drawings/A-101.pdf:`).
        case path(String)
    }

    /// What follows a site: nothing (`entity`), `/drives`, `/drive` or `/permissions`.
    enum SiteTail: Equatable {
        case entity
        case drives
        case drive
        case permissions
    }

    case token(tenant: String)
    case siteByPath(hostname: String, path: String, tail: SiteTail)
    case site(id: String, tail: SiteTail)
    case drive(id: String)
    case item(drive: String, ItemReference)
    case children(drive: String, ItemReference)
    /// `…/delta`, with the token of the `delta(token='…')` syntax if the path carried one.
    case delta(drive: String, ItemReference, pathToken: String?)
    case batch
    case unknown

    /// Parses a request.
    static func parse(method: String, path rawPath: String) -> FakeGraphRoute {
        let path = rawPath.removingPercentEncoding ?? rawPath
        if method == "POST", path.hasSuffix("/oauth2/v2.0/token") {
            let tenant = path.dropFirst().dropLast("/oauth2/v2.0/token".count)
            return tenant.isEmpty || tenant.contains("/") ? .unknown : .token(tenant: String(tenant))
        }
        guard path.hasPrefix("/v1.0/") else { return .unknown }
        let rest = Substring(path.dropFirst("/v1.0/".count))
        if rest == "$batch" { return method == "POST" ? .batch : .unknown }
        if rest.hasPrefix("sites/") { return site(rest.dropFirst("sites/".count), method: method) }
        if rest.hasPrefix("drives/"), method == "GET" { return drive(rest.dropFirst("drives/".count)) }
        return .unknown
    }

    private static func siteTail(_ text: Substring, method: String) -> SiteTail? {
        switch (text, method) {
        case ("", "GET"): .entity
        case ("drives", "GET"): .drives
        case ("drive", "GET"): .drive
        case ("permissions", "POST"): .permissions
        default: nil
        }
    }

    private static func site(_ rest: Substring, method: String) -> FakeGraphRoute {
        if let colon = rest.firstIndex(of: ":") {
            let hostname = String(rest[..<colon])
            var remainder = rest[rest.index(after: colon)...]
            var tail: Substring = ""
            if let close = remainder.firstIndex(of: ":") {
                tail = remainder[remainder.index(after: close)...]
                remainder = remainder[..<close]
                if tail.hasPrefix("/") { tail = tail.dropFirst() }
            }
            guard let siteTail = siteTail(tail, method: method) else { return .unknown }
            var sitePath = String(remainder)
            while sitePath.count > 1, sitePath.hasSuffix("/") { sitePath.removeLast() }
            return .siteByPath(hostname: hostname, path: sitePath, tail: siteTail)
        }
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let id = parts.first, !id.isEmpty, let tail = siteTail(parts.count > 1 ? parts[1] : "", method: method) else {
            return .unknown
        }
        return .site(id: String(id), tail: tail)
    }

    private static func drive(_ rest: Substring) -> FakeGraphRoute {
        let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty else { return .unknown }
        let drive = String(first)
        guard parts.count > 1 else { return .drive(id: drive) }
        let tail = parts[1]
        if tail.hasPrefix("root:") {
            var remainder = tail.dropFirst("root:".count)
            var after: Substring = ""
            if let close = remainder.firstIndex(of: ":") {
                after = remainder[remainder.index(after: close)...]
                remainder = remainder[..<close]
            }
            let reference = ItemReference.path(String(remainder))
            return itemTail(drive, reference, after.hasPrefix("/") ? after.dropFirst() : after)
        }
        if tail == "root" { return .item(drive: drive, .root) }
        if tail.hasPrefix("root/") { return itemTail(drive, .root, tail.dropFirst("root/".count)) }
        if tail.hasPrefix("items/") {
            let itemParts = tail.dropFirst("items/".count).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let id = itemParts.first, !id.isEmpty else { return .unknown }
            return itemTail(drive, .id(String(id)), itemParts.count > 1 ? itemParts[1] : "")
        }
        return .unknown
    }

    private static func itemTail(_ drive: String, _ reference: ItemReference, _ tail: Substring) -> FakeGraphRoute {
        if tail.isEmpty { return .item(drive: drive, reference) }
        if tail == "children" { return .children(drive: drive, reference) }
        if tail == "delta" || tail == "delta()" { return .delta(drive: drive, reference, pathToken: nil) }
        if tail.hasPrefix("delta(token="), tail.hasSuffix(")") {
            var token = tail.dropFirst("delta(token=".count).dropLast()
            if token.hasPrefix("'"), token.hasSuffix("'"), token.count >= 2 { token = token.dropFirst().dropLast() }
            return .delta(drive: drive, reference, pathToken: String(token))
        }
        return .unknown
    }
}
