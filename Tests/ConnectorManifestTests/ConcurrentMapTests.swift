import ConnectorManifest
import Synchronization
import Testing

/// `concurrentMap` reads, checks and canonicalises thousands of manifests on every core: its results come back in
/// order, each element is transformed once, and nothing it made outlives the array it returns (the daemon maps on
/// every reload).
@Suite struct ConcurrentMapTests {
    /// Counts the instances alive.
    final class Tracked: Sendable {
        static let alive = Atomic<Int>(0)
        let value: Int
        init(_ value: Int) {
            self.value = value
            Self.alive.add(1, ordering: .relaxed)
        }
        deinit { Self.alive.subtract(1, ordering: .relaxed) }
    }

    @Test func resultsComeBackInOrderOnceEach() {
        let calls = Atomic<Int>(0)
        let input = Array(0..<5_000)
        let output = input.concurrentMap { value in
            calls.add(1, ordering: .relaxed)
            return value * 3
        }
        #expect(output == input.map { $0 * 3 })
        #expect(calls.load(ordering: .relaxed) == input.count)
        #expect([Int]().concurrentMap { $0 } == [])
        #expect([7].concurrentMap { $0 + 1 } == [8])
    }

    @Test func theResultsAreReleasedWithTheArray() {
        let before = Tracked.alive.load(ordering: .relaxed)
        do {
            let objects = Array(0..<2_000).concurrentMap { Tracked($0) }
            #expect(objects.map(\.value) == Array(0..<2_000))
            #expect(Tracked.alive.load(ordering: .relaxed) - before == 2_000)
        }
        // Before the fix, the buffer's slots kept a reference to every result: 2,000 objects stayed alive.
        #expect(Tracked.alive.load(ordering: .relaxed) == before)
    }
}
