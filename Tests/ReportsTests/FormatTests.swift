import Foundation
import Reports
import TestSupport
import Testing

@Suite struct FormatTests {
    let table = ReportTable(
        name: "回答",
        columns: ["団体コード", "団体名", "職員数", "開始日", "備考"],
        rows: [
            [
                .text("271004"), .text("大阪市"), .integer(1_200), .date(year: 2025, month: 4, day: 1),
                .text("改行\nあり, \"引用\""),
            ],
            [.text("027006"), .text("=SUM(A1)"), .decimal(12.5), .empty, .text(" 空白 ")],
        ])

    @Test func csvIsRFC4180WithCRLFAndABOMForExcel() throws {
        let bytes = try CSVWriter.bytes(table, encoding: .utf8)
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(
            text
                == "団体コード,団体名,職員数,開始日,備考\r\n271004,大阪市,1200,2025-04-01,\"改行\nあり, \"\"引用\"\"\"\r\n027006,'=SUM(A1),12.5,, 空白 \r\n"
        )
    }

    @Test func cp932EncodesJapaneseAndFailsLoudlyOnWhatItCannotHold() throws {
        let bytes = try CSVWriter.bytes(table, encoding: .cp932)
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        // 大阪市 in CP932.
        #expect(bytes.firstRange(of: [0x91, 0xE5, 0x8D, 0xE3, 0x8E, 0x73]) != nil)
        // NEC special characters are CP932 (not plain Shift_JIS): ① and ㈱ encode.
        #expect(try TextEncoder.cp932.encode("①㈱") == [0x87, 0x40, 0x87, 0x8A])
        var bad = table
        bad.rows.append([.text("272000"), .text("𠮷野家"), .empty, .empty, .empty])
        #expect(throws: EncodingError.unrepresentable(character: "𠮷", line: 5, column: 8)) {
            try CSVWriter.bytes(bad, encoding: .cp932)
        }
        #expect(throws: EncodingError.self) { try TextEncoder.cp932.encode("絵文字😀") }
    }

    @Test func zipEntriesHaveTheirCRCsAndAnUnzipperReadsThem() throws {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        var zip = ZipWriter()
        zip.add("a.txt", Array("hello".utf8))
        zip.add("dir/日本語.xml", Array("<x/>".utf8))
        let directory = try TemporaryDirectory()
        let path = directory.path("test.zip")
        try Data(zip.bytes()).write(to: URL(fileURLWithPath: path))
        let listing = try CommandRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); z.testzip() is None or sys.exit(3); print(z.read('dir/日本語.xml').decode(), z.read('a.txt').decode())",
                path,
            ])
        #expect(listing.status == 0 && listing.stdout == "<x/> hello\n", "\(listing.stderr)")
    }

    @Test func xlsxReadsBackCellByCellInOpenpyxl() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("report.xlsx")
        var second = ReportTable(name: "表/行[1]", columns: ["a"], rows: [[.text("x")]])
        second.widths = [30]
        try Data(XLSXWriter.bytes([table, second, ReportTable(name: "回答", columns: ["b"])])).write(
            to: URL(fileURLWithPath: path))
        let script = """
            import openpyxl, sys, json
            wb = openpyxl.load_workbook(sys.argv[1])
            out = {"sheets": wb.sheetnames}
            ws = wb[wb.sheetnames[0]]
            out["freeze"] = ws.freeze_panes
            out["widthA"] = ws.column_dimensions["A"].width
            out["bold"] = ws["A1"].font.b
            out["cells"] = [[None if c is None else (c.isoformat()[:10] if hasattr(c, "isoformat") else c) for c in row] for row in ws.iter_rows(values_only=True)]
            out["types"] = [ws["A2"].data_type, ws["C2"].data_type, ws["D2"].is_date]
            out["width2"] = wb[wb.sheetnames[1]].column_dimensions["A"].width
            print(json.dumps(out, ensure_ascii=False))
            """
        let result = try CommandRunner.run("/usr/bin/env", ["python3", "-c", script, path])
        #expect(result.status == 0, "openpyxl: \(result.stderr)")
        let read = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(read["sheets"] as? [String] == ["回答", "表_行_1_", "回答 (2)"])
        #expect(read["freeze"] as? String == "A2")
        #expect(read["bold"] as? Bool == true)
        #expect((read["width2"] as? Double) == 30)
        let cells = read["cells"] as? [[Any?]] ?? []
        #expect(cells.count == 3)
        #expect(cells.first?.compactMap { $0 as? String } == table.columns)
        #expect(cells[1][0] as? String == "271004" && cells[2][0] as? String == "027006", "codes stay text")
        #expect((cells[1][2] as? Int) == 1_200 && (cells[2][2] as? Double) == 12.5)
        #expect(cells[1][3] as? String == "2025-04-01")
        #expect(cells[1][4] as? String == "改行\nあり, \"引用\"" && cells[2][4] as? String == " 空白 ")
        let types = read["types"] as? [Any] ?? []
        #expect(
            types.count == 3 && types[0] as? String == "s" && types[1] as? String == "n" && types[2] as? Bool == true)
    }
}
