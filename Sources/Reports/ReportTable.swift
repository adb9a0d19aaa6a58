import Foundation

/// One table of a report, as every output format sees it: a name (the XLSX sheet, the CSV file
/// suffix), column headers, and rows of typed cells.
public struct ReportTable: Sendable, Equatable {
    public var name: String
    public var columns: [String]
    public var rows: [[ReportCell]]
    /// Preferred column widths in characters (XLSX); empty: computed from the content.
    public var widths: [Double] = []

    public init(name: String, columns: [String], rows: [[ReportCell]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// Widths from the content: the longest cell or header per column, CJK characters counted
    /// twice (as Excel shows them), between 6 and 60 characters.
    public var computedWidths: [Double] {
        if !widths.isEmpty { return widths }
        return columns.indices.map { column in
            let texts = [columns[column]] + rows.compactMap { $0.indices.contains(column) ? $0[column].text : nil }
            let widest = texts.map(Self.displayWidth).max() ?? 0
            return min(60, max(6, Double(widest) + 2))
        }
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
