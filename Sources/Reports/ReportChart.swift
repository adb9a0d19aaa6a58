/// A chart of a report table's columns, as the workbook draws it next to the table (a native
/// Excel chart: `XLSXChart`), where a person would rather look than read.
public struct ReportChart: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Horizontal bars, one row per category: long names (items, municipalities) stay legible.
        case bar
        /// Vertical columns, categories along the bottom (fiscal years).
        case column
    }

    public var kind: Kind
    public var title: String
    /// The column whose cells name the categories.
    public var categoryColumn: Int
    /// The columns plotted, one series each, named by their headers.
    public var valueColumns: [Int]
    /// What the values measure (`割合（%）`, `件数`), shown on the value axis.
    public var valueAxisTitle: String
    /// The value axis' end (100 for percentages); nil: as the data need.
    public var maximum: Double?

    public init(
        _ kind: Kind, title: String, categoryColumn: Int, valueColumns: [Int], valueAxisTitle: String,
        maximum: Double? = nil
    ) {
        self.kind = kind
        self.title = title
        self.categoryColumn = categoryColumn
        self.valueColumns = valueColumns
        self.valueAxisTitle = valueAxisTitle
        self.maximum = maximum
    }
}
