import Foundation
import TestSupport
import Testing
import Workbook

/// Files written by openpyxl (as a clerk's tool or a product might), read back cell by cell.
@Suite struct OpenpyxlTests {
    /// Writes `form.xlsx` (two visible sheets, one hidden, one very hidden), `roundtrip.xlsx`
    /// (loaded and saved again), `streamed.xlsx` (the same entries re-zipped through a stream
    /// that cannot seek, so every entry has a data descriptor) and `dates.xlsx` (ISO dates,
    /// 1904 system).
    static let script = """
        import datetime, io, sys, zipfile
        import openpyxl
        from openpyxl.cell.rich_text import CellRichText, TextBlock
        from openpyxl.cell.text import InlineFont
        from openpyxl.utils.datetime import CALENDAR_MAC_1904

        folder = sys.argv[1]
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "A 基本情報"
        ws["A1"] = "団体名"
        ws["B1"] = "大阪市"
        ws["C1"] = "#DIV/0!"
        ws["A2"] = 1250
        ws["B2"] = 0.125
        ws["C2"] = 1e-05
        ws["D2"] = -3.5
        ws["A3"] = True
        ws["B3"] = datetime.date(2025, 4, 1)
        ws["C3"].number_format = "0.00"
        ws["D3"] = False
        ws["A4"] = "=SUM(A2:B2)"
        ws["A5"] = "  前後に空白  "
        ws["A6"] = "改行\\nあり"
        ws["B6"] = CellRichText([TextBlock(InlineFont(b=True), "太字"), "と普通"])
        ws["XFD1048576"] = "最後"
        second = wb.create_sheet("B 回答")
        second["A1"] = "はい"
        second["A2"] = 12345678901234
        hidden = wb.create_sheet("内部")
        hidden.sheet_state = "hidden"
        hidden["A1"] = "秘密"
        very = wb.create_sheet("設定")
        very.sheet_state = "veryHidden"
        wb.save(folder + "/form.xlsx")

        openpyxl.load_workbook(folder + "/form.xlsx", rich_text=True).save(folder + "/roundtrip.xlsx")

        class Unseekable(io.RawIOBase):
            def __init__(self, f): self.f = f
            def writable(self): return True
            def write(self, b): return self.f.write(b)
        source = zipfile.ZipFile(folder + "/form.xlsx")
        with open(folder + "/streamed.xlsx", "wb") as f:
            with zipfile.ZipFile(Unseekable(f), "w", zipfile.ZIP_DEFLATED) as z:
                for info in source.infolist():
                    z.writestr(info.filename, source.read(info.filename))

        dates = openpyxl.Workbook()
        dates.iso_dates = True
        dates.active["A1"] = datetime.datetime(2025, 4, 1, 9, 30)
        dates.save(folder + "/iso.xlsx")
        mac = openpyxl.Workbook()
        mac.epoch = CALENDAR_MAC_1904
        mac.active["A1"] = datetime.date(2025, 4, 1)
        mac.save(folder + "/mac.xlsx")
        """

    let directory: TemporaryDirectory

    init() throws {
        directory = try TemporaryDirectory(prefix: "renkei-workbook")
        try Python.run(Self.script, [directory.url.path])
    }

    private func read(_ name: String) throws -> Workbook {
        try WorkbookReader.read(Python.read(directory.path(name)))
    }

    private func cell(_ text: String) -> CellReference {
        guard let reference = CellReference(text) else { preconditionFailure("bad reference \(text)") }
        return reference
    }

