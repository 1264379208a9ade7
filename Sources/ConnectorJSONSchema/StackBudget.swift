#if canImport(Darwin)
    import ConnectorJSON
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#endif

/// How much of the current thread's call stack evaluation may use before it gives up.
///
/// Evaluation recurses with the instance and through `$ref`s, so a deep enough value (or a
/// schema that keeps recursing) would otherwise overflow the stack and crash. The budget is
/// half of the thread's stack size, measured from where validation started; the stack is
/// assumed to grow downwards, as it does on every platform Swift supports.
struct StackBudget {
    private let lowestAddress: UInt

    /// A budget starting at the caller's stack position.
    init() {
        let budget = StackBudget.threadStackSize() / 2
        let start = StackBudget.currentAddress()
        lowestAddress = start > UInt(budget) ? start - UInt(budget) : 0
    }

    /// Whether the stack has grown past the budget.
    var isExhausted: Bool {
        StackBudget.currentAddress() < lowestAddress
    }

    /// An address inside the caller's frame (approximately the stack pointer).
    @inline(never)
    private static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }

    /// The current thread's stack size, bounded to a sane range; 512 KiB when unknown.
    private static func threadStackSize() -> Int {
        let fallback = 512 << 10
        var size = fallback
        #if canImport(Darwin)
            size = pthread_get_stacksize_np(pthread_self())
        #elseif canImport(Glibc)
            // New threads (dispatch workers included) get RLIMIT_STACK, like the main thread.
            var limit = rlimit()
            if getrlimit(Int32(RLIMIT_STACK.rawValue), &limit) == 0 {
                size = limit.rlim_cur == rlim_t.max ? 8 << 20 : Int(clamping: limit.rlim_cur)
            }
        #endif
        return min(max(size, 128 << 10), 64 << 20)
    }
}
