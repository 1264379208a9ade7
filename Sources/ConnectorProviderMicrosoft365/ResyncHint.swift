import NIOConcurrencyHelpers

/// The `Location` of a `410 Gone` that ended a change listing, kept for the full enumeration the engine starts next
/// (Graph names there where to enumerate from).
final class ResyncHint: Sendable {
    private let location = NIOLockedValueBox<String?>(nil)

    /// Keeps `link`, if there is one.
    func remember(_ link: String?) {
        location.withLockedValue { $0 = link }
    }

    /// The kept link, once.
    func take() -> String? {
        location.withLockedValue { location in
            defer { location = nil }
            return location
        }
    }
}
