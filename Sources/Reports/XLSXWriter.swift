import Foundation
import Models

/// An XLSX workbook written by hand (SpreadsheetML in a ZIP), ready to print: one sheet per
/// `ReportTable` (`XLSXSheet` lays it out: a title block when the report has a `ReportHeading`,
/// the header row bold, shaded and wrapped, item ids in a second header row, numbers with
/// thousands separators, A4 landscape fitted to a few pages wide with the header rows and the
/// row-naming columns repeated on every page, page numbers in the footer), and a native chart
/// (`XLSXChart`) under each table that asks for one. Text cells are inline strings (codes such
/// as `027006` stay text), numbers are numbers and dates real dates (`yyyy-mm-dd`), except that
/// a number or date Excel cannot hold exactly (`Int64.max`, `5e-324`, `1900-02-29`) is its text.
public enum XLSXWriter {
    public static func bytes(_ tables: [ReportTable], heading: ReportHeading? = nil) -> [UInt8] {
        precondition(!tables.isEmpty, "a workbook has at least one sheet")
        let names = sheetNames(tables.map(\.name))
        let sheets = tables.enumerated().map { index, table in
            XLSXSheet(table: table, heading: heading, name: names[index])
        }
        // Charts are numbered in sheet order: chart n is drawn by drawing n.
        var chartNumbers: [Int: Int] = [:]
        for (index, table) in tables.enumerated() where table.chart != nil {
            chartNumbers[index] = chartNumbers.count + 1
        }
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes(sheets: tables.count, charts: chartNumbers.count).utf8))
        zip.add("_rels/.rels", Array(rootRelationships.utf8))
        zip.add("xl/workbook.xml", Array(workbook(sheets).utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships(sheets: tables.count).utf8))
        zip.add("xl/styles.xml", Array(styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", Array(sheet.xml(drawing: chartNumbers[index] != nil).utf8))
            guard let number = chartNumbers[index], let chart = sheet.table.chart else { continue }
            let drawing = XLSXChart(sheet: sheet, chart: chart)
            zip.add("xl/worksheets/_rels/sheet\(index + 1).xml.rels", Array(drawing.sheetRelationships(number).utf8))
            zip.add("xl/drawings/drawing\(number).xml", Array(drawing.drawing().utf8))
            zip.add("xl/drawings/_rels/drawing\(number).xml.rels", Array(drawing.drawingRelationships(number).utf8))
            zip.add("xl/charts/chart\(number).xml", Array(drawing.chartSpace().utf8))
        }
        return zip.bytes()
    }

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static func contentTypes(sheets: Int, charts: Int = 0) -> String {
        XMLText.declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + (1...sheets).map {
                #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            }.joined()
            + (0..<charts).map {
                #"<Override PartName="/xl/drawings/drawing\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>"#
                    + #"<Override PartName="/xl/charts/chart\#($0 + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>"#
            }.joined() + "</Types>"
    }

    static let rootRelationships =
        XMLText.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    /// The sheets, and for each the rows and columns printed on every page (`_xlnm.Print_Titles`).
    static func workbook(_ sheets: [XLSXSheet]) -> String {
        let xml =
            XMLText.declaration + #"<workbook xmlns="\#(main)" xmlns:r="\#(XMLText.relationshipsNamespace)"><sheets>"#
            + sheets.enumerated().map { index, sheet in
                #"<sheet name="\#(XMLText.escaped(sheet.name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            }.joined() + "</sheets>"
        let titles = sheets.enumerated().map { index, sheet in
            #"<definedName name="_xlnm.Print_Titles" localSheetId="\#(index)">\#(XMLText.escaped(sheet.printTitles))</definedName>"#
        }
        return xml + "<definedNames>" + titles.joined() + "</definedNames></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        XMLText.declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (1...sheets).map {
                #"<Relationship Id="rId\#($0)" Type="\#(XMLText.relationshipsNamespace)/worksheet" Target="worksheets/sheet\#($0).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(sheets + 1)" Type="\#(XMLText.relationshipsNamespace)/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// The cell styles `XLSXSheet` uses, by index.
    enum Style: Int {
        case plain = 0
        /// The header row: bold, shaded, wrapped, bordered.
        case header
        /// A date `yyyy-mm-dd`, bordered.
        case date
        /// The report's title: bold, 14 pt.
        case title
        /// A line of the title block: 9 pt, grey.
        case headingLine
        /// The item ids under the header: 9 pt, grey, centred, bordered.
        case columnID
        /// Text, bordered, aligned to the top.
        case text
        /// A whole number with thousands separators (`#,##0`), bordered.
        case integer
        /// A number with a fraction, as Excel shows it (General), bordered.
        case decimal
    }

    static let styles =
        XMLText.declaration + #"<styleSheet xmlns="\#(main)">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>"#
        + #"<fonts count="4"><font><sz val="11"/><name val="游ゴシック"/><family val="3"/><charset val="128"/></font>"#
        + #"<font><b/><sz val="11"/><name val="游ゴシック"/><family val="3"/><charset val="128"/></font>"#
        + #"<font><b/><sz val="14"/><name val="游ゴシック"/><family val="3"/><charset val="128"/></font>"#
        + #"<font><sz val="9"/><color rgb="FF595959"/><name val="游ゴシック"/><family val="3"/><charset val="128"/></font></fonts>"#
        + #"<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#
        + #"<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill></fills>"#
        + #"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>"#
        + #"<border><left style="thin"><color rgb="FF808080"/></left><right style="thin"><color rgb="FF808080"/></right>"#
        + #"<top style="thin"><color rgb="FF808080"/></top><bottom style="thin"><color rgb="FF808080"/></bottom><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="9"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>"#
        + #"<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="0" fontId="3" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center"/></xf>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>"#
        + #"<xf numFmtId="3" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#

    /// Row `number` of `width` cells: each in `style` when given, else in the style of its kind
    /// (text, whole number, fraction, date); empty cells are written too (bordered) when styled.
    static func row(_ number: Int, _ cells: [ReportCell], width: Int, style: Style?, height: Double? = nil) -> String {
        var xml = #"<row r="\#(number)""# + (height.map { #" ht="\#($0)" customHeight="1""# } ?? "") + ">"
        for index in 0..<max(width, cells.count) {
            let cell = cells.indices.contains(index) ? cells[index] : .empty
            let reference = column(index) + String(number)
            func styled(_ own: Style) -> String { #" s="\#((style ?? own).rawValue)""# }
            func text(_ whole: String) -> String {
                let text = fitted(whole)
                let space =
                    text.first?.isWhitespace == true || text.last?.isWhitespace == true ? #" xml:space="preserve""# : ""
                return
                    #"<c r="\#(reference)" t="inlineStr"\#(styled(.text))><is><t\#(space)>\#(XMLText.escaped(text))</t></is></c>"#
            }
            switch cell {
            case .empty: xml += #"<c r="\#(reference)"\#(styled(.text))/>"#
            case .text(let value): xml += text(value)
            case .integer(let value) where value.magnitude < largestExactInteger:
                xml += #"<c r="\#(reference)"\#(styled(.integer))><v>\#(value)</v></c>"#
            case .decimal(let value) where value.isZero || (value.isNormal && value.magnitude <= largestNumber):
                xml += #"<c r="\#(reference)"\#(styled(.decimal))><v>\#(value)</v></c>"#
            case .date(let year, let month, let day):
                guard let serial = serial(year: year, month: month, day: day) else {
                    xml += text(cell.text)
                    continue
                }
                xml += #"<c r="\#(reference)" s="\#(Style.date.rawValue)"><v>\#(serial)</v></c>"#
            case .integer, .decimal, .bigInteger: xml += text(cell.text)
            }
        }
        return xml + "</row>"
    }

    /// Excel holds at most 32,767 characters (UTF-16 units) in a cell and refuses a file with a
    /// longer one: longer text is cut, and says so.
    static let maxCellCharacters = 32_767

    /// `text`, or its beginning with a note of how long it was when a cell cannot hold it.
    public static func fitted(_ text: String) -> String {
        let length = text.utf16.count
        guard length > maxCellCharacters else { return text }
        let note = "…（長すぎるため省略: 全 \(length) 字）"
        var kept = ""
        var units = 0
        for character in text {
            let size = character.utf16.count
            guard units + size + note.utf16.count <= maxCellCharacters else { break }
            kept.append(character)
            units += size
        }
        return kept + note
    }

    /// Excel keeps 15 significant digits: a whole number from 10^15 up (in magnitude) would show
    /// rounded, so it is written as its text instead.
    static let largestExactInteger: UInt64 = 1_000_000_000_000_000

    /// The largest number Excel accepts (its smallest is `Double.leastNormalMagnitude`); others,
    /// and NaN or infinity, are written as their text.
    static let largestNumber = 9.99999999999999e307

    /// `A`, `B`, … `Z`, `AA`, …
    static func column(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// Excel's day number: days since 1899-12-30; nil outside 1900-03-01 ... 9999-12-31 (Excel
    /// counts 1900-02-29, which never was, so earlier days have no right number) and for days
    /// no calendar has (`2025-02-31`): such a date is written as its text.
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        guard (1900...9999).contains(year), year > 1900 || month >= 3,
            let date = CivilDay(year: year, month: month, day: day)
        else { return nil }
        return date.dayNumber + excelEpochOffset
    }

    /// Days from Excel's day 0 (1899-12-30) to 1970-01-01, where `CivilDay` counts from.
    static let excelEpochOffset = 25_569

    /// Sheet names as Excel allows them: at most 31 characters, none of `[]:*?/\`, unique.
    static func sheetNames(_ names: [String]) -> [String] {
        var used: Set<String> = []
        return names.map { name in
            var clean = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }).trimmingCharacters(in: .whitespaces)
            if clean.isEmpty { clean = "Sheet" }
            clean = String(clean.prefix(31))
            var candidate = clean
            var number = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = String(clean.prefix(31 - suffix.count)) + suffix
                number += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}
