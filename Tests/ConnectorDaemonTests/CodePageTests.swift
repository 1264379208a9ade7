import CMallocTuning
import Foundation
import Testing

/// Dropping the code pages after start-up (what every command that syncs does) takes them out of the resident set,
/// and the code still runs: it comes back from the page cache on its first touch. One test at a time: one locks a
/// code page, which the other would count.
@Suite(.serialized) struct CodePageTests {
    @Test func droppedCodeLeavesTheResidentSetAndStillRuns() throws {
        // The test binary's own code: the mapping that holds this function.
        let marker: @convention(c) (Int32) -> Int32 = { $0 &+ 1 }
        let code = try #require(try Self.executableMapping(holding: unsafeBitCast(marker, to: UInt.self)))
        // Other tests' threads map back what they run meanwhile, and the kernel maps 64 KiB around each page: on a
        // loaded machine (a CI run: 5,268 of 12,944 pages back before they were counted) one drop can be undone
        // before it is measured, so it is tried up to three times, and one of them must leave under a quarter mapped.
        var measured: [(before: Int, after: Int)] = []
        for _ in 0..<3 where !measured.contains(where: { $0.after < $0.before / 4 }) {
            let before = try Self.mappedPages(code)
            let advised = fc_drop_code_pages()
            let after = try Self.mappedPages(code)
            #expect(advised > 0)
            measured.append((before, after))
        }
        #expect(measured.contains { $0.after < $0.before / 4 }, "mapped code pages, before -> after: \(measured)")
        #expect(marker(2) == 3)
        let text = String(
            decoding: try JSONSerialization.data(withJSONObject: ["b": [1, 2], "a": "x"], options: .sortedKeys), as: UTF8.self)
        #expect(text == #"{"a":"x","b":[1,2]}"#, "Foundation's and the runtime's code, faulted back in, runs")
    }

    /// A locked code page refuses MADV_DONTNEED (EINVAL); every other code mapping is still dropped, instead of the
    /// whole call giving up (-1) as if the kernel did not know the advice.
    @Test func aLockedCodePageIsSkippedAndTheRestDropped() throws {
        let marker: @convention(c) (Int32) -> Int32 = { $0 &+ 2 }
        let page = UInt(getpagesize())
        let address = unsafeBitCast(marker, to: UInt.self) / page * page
        try #require(mlock(UnsafeRawPointer(bitPattern: address), Int(page)) == 0, "mlock: errno \(errno)")
        defer { munlock(UnsafeRawPointer(bitPattern: address), Int(page)) }
        let advised = fc_drop_code_pages()
        #expect(advised > 0, "the other mappings were advised (\(advised))")
        #expect(marker(2) == 4)
    }

    /// The executable mapping of `/proc/self/maps` that holds `address`.
    private static func executableMapping(holding address: UInt) throws -> Range<UInt>? {
        for line in try String(contentsOfFile: "/proc/self/maps", encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            let bounds = fields[0].split(separator: "-").compactMap { UInt($0, radix: 16) }
            guard fields.count > 1, fields[1].contains("x"), bounds.count == 2 else { continue }
            if (bounds[0]..<bounds[1]).contains(address) { return bounds[0]..<bounds[1] }
        }
        return nil
    }

    /// How many pages of `range` are mapped in this process (the present bits of their `/proc/self/pagemap` entries),
    /// read in one call.
    private static func mappedPages(_ range: Range<UInt>) throws -> Int {
        let page = UInt(getpagesize())
        let descriptor = open("/proc/self/pagemap", O_RDONLY)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var entries = [UInt64](repeating: 0, count: Int((range.upperBound - range.lowerBound) / page))
        let bytes = entries.count * 8
        let read = entries.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, bytes, off_t(range.lowerBound / page * 8)) }
        guard read == bytes else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return entries.count { $0 & (1 << 63) != 0 }
    }
}
