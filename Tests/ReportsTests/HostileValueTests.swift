import Foundation
import Models
import Reports
import TestSupport
import Testing

/// One malicious answer must neither crash a report nor garble it: the extremes a replica can
/// store (±1e300, 1e-300, the smallest subnormal, `Int64.max` beside `1`, `Int64.min`, huge
/// decimal strings, NaN-like strings, nested arrays where a number belongs, forged times) go
/// through the survey and progress reports in every format.
@Suite struct HostileValueTests {
    static let exampleSurvey = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/data/questionnaire_example.json").standardized

    /// The example survey without its ranges (`min`, `max`), so that the extremes of whole
    /// numbers are valid answers and reach the totals; the other extremes (doubles where integers
    /// belong, impossible dates, nested arrays) stay invalid and are shown marked.
    static func survey() throws -> Questionnaire {
        func unbounded(_ value: Any) -> Any {
            if var object = value as? [String: Any] {
                object["min"] = nil
                object["max"] = nil
                return object.mapValues(unbounded)
            }
            if let array = value as? [Any] { return array.map(unbounded) }
            return value
        }
        let example = try JSONSerialization.jsonObject(with: try Data(contentsOf: exampleSurvey))
        return try Questionnaire(parsing: Array(try JSONSerialization.data(withJSONObject: unbounded(example))))
    }

    /// `text` as a cell the survey refuses shows it.
    static func invalid(_ text: String) -> String { SurveyReport.invalidMark + text }

    /// Answers as JSON text (as `renkei put` takes them), keyed by item (`D01/r1/column` for a
    /// table cell), all written at `at` (Unix milliseconds).
    static func municipality(
        _ survey: Questionnaire, _ code: String, _ answers: [String: String], at: Int64 = 1_763_884_800_000
    ) throws -> SurveyReport.Municipality {
        let replica = ReplicaID(high: 1, low: UInt64(code) ?? 0)
        var registers: [(key: RecordKey, scope: Scope, register: Register)] = []
        let scope = try Scope(validating: code)
        for (item, json) in answers {
            let parts = item.split(separator: "/").map(String.init)
            let record = "\(survey.surveyID)/\(code)/" + parts.prefix(parts.count == 3 ? 2 : 1).joined(separator: "/")
            let key = try RecordKey(validating: "answers", record: record, field: parts.count == 3 ? parts[2] : "value")
            let version = Version(
                vector: try VersionVector(validating: [(replica, UInt64(1))]), value: try JSONValue(parsing: json),
                author: replica, user: "attacker", at: at)
            registers.append((key, scope, Register(merging: [version])))
        }
        return SurveyReport.Municipality(
            code: code, name: "団体\(code)",
            answers: SurveyAnswers(survey: survey, municipality: code, registers: registers))
    }