    @Test func everyCellOfTheFormReadsBack() throws {
        let workbook = try read("form.xlsx")
        #expect(workbook.sheets.map(\.name) == ["A 基本情報", "B 回答", "内部", "設定"])
        #expect(workbook.sheets.map(\.isHidden) == [false, false, true, true])
        #expect(!workbook.uses1904Dates)
        let basic = try #require(workbook.sheet(named: "A 基本情報"))
        let expected: [String: CellValue] = [
            "A1": .text("団体名"), "B1": .text("大阪市"), "C1": .error("#DIV/0!"),
            "A2": .number("1250"), "B2": .number("0.125"), "C2": .number("1e-05"), "D2": .number("-3.5"),
            "A3": .bool(true), "B3": .number("45748"), "D3": .bool(false),
            "A5": .text("  前後に空白  "), "A6": .text("改行\nあり"), "B6": .text("太字と普通"),
            "XFD1048576": .text("最後"),
        ]
        #expect(basic.cells == Dictionary(uniqueKeysWithValues: expected.map { (cell($0.key), $0.value) }))
        // The styled empty cell and the formula openpyxl never calculated hold nothing.
        #expect(basic[cell("C3")] == nil && basic[cell("A4")] == nil)
        if case .number(let serial)? = basic[cell("B3")], let days = Double(serial) {
            let date = Workbook.date(fromSerial: days, uses1904: workbook.uses1904Dates)
            #expect(date?.year == 2025 && date?.month == 4 && date?.day == 1)
        } else {
            Issue.record("B3 is not a date serial")
        }
        let answers = try #require(workbook.sheet(named: "B 回答"))
        #expect(answers.cells == [cell("A1"): .text("はい"), cell("A2"): .number("12345678901234")])
        #expect(workbook.sheet(named: "内部")?.cells == [cell("A1"): .text("秘密")])
        #expect(workbook.sheet(named: "設定")?.cells.isEmpty == true)
        #expect(workbook.sheet(named: "a 基本情報") == nil)
    }

    @Test func aFileLoadedAndSavedAgainReadsTheSame() throws {
        let original = try read("form.xlsx")
        let saved = try read("roundtrip.xlsx")
        #expect(saved.sheets.map(\.name) == original.sheets.map(\.name))
        #expect(saved.sheets.map(\.isHidden) == original.sheets.map(\.isHidden))
        #expect(saved.sheets.map(\.cells) == original.sheets.map(\.cells))
    }

    @Test func deflatedEntriesWithDataDescriptorsRead() throws {
        let bytes = try Python.read(directory.path("streamed.xlsx"))
        #expect(bytes.count > 8 && bytes[6] & 0x08 != 0, "the first entry has a data descriptor")
        #expect(bytes.count > 10 && bytes[8] == 8, "the first entry is deflated")
        let streamed = try WorkbookReader.read(bytes)
        #expect(streamed.sheets.map(\.cells) == (try read("form.xlsx")).sheets.map(\.cells))
    }

    @Test func isoDatesAndThe1904SystemRead() throws {
        let iso = try read("iso.xlsx")
        #expect(iso.sheets.first?.cells == [cell("A1"): .isoDate("2025-04-01T09:30:00")])
        let mac = try read("mac.xlsx")
        #expect(mac.uses1904Dates)
        let serial = try #require(mac.sheets.first?[cell("A1")])
        #expect(serial == .number("44286"))
        let date = Workbook.date(fromSerial: 44286, uses1904: true)
        #expect(date?.year == 2025 && date?.month == 4 && date?.day == 1)
    }

    /// The real files cut every 97 bytes always throw; with bytes flipped (seeded) they give a
    /// workbook or an error, never a trap.
    @Test func damagedFormsNeverTrap() throws {
        var generator = SeededGenerator(seed: 0x0F_0E_0D)
        for name in ["form.xlsx", "streamed.xlsx"] {
            let original = try Python.read(directory.path(name))
            for cut in stride(from: 0, to: original.count, by: 97) {
                #expect(throws: WorkbookError.self, "\(name) cut at \(cut)") {
                    try WorkbookReader.read(Array(original[..<cut]))
                }
            }
            var outcomes = 0
            for _ in 0..<300 {
                var bytes = original
                for _ in 0..<Int.random(in: 1...3, using: &generator) {
                    let index = Int.random(in: 0..<bytes.count, using: &generator)
                    bytes[index] ^= UInt8.random(in: 1...255, using: &generator)
                }
                do {
                    _ = try WorkbookReader.read(bytes)
                } catch {}
                outcomes += 1
            }
            #expect(outcomes == 300)
        }
    }
}
