import Foundation

/// An XLSX workbook written by hand (SpreadsheetML in a ZIP): one sheet per `ReportTable`, the
/// header row bold and frozen, column widths set, text cells as inline strings (codes such as
/// `027006` stay text), numbers as numbers and dates as real dates (`yyyy-mm-dd`), except that a
/// number or date Excel cannot hold exactly (`Int64.max`, `5e-324`, `1900-02-29`) is its text.
public enum XLSXWriter {
    public static func bytes(_ tables: [ReportTable]) -> [UInt8] {
        precondition(!tables.isEmpty, "a workbook has at least one sheet")
        let names = sheetNames(tables.map(\.name))
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes(sheets: tables.count).utf8))
        zip.add("_rels/.rels", Array(rootRelationships.utf8))
        zip.add("xl/workbook.xml", Array(workbook(names).utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRelationships(sheets: tables.count).utf8))
        zip.add("xl/styles.xml", Array(styles.utf8))
        for (index, table) in tables.enumerated() {
            zip.add("xl/worksheets/sheet\(index + 1).xml", Array(sheet(table).utf8))
        }
        return zip.bytes()
    }

    static let header = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(sheets: Int) -> String {
        header + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
            + (1...sheets).map {
                #"<Override PartName="/xl/worksheets/sheet\#($0).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            }.joined() + "</Types>"
    }

    static let rootRelationships =
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbook(_ names: [String]) -> String {
        header + #"<workbook xmlns="\#(main)" xmlns:r="\#(relationships)"><sheets>"#
            + names.enumerated().map { index, name in
                #"<sheet name="\#(XMLText.escaped(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            }.joined() + "</sheets></workbook>"
    }

    static func workbookRelationships(sheets: Int) -> String {
        header + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + (1...sheets).map {
                #"<Relationship Id="rId\#($0)" Type="\#(relationships)/worksheet" Target="worksheets/sheet\#($0).xml"/>"#
            }.joined()
            + #"<Relationship Id="rId\#(sheets + 1)" Type="\#(relationships)/styles" Target="styles.xml"/>"#
            + "</Relationships>"
    }

    /// Styles: 0 normal, 1 bold (header), 2 date `yyyy-mm-dd`.
    static let styles =
        header + #"<styleSheet xmlns="\#(main)">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#

    static func sheet(_ table: ReportTable) -> String {
        var xml = header + #"<worksheet xmlns="\#(main)">"#
        xml +=
            #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        let widths = table.computedWidths
        if !widths.isEmpty {
            xml += "<cols>"
            for (index, width) in widths.enumerated() {
                xml += #"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(width)" customWidth="1"/>"#
            }
            xml += "</cols>"
        }
        xml += "<sheetData>"
        xml += row(1, table.columns.map(ReportCell.text), style: 1)
        for (index, cells) in table.rows.enumerated() { xml += row(index + 2, cells, style: nil) }
        return xml + "</sheetData></worksheet>"
    }

    static func row(_ number: Int, _ cells: [ReportCell], style: Int?) -> String {
        var xml = #"<row r="\#(number)">"#
        for (index, cell) in cells.enumerated() {
            let reference = column(index) + String(number)
            let styled = style.map { #" s="\#($0)""# } ?? ""
            func text(_ whole: String) -> String {
                let text = fitted(whole)
                let space =
                    text.first?.isWhitespace == true || text.last?.isWhitespace == true ? #" xml:space="preserve""# : ""
                return
                    #"<c r="\#(reference)" t="inlineStr"\#(styled)><is><t\#(space)>\#(XMLText.escaped(text))</t></is></c>"#
            }
            switch cell {
            case .empty: continue
            case .text(let value): xml += text(value)
            case .integer(let value) where value.magnitude < largestExactInteger:
                xml += #"<c r="\#(reference)"\#(styled)><v>\#(value)</v></c>"#
            case .decimal(let value) where value.isZero || (value.isNormal && value.magnitude <= largestNumber):
                xml += #"<c r="\#(reference)"\#(styled)><v>\#(value)</v></c>"#
            case .date(let year, let month, let day):
                guard let serial = serial(year: year, month: month, day: day) else {
                    xml += text(cell.text)
                    continue
                }
                xml += #"<c r="\#(reference)" s="2"><v>\#(serial)</v></c>"#
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
        guard (1900...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
            year > 1900 || month >= 3
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: day)
        guard let epoch = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30)),
            let date = calendar.date(from: components), calendar.component(.day, from: date) == day
        else { return nil }
        return calendar.dateComponents([.day], from: epoch, to: date).day
    }

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
