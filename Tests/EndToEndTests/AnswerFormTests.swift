import Foundation
import Models
import TestSupport
import Testing

/// The Excel 回答票 round trip through the real CLI and files edited by openpyxl (which saves
/// DEFLATE-compressed workbooks, as Excel and LibreOffice do): an unchanged form writes nothing,
/// three edited cells write exactly three answers, one wrong cell writes nothing and is named by
/// sheet and cell; a form of another municipality or survey, a damaged file and a zip bomb are
/// refused whole; a submitted survey cannot be changed through a form either.
@Suite struct AnswerFormTests {
    static let survey = SecondSurvey.id
    static let sheet = "S システム"

    /// Runs openpyxl on `input`, saving to `output`: `edits` is Python run with `wb` loaded and
    /// `cell(sheet, item)` giving the answer cell of an item (found by its id in column A).
    static func edit(_ input: String, _ output: String, _ edits: String) throws {
        let script = """
            import sys, datetime, openpyxl
            wb = openpyxl.load_workbook(sys.argv[1])
            def cell(sheet, item):
                ws = wb[sheet]
                for row in range(1, ws.max_row + 1):
                    if ws.cell(row, 1).value == item:
                        return ws.cell(row, 3)
                raise KeyError(item)
            \(edits.split(separator: "\n").joined(separator: "\n"))
            wb.save(sys.argv[2])
            """
        let result = try CommandRunner.run("/usr/bin/env", ["python3", "-c", script, input, output])
        guard result.status == 0 else { throw CLIError(result: result) }
    }

