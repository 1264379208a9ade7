import Foundation

extension JSONByteReader {
    /// A member name as it stands in the bytes (valid while the reader is), compared with names written as string
    /// literals without making a String of it: a page's items have twenty-odd members each.
    public struct Key: Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
        @usableFromInline let raw: UnsafeBufferPointer<UInt8>
        /// A name that held escapes, decoded.
        @usableFromInline let decoded: String?

        init(raw: UnsafeBufferPointer<UInt8>) {
            self.raw = raw
            decoded = nil
        }

        init(decoded: String) {
            raw = UnsafeBufferPointer(start: nil, count: 0)
            self.decoded = decoded
        }

        /// The name `literal`.
        @inlinable public init(stringLiteral literal: StaticString) {
            if literal.hasPointerRepresentation {
                raw = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
                decoded = nil
            } else {
                raw = UnsafeBufferPointer(start: nil, count: 0)
                decoded = literal.description
            }
        }

        /// The name as a String.
        public var description: String { decoded ?? String(decoding: raw, as: UTF8.self) }

        /// Byte for byte, as JSON compares names.
        @inlinable public static func == (lhs: Key, rhs: Key) -> Bool {
            if lhs.decoded == nil, rhs.decoded == nil { return equal(lhs.raw, rhs.raw) }
            return lhs.withBytes { left in rhs.withBytes { right in equal(left, right) } }
        }

        /// `case "name":` in a `switch` over names, without going through `Equatable`'s generic match.
        @inlinable public static func ~= (pattern: Key, value: Key) -> Bool {
            pattern == value
        }

        @inlinable static func equal(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
            guard left.count == right.count else { return false }
            guard let leftStart = left.baseAddress, let rightStart = right.baseAddress else { return true }
            return memcmp(leftStart, rightStart, left.count) == 0
        }

        @usableFromInline func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
            guard var decoded else { return body(raw) }
            return decoded.withUTF8(body)
        }
    }
}
