import ConnectorJSON
import Foundation

/// RFC 3492 Punycode, the encoding behind IDNA `xn--` labels.
enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 128

    /// Decodes the part of an A-label after `xn--`; `nil` when it is not valid Punycode.
    static func decode(_ input: String) -> String? {
        guard input.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        var output: [UInt32] = []
        var encoded = Substring(input)
        if let delimiter = input.lastIndex(of: "-") {
            output = input[..<delimiter].unicodeScalars.map(\.value)
            encoded = input[input.index(after: delimiter)...]
            guard !encoded.isEmpty || !output.isEmpty else { return nil }
        }
        var n = initialN
        var i = 0
        var bias = initialBias
        var digits = encoded.unicodeScalars.makeIterator()
        while let first = digits.next() {
            let oldI = i
            var weight = 1
            var k = base
            var scalar: Unicode.Scalar? = first
            while true {
                guard let current = scalar, let digit = digitValue(current) else { return nil }
                let (product, overflow1) = digit.multipliedReportingOverflow(by: weight)
                let (sum, overflow2) = i.addingReportingOverflow(product)
                guard !overflow1, !overflow2 else { return nil }
                i = sum
                let threshold = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                if digit < threshold { break }
                let (nextWeight, overflow3) = weight.multipliedReportingOverflow(by: base - threshold)
                guard !overflow3 else { return nil }
                weight = nextWeight
                k += base
                scalar = digits.next()
            }
            bias = adapt(delta: i - oldI, count: output.count + 1, first: oldI == 0)
            n += i / (output.count + 1)
            i %= output.count + 1
            guard n <= 0x10FFFF, Unicode.Scalar(UInt32(n)) != nil else { return nil }
            output.insert(UInt32(n), at: i)
            i += 1
        }
        var result = String.UnicodeScalarView()
        for value in output {
            guard let scalar = Unicode.Scalar(value) else { return nil }
            result.append(scalar)
        }
        return String(result)
    }

    /// Encodes a Unicode label into Punycode (without the `xn--` prefix).
    static func encode(_ input: String) -> String? {
        let codes = input.unicodeScalars.map { Int($0.value) }
        var output = String(String.UnicodeScalarView(input.unicodeScalars.filter(\.isASCII)))
        let basicCount = output.unicodeScalars.count
        var handled = basicCount
        if basicCount > 0 { output += "-" }
        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < codes.count {
            guard let m = codes.filter({ $0 >= n }).min() else { return nil }
            delta += (m - n) * (handled + 1)
            n = m
            for code in codes {
                if code < n { delta += 1 }
                if code == n {
                    var q = delta
                    var k = base
                    while true {
                        let threshold = k <= bias ? tMin : (k >= bias + tMax ? tMax : k - bias)
                        if q < threshold { break }
                        output.unicodeScalars.append(digitScalar(threshold + (q - threshold) % (base - threshold)))
                        q = (q - threshold) / (base - threshold)
                        k += base
                    }
                    output.unicodeScalars.append(digitScalar(q))
                    bias = adapt(delta: delta, count: handled + 1, first: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return output
    }

    private static func adapt(delta: Int, count: Int, first: Bool) -> Int {
        var delta = first ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "a"..."z": return Int(scalar.value - 97)
        case "A"..."Z": return Int(scalar.value - 65)
        case "0"..."9": return Int(scalar.value - 48 + 26)
        default: return nil
        }
    }

    private static func digitScalar(_ digit: Int) -> Unicode.Scalar {
        let value = digit < 26 ? digit + 97 : digit - 26 + 48
        return Unicode.Scalar(UInt8(truncatingIfNeeded: value))
    }
}
