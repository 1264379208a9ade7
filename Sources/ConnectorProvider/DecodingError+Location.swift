extension DecodingError {
    /// Where a response failed to decode and why, in words for a sync run's error: "at files[2].size: expected
    /// Int64" or "not valid JSON". Values are never quoted, so nothing from the body (a token) can leak through it.
    public var locatedDescription: String {
        switch self {
        case .typeMismatch(let type, let context):
            return "at \(Self.path(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "at \(Self.path(context.codingPath)): expected \(type), found null"
        case .keyNotFound(let key, let context):
            return "at \(Self.path(context.codingPath + [key])): missing"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "at \(Self.path(context.codingPath)): unreadable value"
        @unknown default:
            return "unreadable"
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the top level" }
        var text = ""
        for key in keys {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text
    }
}
