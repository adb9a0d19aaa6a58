/// One worksheet's name, visibility and non-empty cells.
public struct Sheet: Sendable {
    /// The name on the sheet's tab, e.g. `A 基本情報`.
    public let name: String
    /// True when the sheet is hidden (`state="hidden"`) or very hidden (`state="veryHidden"`).
    public let isHidden: Bool
    /// Every cell that holds a value; empty cells (no value, whatever their formatting) are absent.
    public let cells: [CellReference: CellValue]

    /// The value at `reference`, or nil when that cell is empty.
    public subscript(_ reference: CellReference) -> CellValue? { cells[reference] }
}
