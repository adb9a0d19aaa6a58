import TestSupport
import Testing
import Workbook

/// The SpreadsheetML parts, written by hand the way Excel writes them, and bent.
@Suite struct PartTests {
    private func cell(_ text: String) -> CellReference {
        guard let reference = CellReference(text) else { preconditionFailure("bad reference \(text)") }
        return reference
    }

    private func cells(_ workbook: HandBuiltWorkbook) throws -> [CellReference: CellValue] {
        try WorkbookReader.read(workbook.archive()).sheets.first?.cells ?? [:]
    }

    /// As Excel saves a Japanese form: shared strings with furigana runs (`<rPh>`), rich text,
    /// preserved spaces, an escaped carriage return.
    @Test func sharedStringsKeepTheBaseTextAndDropFurigana() throws {
        let strings = """
            <si><t>大阪市</t><rPh sb="0" eb="3"><t>オオサカシ</t></rPh><phoneticPr fontId="1"/></si>\
            <si><r><rPr><b/></rPr><t>情報</t></r><r><t xml:space="preserve"> 政策課 </t></r>\
            <rPh sb="0" eb="2"><t>ジョウホウ</t></rPh></si>\
            <si><t>一行目_x000D_
            二行目</t></si>\
            <si><t/></si>
            """
        let sheet = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="3"><v>1</v></c></row>\
            <row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="s"><v>3</v></c></row>
            """
        #expect(
            try cells(.single(sheet, sharedStrings: strings)) == [
                cell("A1"): .text("大阪市"), cell("B1"): .text("情報 政策課 "), cell("A2"): .text("一行目\r\n二行目"),
                cell("B2"): .text(""),
            ])
    }

    @Test func everyCellTypeReads() throws {
        let sheet = """
            <row r="2" spans="1:9"><c r="A2"><v>1250</v></c><c r="B2" t="n"><v>4.5E-3</v></c>\
            <c r="C2" t="b"><v>0</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2" t="d"><v>2025-04-01</v></c>\
            <c r="F2" t="str"><f>A1&amp;"様"</f><v>大阪市様</v></c><c r="G2"><f>SUM(A2:B2)</f><v>1250.0045</v></c>\
            <c r="H2" t="inlineStr"><is><r><t>a</t></r><r><rPr/><t>&lt;b&gt;</t></r><rPh><t>x</t></rPh></is></c>\
            <c r="I2" s="5"/><c r="J2" t="str"><f>""</f><v></v></c><c r="K2" s="1"><v/></c></row>
            """
        #expect(
            try cells(.single(sheet)) == [
                cell("A2"): .number("1250"), cell("B2"): .number("4.5E-3"), cell("C2"): .bool(false),
                cell("D2"): .error("#N/A"), cell("E2"): .isoDate("2025-04-01"), cell("F2"): .text("大阪市様"),
                cell("G2"): .number("1250.0045"), cell("H2"): .text("a<b>"), cell("J2"): .text(""),
            ])
    }

    @Test func cellsAndRowsWithoutAnAddressFollowThePreviousOne() throws {
        let sheet = """
            <row><c><v>1</v></c><c><v>2</v></c></row><row r="5"><c r="C5"><v>3</v></c><c><v>4</v></c></row>\
            <row><c><v>5</v></c></row>
            """
        #expect(
            try cells(.single(sheet)) == [
                cell("A1"): .number("1"), cell("B1"): .number("2"), cell("C5"): .number("3"), cell("D5"): .number("4"),
                cell("A6"): .number("5"),
            ])
    }

    @Test func textIsKeptExactly() throws {
        let sheet = """
            <row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  両端  </t></is></c>\
            <c r="B1" t="inlineStr"><is><t>  属性なし\t</t></is></c>\
            <c r="C1" t="inlineStr"><is><t>A&#10;B&#x1F600;<![CDATA[<&>]]><!-- note -->C</t></is></c></row>
            """
        #expect(
            try cells(.single(sheet)) == [
                cell("A1"): .text("  両端  "), cell("B1"): .text("  属性なし\t"), cell("C1"): .text("A\nB😀<&>C"),
            ])
    }

    @Test func hiddenSheetsAndThe1904SystemAreReported() throws {
        var form = HandBuiltWorkbook(
            sheets: [("表紙", nil, ""), ("隠し", "hidden", ""), ("とても隠し", "veryHidden", ""), ("見える", "visible", "")])
        form.date1904 = true
        let workbook = try WorkbookReader.read(form.archive())
        #expect(workbook.sheets.map(\.name) == ["表紙", "隠し", "とても隠し", "見える"])
        #expect(workbook.sheets.map(\.isHidden) == [false, true, true, false])
        #expect(workbook.uses1904Dates)
    }

    @Test func targetsMayBeAbsoluteAndThePackageRelationshipsOptional() throws {
        let form = HandBuiltWorkbook.single(#"<row r="1"><c r="A1"><v>7</v></c></row>"#)
        let bytes = form.archive { parts in
            parts.removeAll { $0.name == "_rels/.rels" }
            if let index = parts.firstIndex(where: { $0.name == "xl/_rels/workbook.xml.rels" }) {
                parts[index].text = parts[index].text.replacingOccurrences(
                    of: "Target=\"worksheets/", with: "Target=\"/xl/worksheets/")
            }
        }
        #expect(try WorkbookReader.read(bytes).sheets.first?.cells == [cell("A1"): .number("7")])
    }

    @Test func aDoctypeIsRefused() throws {
        let form = HandBuiltWorkbook.single("")
        let bytes = form.archive { parts in
            parts[1].text = """
                <?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]><workbook><sheets/></workbook>
                """
        }
        #expect(
            throws: WorkbookError.malformedXML(
                part: "xl/workbook.xml", offset: 21, reason: "a DOCTYPE declaration (refused: entities could expand)")
        ) { try WorkbookReader.read(bytes) }
    }

    @Test func badCellsAreCorrupt() throws {
        let sheetPart = "xl/worksheets/sheet1.xml"
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "A1 refers to shared string 2 of 2")) {
            try cells(
                .single(
                    #"<row r="1"><c r="A1" t="s"><v>2</v></c></row>"#,
                    sharedStrings: "<si><t>a</t></si><si><t>b</t></si>"))
        }
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "A1 refers to shared string 0 of 0")) {
            try cells(.single(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#))
        }
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "A1 refers to shared string -1 of 1")) {
            try cells(.single(#"<row r="1"><c r="A1" t="s"><v>-1</v></c></row>"#, sharedStrings: "<si><t>a</t></si>"))
        }
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "A1 holds 12円, not a number")) {
            try cells(.single(#"<row r="1"><c r="A1"><v>12円</v></c></row>"#))
        }
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "A1 holds 2, not a boolean")) {
            try cells(.single(#"<row r="1"><c r="A1" t="b"><v>2</v></c></row>"#))
        }
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "A1 has the unknown type x")) {
            try cells(.single(#"<row r="1"><c r="A1" t="x"><v>2</v></c></row>"#))
        }
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "two cells at A1")) {
            try cells(.single(#"<row r="1"><c r="A1"><v>1</v></c><c r="A1"><v>2</v></c></row>"#))
        }
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "a cell at A0, not a cell reference")) {
            try cells(.single(#"<row r="1"><c r="A0"><v>1</v></c></row>"#))
        }
        #expect(throws: WorkbookError.corrupt(entry: sheetPart, reason: "a row numbered 1048577")) {
            try cells(.single(#"<row r="1048577"><c><v>1</v></c></row>"#))
        }
    }

    @Test func missingPartsAreNamed() throws {
        let form = HandBuiltWorkbook.single("")
        #expect(throws: WorkbookError.missingPart("xl/worksheets/sheet1.xml")) {
            try WorkbookReader.read(form.archive { $0.removeAll { $0.name.hasPrefix("xl/worksheets/") } })
        }
        #expect(throws: WorkbookError.missingPart("xl/workbook.xml")) {
            try WorkbookReader.read(form.archive { $0.removeAll { $0.name == "xl/workbook.xml" } })
        }
        #expect(throws: WorkbookError.missingPart("xl/_rels/workbook.xml.rels")) {
            try WorkbookReader.read(form.archive { $0.removeAll { $0.name == "xl/_rels/workbook.xml.rels" } })
        }
    }

    /// Damaged XML inside an intact ZIP (every CRC right, so the parts' parsers see the damage):
    /// each outcome is a workbook or a `WorkbookError`, never a trap.
    @Test func damagedPartsNeverTrap() {
        let form = HandBuiltWorkbook.single(
            """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c>\
            <c t="b"><v>1</v></c></row><row><c><f>1+1</f><v>2</v></c><c t="e"><v>#N/A</v></c></row>
            """, sharedStrings: #"<si><r><t>a</t></r><rPh sb="0"><t>b</t></rPh></si>"#)
        let parts = form.parts.map { (name: $0.name, bytes: Array($0.text.utf8)) }
        let alphabet = Array("<>/=\"'&#;:!?[]- 0129abcfrstvAZ".utf8) + [0x00, 0x80, 0xE3, 0xFF]
        var generator = SeededGenerator(seed: 0xDA_4A6E)
        var read = 0
        var refused = 0
        for _ in 0..<600 {
            var damaged = parts
            let part = Int.random(in: 0..<damaged.count, using: &generator)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let index = Int.random(in: 0..<damaged[part].bytes.count, using: &generator)
                if Bool.random(using: &generator) {
                    damaged[part].bytes[index] = alphabet.randomElement(using: &generator) ?? 0
                } else {
                    damaged[part].bytes.remove(at: index)
                }
            }
            var zip = ZipBuilder()
            for entry in damaged { zip.store(entry.name, entry.bytes) }
            do {
                _ = try WorkbookReader.read(zip.bytes())
                read += 1
            } catch {
                refused += 1
            }
        }
        #expect(read + refused == 600 && read > 0 && refused > 0)
    }
}
