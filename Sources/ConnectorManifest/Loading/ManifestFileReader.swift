import ConnectorModel
import Foundation

/// Reads a manifest file's bytes and checks them before any parsing:
/// the size limit, UTF-8, and that there is something in it.
public struct ManifestFileReader: Sendable {
    /// Files larger than this are refused unread (10 MiB).
    public var maximumBytes: Int

    /// Creates a reader.
    public init(maximumBytes: Int = 10 * 1024 * 1024) {
        self.maximumBytes = maximumBytes
    }

    /// The file's text, or the diagnostic that says why it cannot be used.
    public func read(_ input: ManifestInput) -> Result<String, Diagnostic> {
        let bytes: [UInt8]
        switch readBytes(input) {
        case .success(let read): bytes = read
        case .failure(let diagnostic): return .failure(diagnostic)
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(validating: body, as: UTF8.self) else {
            let position = Self.firstInvalidUTF8(in: Array(body))
            return .failure(
                Diagnostic(
                    at: SourceLocation(file: input.displayPath, line: position.line, column: position.column),
                    code: "encoding", "the file is not valid UTF-8 (manifests must be UTF-8 text)"))
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            return .failure(
                Diagnostic(
                    at: input.fileLocation, code: "empty",
                    "the file is empty: expected at least one manifest"))
        }
        return .success(text)
    }

    private func readBytes(_ input: ManifestInput) -> Result<[UInt8], Diagnostic> {
        guard let path = input.filesystemPath else {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            if data.count > maximumBytes { return .failure(tooLarge(input, data.count)) }
            return .success([UInt8](data))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            let reason = FileSystemProbe.lastErrorDescription(for: path)
            return .failure(Diagnostic(at: input.fileLocation, code: "read", "cannot read the file: \(reason)"))
        }
        defer { try? handle.close() }
        do {
            let size = try handle.seekToEnd()
            if size > UInt64(maximumBytes) { return .failure(tooLarge(input, Int(clamping: size))) }
            try handle.seek(toOffset: 0)
            let data = try handle.readToEnd() ?? Data()
            if data.count > maximumBytes { return .failure(tooLarge(input, data.count)) }
            return .success([UInt8](data))
        } catch {
            return .failure(
                Diagnostic(
                    at: input.fileLocation, code: "read", "cannot read the file: \(error.localizedDescription)"))
        }
    }

    private func tooLarge(_ input: ManifestInput, _ size: Int) -> Diagnostic {
        Diagnostic(
            at: input.fileLocation, code: "too-large",
            "the file is \(size) bytes, over the \(maximumBytes / (1024 * 1024)) MiB limit for a manifest file")
    }

    /// The 1-based line and column of the first byte that breaks UTF-8.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let end = index + length
            if length == 0 || end > bytes.count
                || String(validating: bytes[index..<end], as: UTF8.self) == nil
            {
                let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
                return (line, column)
            }
            if lead == 0x0A {
                line += 1
                lineStart = end
            }
            index = end
        }
        return (line, 1)
    }
}
