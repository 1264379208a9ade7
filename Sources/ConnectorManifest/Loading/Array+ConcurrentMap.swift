import Foundation

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores, results in the original order. Used for reading,
    /// checking and canonicalising thousands of manifests; `transform` must be safe to run concurrently.
    package func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        guard count > 1 else { return map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            // The slots still hold the results `map` copied out: release them with the buffer.
            results.deinitialize()
            results.deallocate()
        }
        let slots = SendableBuffer(results)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            // Each iteration writes only its own slot.
            slots.buffer[index] = transform(self[index])
        }
        return results.map { result in
            guard let result else { preconditionFailure("concurrentPerform ran every iteration") }
            return result
        }
    }
}

/// A buffer whose disjoint slots are written from several threads.
private struct SendableBuffer<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T?>
    init(_ buffer: UnsafeMutableBufferPointer<T?>) { self.buffer = buffer }
}
