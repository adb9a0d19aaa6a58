/// How many terminal columns text takes: East Asian wide and full-width characters (漢字,
/// かな, full-width forms) take two, combining marks none, everything else one.
public enum DisplayWidth {
    /// The columns `text` takes.
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The columns one scalar takes.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        if scalar.properties.generalCategory == .nonspacingMark || value == 0x200B { return 0 }
        return isWide(value) ? 2 : 1
    }

    /// Whether a scalar is wide (Unicode East Asian Width W or F, the blocks that hold them).
    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// `text` followed by spaces up to `columns` columns (unchanged when it is as wide or wider).
    public static func padded(_ text: String, to columns: Int) -> String {
        text + String(repeating: " ", count: max(0, columns - of(text)))
    }
}
