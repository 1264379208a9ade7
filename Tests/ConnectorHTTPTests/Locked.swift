import NIOConcurrencyHelpers

/// A lock-protected value that closures can share, with a `value` getter for assertions.
final class Locked<Value: Sendable>: Sendable {
    private let box: NIOLockedValueBox<Value>

    init(_ value: Value) {
        box = NIOLockedValueBox(value)
    }

    var value: Value { box.withLockedValue { $0 } }

    @discardableResult
    func withLockedValue<Result: Sendable>(_ body: (inout Value) -> Result) -> Result {
        box.withLockedValue { body(&$0) }
    }
}
