#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A non-blocking pipe used to wake a thread blocked in `poll()` so it can exit.
///
/// On Linux it is a `socketpair` opened close-on-exec and non-blocking in one call (Glibc's
/// Swift module does not export `pipe2` or `eventfd`), so a child process spawned at the same
/// moment never inherits it.
///
/// Owned by one backend; `close()` is called once, after the thread has been joined.
struct WakePipe: Sendable {
    /// The end a watcher thread polls.
    let readDescriptor: Int32
    /// The end `signal()` writes to.
    let writeDescriptor: Int32

    /// Opens the pipe with close-on-exec and non-blocking ends.
    init() throws(WatchSetupError) {
        var ends: [Int32] = [-1, -1]
        #if canImport(Glibc)
            let type = Int32(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue | SOCK_NONBLOCK.rawValue)
            guard socketpair(AF_UNIX, type, 0, &ends) == 0 else {
                throw .current(.resources, "socketpair")
            }
        #else
            guard pipe(&ends) == 0 else { throw .current(.resources, "pipe") }
            for end in ends {
                _ = fcntl(end, F_SETFD, FD_CLOEXEC)
                _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            }
        #endif
        readDescriptor = ends[0]
        writeDescriptor = ends[1]
    }

    /// Wakes the thread polling `readDescriptor`. A full pipe already wakes it, so a failed write is fine.
    func signal() {
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Waits until `signal()` was called or `timeout` passed; true when signalled.
    /// - Parameter timeout: nil waits forever.
    func wait(timeout: Duration?) -> Bool {
        var entry = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
        let milliseconds: Int32 =
            timeout.map { timeout -> Int32 in
                let (seconds, attoseconds) = timeout.components
                return Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000)
            } ?? -1
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    /// Closes both ends.
    func close() {
        _ = systemClose(readDescriptor)
        _ = systemClose(writeDescriptor)
    }
}

/// `close(2)`, under a name that does not clash with methods called `close`.
func systemClose(_ descriptor: Int32) -> Int32 {
    #if canImport(Glibc)
        Glibc.close(descriptor)
    #else
        Darwin.close(descriptor)
    #endif
}
