import Foundation

#if canImport(Glibc)
    import Glibc
    import NIOConcurrencyHelpers
#endif

/// The one thread a backend runs on: started in `init`, joined by `join()`.
///
/// On Linux this is a POSIX thread that `join()` really joins, so when `stop()` returns the
/// thread is gone (tests check `/proc/self/task`). Elsewhere it is a Foundation thread and
/// `join()` waits until its body has returned.
final class WatcherThread: Sendable {
    /// The kernel thread id (Linux), or 0 elsewhere.
    let threadID: Int32
    #if canImport(Glibc)
        private let handle: pthread_t
    #else
        private let finished: DispatchSemaphore
    #endif
    private let joined = NIOLockedValueBox(false)

    /// Starts `body` on a new thread named `name` and returns once it runs.
    init(name: String, body: @escaping @Sendable () -> Void) throws(WatchSetupError) {
        let start = ThreadStart(name: name, body: body)
        #if canImport(Glibc)
            var handle = pthread_t()
            let context = Unmanaged.passRetained(start).toOpaque()
            let result = pthread_create(
                &handle, nil,
                { context in
                    guard let context else { return nil }
                    let start = Unmanaged<ThreadStart>.fromOpaque(context).takeRetainedValue()
                    start.running(threadID: currentThreadID(naming: start.name))
                    start.body()
                    return nil
                }, context)
            guard result == 0 else {
                Unmanaged<ThreadStart>.fromOpaque(context).release()
                errno = result
                throw .current(.resources, "pthread_create")
            }
            self.handle = handle
        #else
            let finished = DispatchSemaphore(value: 0)
            let thread = Thread {
                start.running(threadID: 0)
                start.body()
                finished.signal()
            }
            thread.name = name
            thread.start()
            self.finished = finished
        #endif
        threadID = start.waitUntilRunning()
    }

    /// Waits for the thread's body to return. Only the first call waits.
    func join() {
        let first = joined.withLockedValue { value in
            defer { value = true }
            return !value
        }
        guard first else { return }
        #if canImport(Glibc)
            _ = pthread_join(handle, nil)
        #else
            finished.wait()
        #endif
    }
}

/// What a new thread needs, handed over through `pthread_create`'s context pointer.
private final class ThreadStart: Sendable {
    let name: String
    let body: @Sendable () -> Void
    private let started = DispatchSemaphore(value: 0)
    private let threadID = NIOLockedValueBox<Int32>(0)

    init(name: String, body: @escaping @Sendable () -> Void) {
        self.name = name
        self.body = body
    }

    func running(threadID id: Int32) {
        threadID.withLockedValue { $0 = id }
        started.signal()
    }

    func waitUntilRunning() -> Int32 {
        started.wait()
        return threadID.withLockedValue { $0 }
    }
}

#if canImport(Glibc)
    /// The kernel id of the calling thread, read from `/proc/thread-self` (Glibc's Swift module does
    /// not export `gettid` or `pthread_setname_np`); names the thread through its `comm` file on the way.
    private func currentThreadID(naming name: String) -> Int32 {
        let descriptor = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        if descriptor >= 0 {
            let bytes = Array(name.utf8.prefix(15))
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            _ = systemClose(descriptor)
        }
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        guard count > 0 else { return 0 }
        let text = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.split(separator: "/").last.flatMap { Int32($0) } ?? 0
    }
#endif