    @Test func aFormRoundTripsThroughOpenpyxl() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let schema = directory.path("second.json")
        try Data(SecondSurvey.json.utf8).write(to: URL(fileURLWithPath: schema))
        #expect(try advisor.run(["survey", "publish", schema]).status == 0)
        _ = try advisor.sync()
        _ = try osaka.sync()
        for (item, value) in [
            ("M01", "1,250"), ("E01", "令和8年3月31日"), ("Y01", "2026/3"), ("K01", "1.25"), ("H01", "はい"),
        ] {
            #expect(try osaka.run(["survey", "answer", Self.survey, item, value]).status == 0)
        }
        #expect(
            try osaka.run(["survey", "answer", Self.survey, "T02", "基幹系", "--row", "r1", "--column", "system"]).status
                == 0)
        func stored(_ record: String, _ field: String = "value") throws -> String {
            try osaka.run(["get", "answers", "\(Self.survey)/271004/\(record)", field]).stdout
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }

        let form = directory.path("回答票.xlsx")
        let written = try osaka.run(["survey", "form", Self.survey, "-o", form])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try osaka.run(["survey", "form", Self.survey, "-o", form]).status == 1, "no overwrite without --force")

        // What Excel shows: the current answers as typed, dropdowns, locked labels.
        let inspected = try CommandRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import sys, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1])
                ws = wb["\(Self.sheet)"]
                rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
                print("M01", ws.cell(rows["M01"], 3).value, ws.cell(rows["M01"], 4).value)
                print("E01", ws.cell(rows["E01"], 3).value)
                print("H01", ws.cell(rows["H01"], 3).value)
                print("locked", ws.protection.sheet, ws.cell(rows["H01"], 1).protection.locked, ws.cell(rows["H01"], 3).protection.locked)
                for v in ws.data_validations.dataValidation:
                    print("validation", v.type, v.sqref, v.formula1, v.formula2)
                print("lists", wb["選択肢"].sheet_state)
                print("sheets", wb.sheetnames)
                """, form,
            ])
        #expect(inspected.status == 0, "\(inspected.stderr)")
        let shown = inspected.stdout
        #expect(shown.contains("M01 1250 千円"), "money in its unit: \(shown)")
        #expect(shown.contains("E01 2026-03-31 00:00:00"), "a real date: \(shown)")
        #expect(shown.contains("H01 はい"), "\(shown)")
        #expect(shown.contains("locked True True False"), "\(shown)")
        #expect(shown.contains("validation list C5 '選択肢'!$A$"), "a dropdown for H01: \(shown)")
        #expect(shown.contains("validation whole C6 0 50"), "H02 within 0-50: \(shown)")
        #expect(shown.contains("validation decimal C9 0 100"), "R01 a percentage: \(shown)")
        #expect(shown.contains("lists hidden"))
        #expect(shown.contains("'T01 手続のオンライン化状況'") && shown.contains("'T02 基幹系システムの契約'"), "\(shown)")

        // Unchanged: nothing is written.
        let same = try osaka.run(["survey", "import", Self.survey, form])
        #expect(
            same.status == 0 && same.stdout.contains("Imported 0 changed answer(s)"), "\(same.stdout) \(same.stderr)")

        // Three cells edited as a clerk would: a number, a date, a dropdown label in the matrix.
        let edited = directory.path("edited.xlsx")
        try Self.edit(
            form, edited,
            """
            cell("\(Self.sheet)", "M01").value = 2000
            cell("\(Self.sheet)", "E01").value = datetime.datetime(2027, 3, 31)
            wb["T01 手続のオンライン化状況"]["C5"] = "予定"
            """)
        let three = try osaka.run(["survey", "import", Self.survey, edited])
        #expect(
            three.status == 0 && three.stdout.contains("Imported 3 changed answer(s)"),
            "\(three.stdout) \(three.stderr)")
        #expect(try stored("M01") == "2000000", "2,000 千円 in yen")
        #expect(try stored("E01") == #""2027-03-31""#)
        #expect(try stored("T01/hoikusho", "status") == #""planned""#)

        // The answers as a sheet to check before submitting.
        let printed = try osaka.run(["survey", "print", Self.survey])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains("| システム | M01 | 基幹系システムの年間経費 | 2000000 | 円 |"), "\(printed.stdout)")
        #expect(printed.stdout.contains("| 保育所等の利用申込（hoikusho） | 予定 |"), "\(printed.stdout)")
        #expect(printed.stdout.contains("要修正: T01"), "T01 still misses rows: \(printed.stdout)")

        // One wrong cell among good ones: nothing is written, and the cell is named.
        let wrong = directory.path("wrong.xlsx")
        try Self.edit(
            edited, wrong,
            """
            cell("\(Self.sheet)", "K01").value = "たくさん"
            cell("\(Self.sheet)", "V01").value = "fujitsu"
            """)
        let refused = try osaka.run(["survey", "import", Self.survey, wrong])
        #expect(refused.status == 65, "\(refused.stdout)")
        #expect(refused.stderr.contains("シート「\(Self.sheet)」のセル C10"), "\(refused.stderr)")
        #expect(try stored("V01").contains("fujitsu") == false, "nothing written")

        // A column id repeated across the sheet and a value in its last row (a review made this take
        // an hour): refused at once, naming the repeat.
        let repeated = directory.path("repeated.xlsx")
        try Self.edit(
            form, repeated,
            """
            ws = wb["T02 基幹系システムの契約"]
            for column in range(3, 400):
                ws.cell(2, column).value = "system"
            ws.cell(1048576, 2).value = "x"
            ws.cell(1048576, 3).value = "x"
            """)
        let started = Date()
        let repeatedResult = try osaka.run(["survey", "import", Self.survey, repeated])
        #expect(repeatedResult.status == 65 && repeatedResult.stderr.contains("列 system が2回あります"))
        #expect(repeatedResult.stderr.contains("…ほか"), "at most 100 problems are listed")
        #expect(Date().timeIntervalSince(started) < 20, "\(Date().timeIntervalSince(started)) s")

        // Another municipality's form, another survey's, a damaged file, a bomb: refused whole.
        let sakaiForm = directory.path("sakai.xlsx")
        try Self.edit(form, sakaiForm, #"wb["記入方法"]["B4"] = "271403""#)
        let foreign = try osaka.run(["survey", "import", Self.survey, sakaiForm])
        #expect(foreign.status == 65 && foreign.stderr.contains("堺市（271403）の回答票"), "\(foreign.stderr)")
        let otherSurvey = directory.path("other.xlsx")
        try Self.edit(form, otherSurvey, #"wb["記入方法"]["B3"] = "osaka-dx-2024""#)
        #expect(try osaka.run(["survey", "import", Self.survey, otherSurvey]).status == 65)
        var damaged = try Array(Data(contentsOf: URL(fileURLWithPath: edited)))
        damaged.removeLast(damaged.count / 3)
        let cut = directory.path("cut.xlsx")
        try Data(damaged).write(to: URL(fileURLWithPath: cut))
        let cutResult = try osaka.run(["survey", "import", Self.survey, cut])
        #expect(cutResult.status == 65 && cutResult.stderr.contains("Nothing was written"), "\(cutResult.stderr)")
        let bomb = directory.path("bomb.xlsx")
        let built = try CommandRunner.run(
            "/usr/bin/env",
            [
                "python3", "-c",
                """
                import sys, zipfile
                with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
                    z.writestr("xl/worksheets/sheet1.xml", b"<" * (300 * 1024 * 1024))
                """, bomb,
            ], timeout: 120)
        #expect(built.status == 0, "\(built.stderr)")
        let bombResult = try osaka.run(["survey", "import", Self.survey, bomb])
        #expect(bombResult.status == 65, "\(bombResult.stderr)")
        #expect(try stored("M01") == "2000000", "every refusal left the answers as they were")

        // Submitted: a form cannot change the answers either.
        for row in ["jido_teate", "kaigo_nintei"] {
            #expect(
                try osaka.run(["survey", "answer", Self.survey, "T01", "done", "--row", row, "--column", "status"])
                    .status == 0)
        }
        #expect(try osaka.run(["survey", "submit", Self.survey]).status == 0)
        let afterSubmit = directory.path("after.xlsx")
        try Self.edit(form, afterSubmit, #"cell("\#(Self.sheet)", "N01").value = 3"#)
        let locked = try osaka.run(["survey", "import", Self.survey, afterSubmit])
        #expect(locked.status == 65 && locked.stderr.contains("提出済み"), "\(locked.stderr)")
    }
}
