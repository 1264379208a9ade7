/// A provider failure in words safe to show (never a credential), with a code the engine acts on.
public struct ProviderError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure; extensible.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case cursorExpired, configuration, credentials, unauthorized, notFound, unavailable, invalidResponse
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The stored cursor or change token is no longer accepted: list everything again.
        public static let cursorExpired = Code(.cursorExpired)
        /// The endpoint's source block cannot be used (a missing directory, say).
        public static let configuration = Code(.configuration)
        /// The credential document is missing or unreadable.
        public static let credentials = Code(.credentials)
        /// The provider refused the credentials.
        public static let unauthorized = Code(.unauthorized)
        /// The root folder or project does not exist or is not shared.
        public static let notFound = Code(.notFound)
        /// The provider could not be reached or kept failing.
        public static let unavailable = Code(.unavailable)
        /// The provider answered something that cannot be used.
        public static let invalidResponse = Code(.invalidResponse)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// What happened and what to do, in plain words.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
