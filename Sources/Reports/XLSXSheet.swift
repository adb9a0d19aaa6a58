import Foundation

/// One sheet of a report workbook, laid out for the screen and for paper:
///
/// - rows 1...: the title block when the report has a heading (its title with the table's name,
///   then its lines), and a blank row;
/// - the header row (labels, wrapped), then the columns' ids in a row of their own when the
///   table has them (`ReportTable.columnIDs`);
/// - the data rows, bordered.
///
/// The panes are frozen below the header rows and right of the row-naming columns; the page is
/// A4 landscape, as many pages wide as keeps the print legible (`pagesWide`) and as many long as
/// the rows need, with the header rows and row-naming columns on every page and `page / pages`
/// in the footer.
struct XLSXSheet {
    let table: ReportTable
    let heading: ReportHeading?
    /// The sheet's name in the workbook (`XLSXWriter.sheetNames`).
    let name: String

    /// Rows of the title block, its blank row included (0 without a heading).
    var headingRows: Int { heading.map { $0.lines.count + 2 } ?? 0 }
    /// The header row (1-based).
    var headerRow: Int { headingRows + 1 }
    /// The last header row: the ids row when there is one.
    var lastHeaderRow: Int { headerRow + (table.hasColumnIDs ? 1 : 0) }
    /// The first data row.
    var firstDataRow: Int { lastHeaderRow + 1 }
    /// The last data row (the last header row when there is no data).
    var lastDataRow: Int { lastHeaderRow + table.rows.count }

    /// Characters of column width one landscape A4 page holds at the smallest scale that stays
    /// legible (about 60%).
    static let charactersPerPage = 250.0

    /// How many pages wide the table prints: 1 when it fits at a legible scale.
    var pagesWide: Int { max(1, Int((table.computedWidths.reduce(0, +) / Self.charactersPerPage).rounded(.up))) }

    /// `'回答'!$A:$B,'回答'!$5:$6`: the row-naming columns and the header rows, printed on every page.
    var printTitles: String {
        let sheet = Self.reference(name)
        var parts: [String] = []
        if table.keyColumns > 0 {
            parts.append("\(sheet)!$A:$\(XLSXWriter.column(table.keyColumns - 1))")
        }
        parts.append("\(sheet)!$\(headerRow):$\(lastHeaderRow)")
        return parts.joined(separator: ",")
    }

    /// A sheet name as a formula names it: quoted, quotes doubled.
    static func reference(_ name: String) -> String { "'" + name.replacingOccurrences(of: "'", with: "''") + "'" }

    func xml(drawing: Bool) -> String {
        var xml =
            XMLText.declaration
            + #"<worksheet xmlns="\#(XLSXWriter.main)" xmlns:r="\#(XMLText.relationshipsNamespace)">"#
            + #"<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>"#
        xml += "<sheetViews><sheetView workbookViewId=\"0\">\(pane)</sheetView></sheetViews>"
        let widths = table.computedWidths
        if !widths.isEmpty {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        if let heading {
            xml += XLSXWriter.row(
                1, [.text("\(heading.title)　\(table.name)")], width: 1, style: .title, height: 21)
            for (index, line) in heading.lines.enumerated() {
                xml += XLSXWriter.row(index + 2, [.text(line)], width: 1, style: .headingLine)
            }
        }
        let width = table.columns.count
        xml += XLSXWriter.row(
            headerRow, table.columns.indices.map { .text(table.label($0)) }, width: width, style: .header,
            height: headerHeight(widths))
        if table.hasColumnIDs {
            xml += XLSXWriter.row(
                headerRow + 1,
                table.columns.indices.map { .text(table.columnIDs.indices.contains($0) ? table.columnIDs[$0] : "") },
                width: width, style: .columnID)
        }
        for (index, cells) in table.rows.enumerated() {
            xml += XLSXWriter.row(firstDataRow + index, cells, width: width, style: nil)
        }
        xml += "</sheetData>"
        xml += #"<printOptions horizontalCentered="1"/>"#
        xml += #"<pageMargins left="0.4" right="0.4" top="0.5" bottom="0.6" header="0.3" footer="0.3"/>"#
        xml += #"<pageSetup paperSize="9" orientation="landscape" fitToWidth="\#(pagesWide)" fitToHeight="0"/>"#
        xml += "<headerFooter><oddFooter>&amp;L&amp;A&amp;R&amp;P / &amp;N</oddFooter></headerFooter>"
        if drawing {
            // The chart, drawn under the table, starts a page of its own.
            xml +=
                #"<rowBreaks count="1" manualBreakCount="1"><brk id="\#(lastDataRow)" max="16383" man="1"/></rowBreaks>"#
            xml += #"<drawing r:id="rId1"/>"#
        }
        return xml + "</worksheet>"
    }

    /// Frozen below the header rows and right of the row-naming columns.
    var pane: String {
        let columns = table.keyColumns
        let rows = lastHeaderRow
        let topLeft = XLSXWriter.column(columns) + String(rows + 1)
        let split = (columns > 0 ? #" xSplit="\#(columns)""# : "") + #" ySplit="\#(rows)""#
        let active = columns > 0 ? "bottomRight" : "bottomLeft"
        return #"<pane\#(split) topLeftCell="\#(topLeft)" activePane="\#(active)" state="frozen"/>"#
            + #"<selection pane="\#(active)" activeCell="\#(topLeft)" sqref="\#(topLeft)"/>"#
    }

    /// The header row's height in points: enough lines for the longest wrapped label.
    func headerHeight(_ widths: [Double]) -> Double {
        let lines =
            table.columns.indices.map { column -> Int in
                let room = max(1, Int(widths.indices.contains(column) ? widths[column] : 10) - 1)
                return Int((Double(ReportTable.displayWidth(table.label(column))) / Double(room)).rounded(.up))
            }.max() ?? 1
        return Double(min(max(lines, 1), 6)) * 15
    }
}
