/// The address of one cell, as in `B3`: a column and a row, both 1-based. Ordered in reading
/// order: by row, then by column within the row.
public struct CellReference: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The last column of a sheet: XFD.
    public static let maxColumn = 16_384
    /// The last row of a sheet.
    public static let maxRow = 1_048_576

    /// The column, 1-based: A = 1, Z = 26, AA = 27, at most `maxColumn` (XFD).
    public let column: Int
    /// The row, 1-based, at most `maxRow`.
    public let row: Int

    /// The cell at `column` and `row` (both 1-based, within `maxColumn` and `maxRow`; anything
    /// else is a programming error and traps).
    public init(column: Int, row: Int) {
        precondition((1...Self.maxColumn).contains(column) && (1...Self.maxRow).contains(row), "cell out of the sheet")
        self.column = column
        self.row = row
    }

    /// Parses an A1-style reference, `B3` or `AA10`: one to three capital letters, then a row
    /// number without leading zeros; nil for anything else or beyond `XFD1048576`.
    public init?(_ text: String) {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7, !(digits == 0 && byte == UInt8(ascii: "0")) else { return nil }
                row = row * 10 + Int(byte - UInt8(ascii: "0"))
                digits += 1
            default:
                return nil
            }
        }
        guard digits > 0, column <= Self.maxColumn, row <= Self.maxRow else { return nil }
        self.init(column: column, row: row)
    }

    /// The reference as Excel shows it, e.g. `B3`.
    public var description: String { Self.columnName(column) + String(row) }

    /// The letters of a 1-based column: 1 is `A`, 26 `Z`, 27 `AA`, 16,384 `XFD`; empty for
    /// columns below 1.
    public static func columnName(_ column: Int) -> String {
        var remaining = column
        var letters: [UInt8] = []
        while remaining > 0 {
            let digit = (remaining - 1) % 26
            letters.append(UInt8(ascii: "A") + UInt8(digit))
            remaining = (remaining - 1) / 26
        }
        return String(decoding: letters.reversed(), as: UTF8.self)
    }

    /// Reading order: the earlier row first, then the column to the left.
    public static func < (left: CellReference, right: CellReference) -> Bool {
        (left.row, left.column) < (right.row, right.column)
    }
}
