import CChildProcess
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A pipe for a ``ChildProcess``'s standard input or output: both ends close-on-exec in this process (a child gets
/// its end as 0, 1 or 2 only), and reads that go on after a signal interrupts them (Foundation's
/// `readDataToEndOfFile` stops the process on `EINTR`).
public final class ChildPipe: @unchecked Sendable {
    /// The end this process reads (or the child reads, for standard input).
    public let reading: Int32
    /// The end the child writes (or this process writes, for standard input).
    public let writing: Int32
    private let lock = NSLock()
    private var open: (reading: Bool, writing: Bool) = (true, true)

    /// Opens a pipe.
    /// - Throws: `POSIXError` when `pipe2` fails (out of descriptors).
    public init() throws {
        var ends: [Int32] = [-1, -1]
        guard fc_pipe_cloexec(&ends) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        reading = ends[0]
        writing = ends[1]
    }

    /// Reads the reading end until every writer has closed it, blocking the calling thread.
    public func readAll() -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(reading, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return bytes
            }
        }
    }

    /// Writes `bytes` to the writing end, whole (a child reading its standard input).
    public func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(writing, $0.baseAddress, $0.count) }
            if count > 0 {
                offset += count
            } else if count == -1 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Closes the reading end (once).
    public func closeReading() {
        lock.withLock {
            if open.reading { close(reading) }
            open.reading = false
        }
    }

    /// Closes the writing end (once): after the child has its copy, so that the reader sees the end.
    public func closeWriting() {
        lock.withLock {
            if open.writing { close(writing) }
            open.writing = false
        }
    }

    deinit {
        closeReading()
        closeWriting()
    }
}