    /// Four municipalities answering the extremes.
    static func round() throws -> (Questionnaire, [SurveyReport.Municipality]) {
        let survey = try survey()
        let municipalities = [
            try municipality(
                survey, "271004",
                [
                    "C04": "1e300", "C05": "9223372036854775807", "G03": "9223372036854775807",
                    "B07": "123456789012345678901234567890", "A03": #""2025-02-31""#, "B09": #"[[["itaku"]],1e300]"#,
                    "B01": "[[]]", "B06": #"{"a":[1,[2]]}"#, "H01": #""<script>alert(1)</script>""#,
                    "A02": #""=HYPERLINK(\"http://evil\")""#, "D01/r1/contract_amount_total": "1e300",
                    "D01/r1/contract_start": #""+001-01-01""#,
                ], at: .max),
            try municipality(
                survey, "271403",
                [
                    "C04": "-1e300", "C05": "1", "G03": "9223372036854775807", "B07": "5e-324",
                    "A01": #""271004""#,
                ], at: .min),
            try municipality(
                survey, "272027", ["C04": "1e-300", "C05": "-9223372036854775808", "G03": "1", "B07": "-0.0"]),
            try municipality(survey, "272035", ["C04": #""NaN""#, "C05": #""Infinity""#, "B07": "[1,[2,[3]]]"]),
        ]
        return (survey, municipalities)
    }

    /// The first table's cell of a municipality under the column starting with `item`.
    static func cell(_ table: ReportTable, _ code: String, _ item: String) -> ReportCell? {
        guard let column = table.columns.firstIndex(where: { $0.hasPrefix(item + " ") || $0 == item }),
            let row = table.rows.first(where: { $0.first == .text(code) })
        else { return nil }
        return row[column]
    }

    /// Excel refuses a file with a cell over 32,767 characters: a longer answer is cut, and says so.
    @Test func textTooLongForACellIsCutWithANote() {
        let long = String(repeating: "長", count: 60_000)
        let fitted = XLSXWriter.fitted(long)
        #expect(fitted.utf16.count <= 32_767 && fitted.hasSuffix("（長すぎるため省略: 全 60000 字）"))
        #expect(XLSXWriter.fitted("短い") == "短い")
        let emoji = String(repeating: "😀", count: 20_000)  // 2 UTF-16 units each
        #expect(XLSXWriter.fitted(emoji).utf16.count <= 32_767)
    }

    @Test func theSurveyTableShowsEveryExtremeAsItsText() throws {
        let (survey, municipalities) = try Self.round()
        let tables = SurveyReport.tables(survey, municipalities)
        let main = tables[0]
        // Answers the survey refuses are shown as they are, marked, and counted nowhere.
        #expect(Self.cell(main, "271004", "C04")?.text == Self.invalid("1e+300"))
        #expect(Self.cell(main, "271403", "C04")?.text == Self.invalid("-1e+300"))
        #expect(Self.cell(main, "272027", "C04")?.text == Self.invalid("1e-300"))
        #expect(Self.cell(main, "271004", "C05") == .integer(.max), "valid without a range: a number")
        #expect(Self.cell(main, "272027", "C05") == .integer(.min))
        #expect(Self.cell(main, "271004", "B07")?.text == Self.invalid("1.2345678901234568e+29"))
        #expect(Self.cell(main, "271403", "B07")?.text == Self.invalid("5e-324"))
        #expect(Self.cell(main, "272027", "B07")?.text == Self.invalid("0"))
        #expect(Self.cell(main, "272035", "C04") == .text(Self.invalid("NaN")))
        #expect(Self.cell(main, "272035", "B07") == .text(Self.invalid("[1,[2,[3]]]")))
        #expect(Self.cell(main, "271004", "A03") == .text(Self.invalid("2025-02-31")), "no such day: kept as text")
        #expect(Self.cell(main, "271403", "A01") == .text(Self.invalid("271004")), "another municipality's code")
        #expect(Self.cell(main, "271004", "B09")?.text == Self.invalid(#"[["itaku"]]、1e+300"#))
        let d01 = try #require(tables.first { $0.name.hasPrefix("D01") })
        #expect(Self.cell(d01, "271004", "contract_amount_total")?.text == Self.invalid("1e+300"))
        #expect(Self.cell(d01, "271004", "contract_start") == .text(Self.invalid("+001-01-01")))
        try Self.everyFormat(tables)

        // XLSX: numbers Excel holds stay numbers; Int64.max (19 digits, Excel keeps 15) is text.
        let sheet = try Self.xlsxCells(tables)
        // The labels, then the item ids under them.
        let ids = sheet.dropFirst().first?.map { $0 as? String ?? "" } ?? []
        func xlsx(_ code: String, _ item: String) -> Any? {
            guard let column = ids.firstIndex(of: item),
                let row = sheet.first(where: { $0.first as? String == code })
            else { return nil }
            return row[column]
        }
        #expect(xlsx("271403", "C05") as? Double == 1)
        #expect(xlsx("271004", "C05") as? String == "9223372036854775807")
        #expect(xlsx("271004", "C04") as? String == Self.invalid("1e+300"))
        // JSON: numbers as numbers, refused answers as their marked text.
        let json = try Self.jsonRows(ReportDocument.json(title: "t", tables))[0]
        let c05 = try #require(main.columns.firstIndex { $0.hasPrefix("C05 ") })
        let c05Values = json.map { row -> JSONValue in
            guard case .array(let cells) = row else { return .null }
            return cells[c05]
        }
        #expect(c05Values == [.integer(.max), .integer(1), .integer(.min), .string(Self.invalid("Infinity"))])
    }

    @Test func progressTotalsPastInt64StayExactAndForgedTimesShowAsNumbers() throws {
        let (survey, municipalities) = try Self.round()
        let tables = ProgressReport.tables(survey, municipalities)
        let numbers = try #require(tables.first { $0.name == "数値集計" })
        func row(_ item: String) throws -> [String] {
            try #require(numbers.rows.first { $0.first?.text.hasPrefix(item + " ") == true }).map(\.text)
        }
        // Int64.max + Int64.max + 1: the total exact, past Int64; the mean as near as a Double.
        let g03 = try row("G03")
        #expect(g03[1...2] == ["3", "18446744073709551615"] && g03[4...5] == ["1", "9223372036854775807"])
        #expect(Double(g03[3]) == (Double(UInt64.max) / 3 * 10).rounded() / 10)
        // Int64.max + 1 + Int64.min: past Int64.max on the way, 0 in the end.
        #expect(try row("C05").dropFirst() == ["3", "0", "0", "-9223372036854775808", "9223372036854775807"])
        // Numbers written as doubles (1e300) are not whole numbers: not summed, nothing traps.
        #expect(try row("C04").dropFirst() == ["0", "", "", "", ""])
        let progress = tables[0]
        #expect(Self.cell(progress, "271004", "最終更新（回答）")?.text == "9223372036854775807")
        #expect(Self.cell(progress, "271403", "最終更新（回答）")?.text == "-9223372036854775808")
        #expect(Self.cell(progress, "272027", "最終更新（回答）")?.text == "2025-11-23 17:00")
        try Self.everyFormat(tables)
    }

    @Test func computedNonFiniteAndOutOfRangeCellsAreWrittenAsText() throws {
        let table = ReportTable(
            name: "極端", columns: ["a", "b", "c", "d", "e", "f", "g"],
            rows: [
                [
                    .decimal(.nan), .decimal(.infinity), .decimal(-.infinity), .bigInteger(Int128(Int64.min) - 1),
                    .integer(999_999_999_999_999), .date(year: 1900, month: 2, day: 29),
                    .date(year: 2025, month: 4, day: 1),
                ]
            ])
        #expect(table.rows[0].map(\.text).prefix(4) == ["nan", "inf", "-inf", "-9223372036854775809"])
        let expected: JSONValue = [
            "nan", "inf", "-inf", "-9223372036854775809", .integer(999_999_999_999_999), "1900-02-29", "2025-04-01",
        ]
        #expect(try Self.jsonRows(ReportDocument.json(title: "t", [table]))[0] == [expected])
        let cells = try Self.xlsxCells([table])
        #expect(cells.count == 2)
        #expect(cells[1].prefix(4).map { $0 as? String } == ["nan", "inf", "-inf", "-9223372036854775809"])
        #expect(cells[1][4] as? Int == 999_999_999_999_999)
        #expect(cells[1][5] as? String == "1900-02-29", "before 1900-03-01 Excel's day numbers are wrong: text")
        #expect(cells[1][6] as? String == "2025-04-01T00:00:00", "a real date stays a date")
    }

    /// CSV (UTF-8 and CP932), XLSX (read back by openpyxl), DOCX (read back by python-docx),
    /// JSON (parsed back) and Markdown.
    static func everyFormat(_ tables: [ReportTable]) throws {
        for table in tables {
            let csv = try CSVWriter.bytes(table, encoding: .utf8)
            #expect(csv.count > 3)
            #expect(try CSVWriter.bytes(table, encoding: .cp932).count > 0)
            let markdown = ReportDocument.markdown(title: "t", [table])
            #expect(!markdown.contains("<script"))
        }
        let rows = try jsonRows(ReportDocument.json(title: "t", tables))
        #expect(rows.map(\.count) == tables.map(\.rows.count))
        let cells = try xlsxCells(tables)
        #expect(cells.count == tables[0].rows.count + (tables[0].hasColumnIDs ? 2 : 1), "header rows and data")
        #expect(try docxRowCounts(tables) == tables.map { $0.rows.isEmpty ? 0 : $0.rows.count + 1 })
    }

    /// The number of rows of each table of the tables' Word document, as python-docx reads it
    /// (an empty table is a sentence, not a table).
    static func docxRowCounts(_ tables: [ReportTable]) throws -> [Int] {
        let directory = try TemporaryDirectory()
        let path = directory.path("report.docx")
        try Data(DOCXWriter.bytes(WordDocument(title: "t", tables: tables))).write(to: URL(fileURLWithPath: path))
        let counts = try Python.run(
            """
            import docx, sys
            print(" ".join(str(len(t.rows)) for t in docx.Document(sys.argv[1]).tables))
            """, [path])
        let found = counts.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        // Tables without rows have no Word table: put their zeros back in place.
        var iterator = found.makeIterator()
        return tables.map { $0.rows.isEmpty ? 0 : iterator.next() ?? -1 }
    }

    /// Each table's rows from a JSON report, parsed back by Renkei's strict parser.
    static func jsonRows(_ bytes: [UInt8]) throws -> [[JSONValue]] {
        guard case .object(let document) = try JSONValue(parsing: bytes), case .array(let tables)? = document["tables"]
        else { return [] }
        return tables.map { table in
            guard case .object(let members) = table, case .array(let rows)? = members["rows"] else { return [] }
            return rows
        }
    }

    /// The first sheet's rows as openpyxl reads them (dates as ISO text).
    static func xlsxCells(_ tables: [ReportTable]) throws -> [[Any?]] {
        let directory = try TemporaryDirectory()
        let path = directory.path("report.xlsx")
        try Data(XLSXWriter.bytes(tables)).write(to: URL(fileURLWithPath: path))
        let script = """
            import openpyxl, sys, json
            wb = openpyxl.load_workbook(sys.argv[1])
            for ws in wb.worksheets[1:]: list(ws.iter_rows(values_only=True))
            ws = wb.worksheets[0]
            print(json.dumps([[c.isoformat() if hasattr(c, "isoformat") else c for c in row]
                              for row in ws.iter_rows(values_only=True)], ensure_ascii=False))
            """
        let result = try CommandRunner.run("/usr/bin/env", ["python3", "-c", script, path])
        #expect(result.status == 0, "openpyxl: \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[Any?]] ?? []
    }
}
