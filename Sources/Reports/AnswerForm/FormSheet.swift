/// One worksheet of the answer form as SpreadsheetML: rows of styled cells, column widths,
/// frozen header rows, data validations and sheet protection (no password: it prevents
/// accidents, not people).
struct FormSheet {
    /// Column widths in characters, from column A.
    let widths: [Int]
    /// Rows above the scrolling area (0: none).
    var freezeRows = 0
    var validations: [FormValidation] = []
    private var rows: [Int: String] = [:]

    init(widths: [Int]) { self.widths = widths }

    /// Sets row `number` (1-based) to `cells` (column, value, style).
    mutating func row(_ number: Int, _ cells: [(Int, FormCell, Int)]) {
        // Wrapped text needs its height given: spreadsheets do not grow rows they did not lay out.
        let lines =
            cells.map { column, cell, _ in
                guard case .text(let text) = cell, column - 1 < widths.count else { return 1 }
                let width = max(widths[column - 1] - 1, 4)
                return text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
                    total + max(1, (ReportTable.displayWidth(String(line)) + width - 1) / width)
                }
            }.max() ?? 1
        let height = lines > 1 ? #" ht="\#(lines * 14 + 2)" customHeight="1""# : ""
        var xml = #"<row r="\#(number)"\#(height)>"#
        for (column, cell, style) in cells.sorted(by: { $0.0 < $1.0 }) {
            xml += cell.xml(at: CellName.of(column: column, row: number), style: style)
        }
        rows[number] = xml + "</row>"
    }

    func xml() -> String {
        var xml = XMLText.declaration + #"<worksheet xmlns="\#(XLSXWriter.main)">"#
        // Printed landscape, as wide as one page.
        xml += #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        if freezeRows > 0 {
            xml +=
                #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(freezeRows)" topLeftCell="A\#(freezeRows + 1)" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        }
        if !widths.isEmpty {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>" + rows.keys.sorted().compactMap { rows[$0] }.joined() + "</sheetData>"
        // Locked cells cannot change; rows and columns may still be resized.
        xml += #"<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>"#
        if !validations.isEmpty {
            xml += #"<dataValidations count="\#(validations.count)">"#
            xml += validations.map(\.xml).joined() + "</dataValidations>"
        }
        return xml
            + #"<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/></worksheet>"#
    }
}

/// Cell names: `C5`, columns `A` … `Z`, `AA` …
enum CellName {
    /// The letters of 1-based `column`.
    static func column(_ column: Int) -> String { XLSXWriter.column(column - 1) }

    static func of(column: Int, row: Int) -> String { "\(Self.column(column))\(row)" }
}
