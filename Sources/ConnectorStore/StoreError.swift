/// A store failure: what happened, to which store, in words safe to print (never a password).
///
/// `description` is the one-line message the CLI prints; `underlying` keeps the driver's error for
/// logs at debug level.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure; extensible without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case invalidLocation, unreachable, authentication, corrupt, readOnly, diskFull
            case newerSchema, olderSchema, busy, query, notFound, expired
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The `--database` value cannot be used.
        public static let invalidLocation = Code(.invalidLocation)
        /// The server cannot be reached.
        public static let unreachable = Code(.unreachable)
        /// The server refused the credentials.
        public static let authentication = Code(.authentication)
        /// The file is not a database, or is damaged.
        public static let corrupt = Code(.corrupt)
        /// The store cannot be written.
        public static let readOnly = Code(.readOnly)
        /// The disk (or the store's size limit) is full.
        public static let diskFull = Code(.diskFull)
        /// The store was migrated by a newer binary.
        public static let newerSchema = Code(.newerSchema)
        /// The store needs migrations that a command which never writes will not apply.
        public static let olderSchema = Code(.olderSchema)
        /// Another process held the store's lock too long.
        public static let busy = Code(.busy)
        /// A statement failed.
        public static let query = Code(.query)
        /// The thing asked for does not exist.
        public static let notFound = Code(.notFound)
        /// A change cursor older than the changes the store still keeps.
        public static let expired = Code(.expired)

        /// The code's name.
        public var description: String { base.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// The store, as printed (``StoreLocation/description``).
    public var store: String
    /// What went wrong and what to do, in plain words.
    public var message: String
    /// The driver's error, for debug logs only.
    public var underlying: (any Error)?

    /// Creates an error.
    public init(_ code: Code, store: String, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.store = store
        self.message = message
        self.underlying = underlying
    }

    /// `store sqlite:x.db: message`.
    public var description: String { "store \(store): \(message)" }
}
