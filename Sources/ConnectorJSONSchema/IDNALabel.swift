import ConnectorJSON
import Foundation

/// IDNA2008 rules for a Unicode label (RFC 5891 section 5.4, RFC 5892).
///
/// Code point validity is derived from Unicode properties the way RFC 5892 derives it
/// (exceptions, unstable under NFKC case folding, ignorable, letter/digit categories), and the
/// contextual rules for joiners, middle dots, Greek keraia, Hebrew punctuation, katakana middle
/// dot and Arabic-Indic digits are applied. The bidirectional rule (RFC 5893) is not checked.
enum IDNALabel {
    private enum Validity {
        case permitted
        case contextualJoiner
        case contextualOther
        case disallowed
    }

    /// Whether `label` is an acceptable U-label.
    static func isValidULabel(_ label: String) -> Bool {
        let scalars = Array(label.unicodeScalars)
        guard let first = scalars.first, let last = scalars.last else { return false }
        guard label == label.precomposedStringWithCanonicalMapping else { return false }
        if scalars.count >= 4 && scalars[2] == "-" && scalars[3] == "-" { return false }
        if first == "-" || last == "-" { return false }
        switch first.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return false
        default: break
        }
        for (index, scalar) in scalars.enumerated() {
            switch validity(of: scalar) {
            case .permitted:
                continue
            case .disallowed:
                return false
            case .contextualJoiner:
                guard joinerIsAllowed(at: index, in: scalars) else { return false }
            case .contextualOther:
                guard contextualCharacterIsAllowed(at: index, in: scalars) else { return false }
            }
        }
        return true
    }

    private static func validity(of scalar: Unicode.Scalar) -> Validity {
        let value = scalar.value
        switch value {
        case 0x00DF, 0x03C2, 0x06FD, 0x06FE, 0x0F0B, 0x3007:
            return .permitted
        case 0x00B7, 0x0375, 0x05F3, 0x05F4, 0x30FB, 0x0660...0x0669, 0x06F0...0x06F9:
            return .contextualOther
        case 0x0640, 0x07FA, 0x302E, 0x302F, 0x3031...0x3035, 0x303B:
            return .disallowed
        case 0x200C, 0x200D:
            return .contextualJoiner
        case 0x61...0x7A, 0x30...0x39, 0x2D:
            return .permitted
        case 0x20D0...0x20FF, 0x1D100...0x1D24F, 0x1100...0x11FF, 0xA960...0xA97F, 0xD7B0...0xD7FF:
            return .disallowed
        default:
            break
        }
        let properties = scalar.properties
        if properties.generalCategory == .unassigned || properties.isDefaultIgnorableCodePoint
            || properties.isWhitespace || properties.isNoncharacterCodePoint
        {
            return .disallowed
        }
        let original = String(scalar)
        let folded = original.precomposedStringWithCompatibilityMapping.lowercased().precomposedStringWithCompatibilityMapping
        if folded != original {
            return .disallowed
        }
        switch properties.generalCategory {
        case .lowercaseLetter, .uppercaseLetter, .otherLetter, .decimalNumber, .modifierLetter, .nonspacingMark, .spacingMark:
            return .permitted
        default:
            return .disallowed
        }
    }

    /// RFC 5892 appendix A.1 and A.2: ZERO WIDTH NON-JOINER and JOINER.
    private static func joinerIsAllowed(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        if index > 0 && scalars[index - 1].properties.canonicalCombiningClass == .virama {
            return true
        }
        guard scalars[index].value == 0x200C else { return false }
        // (Joining_Type:{L,D})(Joining_Type:T)* ZWNJ (Joining_Type:T)*(Joining_Type:{R,D})
        var before = index - 1
        while before >= 0 && isTransparent(scalars[before]) { before -= 1 }
        var after = index + 1
        while after < scalars.count && isTransparent(scalars[after]) { after += 1 }
        guard before >= 0, after < scalars.count else { return false }
        return joinsToFollowing(scalars[before]) && joinsToPreceding(scalars[after])
    }

    private static func isTransparent(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return scalar.value != 0x200C && scalar.value != 0x200D
        default: return false
        }
    }

    /// Approximates Joining_Type L or D: dual-joining letters of the Arabic-script blocks.
    private static func joinsToFollowing(_ scalar: Unicode.Scalar) -> Bool {
        isArabicScriptLetter(scalar) && !rightJoiningOnly.contains(scalar.value)
    }

    /// Approximates Joining_Type R or D: any joining letter of the Arabic-script blocks.
    private static func joinsToPreceding(_ scalar: Unicode.Scalar) -> Bool {
        isArabicScriptLetter(scalar)
    }

    private static func isArabicScriptLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        let inArabicBlocks =
            (0x0620...0x06FF).contains(value) || (0x0750...0x077F).contains(value)
            || (0x08A0...0x08FF).contains(value) || (0x0710...0x074F).contains(value) || (0x07CA...0x07EA).contains(value)
        return inArabicBlocks && scalar.properties.generalCategory == .otherLetter
    }

    /// Arabic letters with Joining_Type R (they join only to the preceding letter).
    private static let rightJoiningOnly: Set<UInt32> = {
        var values: Set<UInt32> = [
            0x0622, 0x0623, 0x0624, 0x0625, 0x0627, 0x0629, 0x062F, 0x0630, 0x0631, 0x0632,
            0x0648, 0x0671, 0x0672, 0x0673, 0x0675, 0x0676, 0x0677, 0x06C0, 0x06CD, 0x06CF,
            0x06D2, 0x06D3, 0x06D5, 0x06EE, 0x06EF, 0x0710, 0x072F,
        ]
        values.formUnion(0x0688...0x0699)
        values.formUnion(0x06C3...0x06CB)
        return values
    }()

    /// RFC 5892 appendix A.3-A.9: the CONTEXTO characters.
    private static func contextualCharacterIsAllowed(at index: Int, in scalars: [Unicode.Scalar]) -> Bool {
        let value = scalars[index].value
        switch value {
        case 0x00B7:
            return index > 0 && index + 1 < scalars.count && scalars[index - 1] == "l" && scalars[index + 1] == "l"
        case 0x0375:
            return index + 1 < scalars.count && isGreek(scalars[index + 1])
        case 0x05F3, 0x05F4:
            return index > 0 && isHebrew(scalars[index - 1])
        case 0x30FB:
            return scalars.contains { $0.value != 0x30FB && isHiraganaKatakanaOrHan($0) }
        case 0x0660...0x0669:
            return !scalars.contains { (0x06F0...0x06F9).contains($0.value) }
        case 0x06F0...0x06F9:
            return !scalars.contains { (0x0660...0x0669).contains($0.value) }
        default:
            return false
        }
    }

    private static func isGreek(_ scalar: Unicode.Scalar) -> Bool {
        (0x0370...0x03FF).contains(scalar.value) || (0x1F00...0x1FFF).contains(scalar.value)
    }

    private static func isHebrew(_ scalar: Unicode.Scalar) -> Bool {
        (0x0590...0x05FF).contains(scalar.value) || (0xFB1D...0xFB4F).contains(scalar.value)
    }

    private static func isHiraganaKatakanaOrHan(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (0x3040...0x309F).contains(value) || (0x30A0...0x30FF).contains(value) || (0x31F0...0x31FF).contains(value)
            || (0xFF66...0xFF9F).contains(value) || (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x20000...0x3FFFF).contains(value) || (0xF900...0xFAFF).contains(value)
            || value == 0x3005 || value == 0x3007 || (0x3021...0x3029).contains(value) || (0x3038...0x303B).contains(value)
    }
}
