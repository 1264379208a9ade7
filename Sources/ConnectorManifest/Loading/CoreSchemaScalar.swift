/// A YAML scalar resolved by the YAML 1.2 core schema, which is what JSON users expect:
/// `yes`, `no`, `on` and `off` stay strings (no "Norway problem"), `~`/`null` are null,
/// `true`/`false` are booleans, decimal, `0o` octal and `0x` hex integers, and floats.
enum CoreSchemaScalar: Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)

    /// Resolves a plain (unquoted, untagged) scalar.
    static func resolvePlain(_ text: String) -> CoreSchemaScalar {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        guard let first = text.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+")
                || first == UInt8(ascii: ".") || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
        else { return .string(text) }
        if let integer = integer(text) { return integer }
        if isCoreFloat(text), let value = Double(text) { return .number(value) }
        return .string(text)
    }

    /// Resolves a scalar that carries an explicit standard tag (`!!int`, `!!str` ...).
    static func resolveTagged(_ text: String, tag: String) -> CoreSchemaScalar? {
        switch tag {
        case "tag:yaml.org,2002:str": return .string(text)
        case "tag:yaml.org,2002:null": return .null
        case "tag:yaml.org,2002:bool":
            if case .bool(let value) = resolvePlain(text) { return .bool(value) }
            return nil
        case "tag:yaml.org,2002:int": return integer(text)
        case "tag:yaml.org,2002:float":
            switch resolvePlain(text) {
            case .number(let value): return .number(value)
            case .integer(let value): return .number(Double(value))
            default: return nil
            }
        default: return nil
        }
    }

    private static func integer(_ text: String) -> CoreSchemaScalar? {
        if text.hasPrefix("0x"), let value = Int(text.dropFirst(2), radix: 16) { return .integer(value) }
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return .integer(value) }
        let digits = text.first == "-" || text.first == "+" ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        if let value = Int(text) { return .integer(value) }
        // Out of Int range: keep the magnitude as a number rather than failing.
        return Double(text).map { .number($0) }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isCoreFloat(_ text: String) -> Bool {
        var scalars = Substring(text).utf8[...]
        if let first = scalars.first, first == 43 || first == 45 { scalars = scalars.dropFirst() }
        let isDigit: (UInt8) -> Bool = { $0 >= 48 && $0 <= 57 }
        let mantissaEnd = scalars.firstIndex(where: { $0 == 101 || $0 == 69 }) ?? scalars.endIndex
        let mantissa = scalars[..<mantissaEnd]
        let parts = mantissa.split(separator: 46, maxSplits: 1, omittingEmptySubsequences: false)
        guard !mantissa.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy(isDigit) }),
            parts.contains(where: { !$0.isEmpty })
        else { return false }
        if parts.count == 2, parts[0].isEmpty, parts[1].isEmpty { return false }
        guard mantissaEnd != scalars.endIndex else { return true }
        var exponent = scalars[scalars.index(after: mantissaEnd)...]
        if let sign = exponent.first, sign == 43 || sign == 45 { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy(isDigit)
    }
}
