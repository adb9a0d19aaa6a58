import Foundation

/// One table of a report, as every output format sees it: a name (the XLSX sheet, the CSV file
/// suffix), column headers, and rows of typed cells.
public struct ReportTable: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    public var rows: [[ReportCell]]
    /// Preferred column widths in characters (XLSX); empty: computed from the content.
    public var widths: [Double] = []
    /// Each column's internal id (an item id such as `B07`), or empty: all empty when the
    /// columns have none. Where a column's header starts with its id (`B07 職員数（人）`, as CSV,
    /// JSON and Markdown keep it for scripts), the workbook shows the label alone and the ids in
    /// a second header row.
    public var columnIDs: [String] = []
    /// How many leading columns name the row (団体コード, 団体名): printed on every page and
    /// kept in view when scrolling right.
    public var keyColumns = 0
    /// A chart of some of the columns, drawn beside the table in the workbook.
    public var chart: ReportChart?

    public init(name: String, columns: [String], rows: [[ReportCell]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// Widths from the content: the longest cell per column, CJK characters counted twice (as
    /// Excel shows them), or the header up to `headerWidth` (a longer header wraps), between 6
    /// and 60 characters.
    public var computedWidths: [Double] {
        if !widths.isEmpty { return widths }
        return columns.indices.map { column in
            let cells = rows.compactMap { $0.indices.contains(column) ? $0[column].text : nil }
            let widest = max(
                cells.map(Self.displayWidth).max() ?? 0, min(Self.headerWidth, Self.displayWidth(columns[column])))
            return min(60, max(6, Double(widest) + 2))
        }
    }

    /// The most a header widens its column (characters; CJK count 2): longer ones wrap.
    static let headerWidth = 24

    /// Whether the columns have ids to show in a row of their own.
    public var hasColumnIDs: Bool { columnIDs.contains { !$0.isEmpty } }

    /// The header of `column` as the workbook shows it: without its id when it starts with it.
    public func label(_ column: Int) -> String {
        let header = columns[column]
        guard columnIDs.indices.contains(column), !columnIDs[column].isEmpty,
            header.hasPrefix(columnIDs[column] + " ")
        else { return header }
        return String(header.dropFirst(columnIDs[column].count + 1))
    }

    /// Columns a text takes in a spreadsheet: East Asian wide characters count 2.
    static func displayWidth(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            let value = scalar.value
            let wide =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFE30...0xFE4F).contains(value) || (0xFF00...0xFF60).contains(value)
                || (0xFFE0...0xFFE6).contains(value) || value >= 0x20000
            return width + (wide ? 2 : 1)
        }
    }
}
