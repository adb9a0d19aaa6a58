import Foundation
import Models
import TestSupport
import Testing

/// `renkei report survey` on the advisor's replica after a survey round: every format, the
/// XLSX read back cell by cell, and CP932 refusing what it cannot hold.
@Suite(.serialized) struct ReportEndToEndTests {
    struct Round {
        let directory: TemporaryDirectory
        let server: ServerProcess
        let advisor: CLIReplica
    }

    /// The example survey published; Osaka City (two staff, one unresolved conflict on B07 and a
    /// table row), Sakai and Toyonaka answer; everyone syncs.
    static func round() throws -> Round {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
        let toyonaka = try CLIReplica(directory, "toyonaka", scope: "272035", user: "ito", server: server)
        func ok(_ replica: CLIReplica, _ arguments: [String]) throws {
            let result = try replica.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        try ok(advisor, ["survey", "publish", SurveyEndToEndTests.examplePath])
        for replica in [advisor, tanaka, suzuki, sakai, toyonaka] { _ = try replica.sync() }
        try ok(tanaka, ["survey", "answer", survey, "B07", "12"])
        try ok(tanaka, ["survey", "answer", survey, "D01", "株式会社サンプル", "--row", "r1", "--column", "vendor_name"])
        try ok(tanaka, ["survey", "answer", survey, "D01", "2024-04-01", "--row", "r1", "--column", "contract_start"])
        try ok(
            tanaka,
            ["survey", "answer", survey, "D01", "1,200,000", "--row", "r1", "--column", "contract_amount_total"])
        try ok(sakai, ["survey", "answer", survey, "B01", "いいえ"])
        try ok(toyonaka, ["survey", "answer", survey, "B06", "dedicated"])
        try ok(toyonaka, ["survey", "answer", survey, "B07", "3"])
        for replica in [tanaka, sakai, toyonaka, suzuki] { _ = try replica.sync() }
        try ok(tanaka, ["survey", "answer", survey, "B07", "13"])
        try ok(suzuki, ["survey", "answer", survey, "B07", "14"])
        for replica in [tanaka, suzuki, advisor] { _ = try replica.sync() }
        return Round(directory: directory, server: server, advisor: advisor)
    }

    @Test func theSurveyReportHasEveryMunicipalityInEveryFormat() throws {
        let round = try Self.round()
        let survey = SurveyEndToEndTests.survey
        let advisor = round.advisor
        let csvPath = round.directory.path("調査結果.csv")
        let written = try advisor.run(["report", "survey", survey, "-o", csvPath])
        #expect(written.status == 0, "\(written.stderr)")
        let csvData = try Data(contentsOf: URL(fileURLWithPath: csvPath))
        #expect(csvData.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with BOM")
        let csv = String(decoding: csvData.dropFirst(3), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 44, "a header and all 43 municipalities")
        #expect(lines[0].hasPrefix("団体コード,団体名,状態,A01 "))
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func cell(_ code: String, _ item: String) -> String? {
            guard let column = header.firstIndex(where: { $0.hasPrefix(item + " ") }),
                let line = lines.first(where: { $0.hasPrefix(code + ",") })
            else { return nil }
            return line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[column]
        }
        #expect(cell("271004", "B07") == "【競合】13 / 14" || cell("271004", "B07") == "【競合】14 / 13")
        #expect(cell("272035", "B07") == "3")
        #expect(cell("271403", "B01") == "いいえ", "choice codes are shown as their labels")
        #expect(cell("272035", "B06")?.isEmpty == false && cell("272035", "B06") != "dedicated")
        #expect(cell("272027", "B07") == "", "no answer: empty")
        let table = try String(contentsOfFile: round.directory.path("調査結果-D01.csv"), encoding: .utf8)
        #expect(table.contains("271004,大阪市,r1,"), "one row per table row")
        #expect(table.contains("株式会社サンプル") && table.contains("2024-04-01") && table.contains("1200000"))

        // XLSX: the same cells, read back by openpyxl.
        let xlsx = round.directory.path("調査結果.xlsx")
        let made = ["SOURCE_DATE_EPOCH": "1767225600"]  // 2026-01-01 09:00 in Japan, for the export's bytes below
        #expect(
            try advisor.run(["report", "survey", survey, "--format", "xlsx", "-o", xlsx], environment: made).status == 0
        )
        let script = """
            import openpyxl, sys, json
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb[wb.sheetnames[0]]
            rows = [["" if c is None else (c.isoformat()[:10] if hasattr(c, "isoformat") else str(c)) for c in r] for r in ws.iter_rows(values_only=True)]
            t = wb[next(n for n in wb.sheetnames if n.startswith("D01"))]
            print(json.dumps({"sheets": wb.sheetnames, "rows": rows, "freeze": ws.freeze_panes,
                "table": [[None if c is None else (c.isoformat()[:10] if hasattr(c, "isoformat") else c) for c in r] for r in t.iter_rows(values_only=True)]}, ensure_ascii=False))
            """
        let read = try CommandRunner.run("/usr/bin/env", ["python3", "-c", script, xlsx])
        #expect(read.status == 0, "\(read.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any] ?? [:]
        let rows = object["rows"] as? [[String]] ?? []
        let csvRows = lines.map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        // A title block (title, survey and reference date, source, when made), a blank row, the
        // labels, the item ids under them, then exactly the CSV's rows.
        let headerIndex = try #require(rows.firstIndex { $0.first == "団体コード" })
        #expect(rows[0][0].hasPrefix("自治体DX推進にかかるアンケート調査") && rows[0][0].hasSuffix("回答"))
        #expect(rows[1][0].contains("基準日：2025-04-01") && rows[2][0].hasPrefix("出典："))
        #expect(rows[3][0] == "作成：2026-01-01 09:00", "SOURCE_DATE_EPOCH stands in for now")
        #expect(headerIndex == 5 && rows[4].allSatisfy(\.isEmpty))
        let labels = zip(rows[headerIndex + 1], rows[headerIndex]).map { id, label in
            id.isEmpty ? label : "\(id) \(label)"
        }
        #expect(labels == csvRows[0], "labels with the item ids under them: the CSV's headers")
        #expect(!rows[headerIndex].contains { $0.hasPrefix("B07 ") }, "the label row shows labels, not ids")
        #expect(
            Array(rows[(headerIndex + 2)...]) == Array(csvRows.dropFirst()), "the XLSX holds exactly the CSV's cells")
        #expect(object["freeze"] as? String == "C\(headerIndex + 3)", "code and name stay in view, as do the headers")
        let tableRows = object["table"] as? [[Any?]] ?? []
        let tableHeader = try #require(tableRows.firstIndex { $0.first as? String == "団体コード" })
        #expect(tableRows.count == tableHeader + 3, "labels, ids and one table row")
        let dateColumn = (tableRows[tableHeader + 1] as? [String?])?.firstIndex { $0 == "contract_start" }
        #expect(dateColumn != nil)
        if let dateColumn {
            #expect(tableRows[tableHeader + 2][dateColumn] as? String == "2024-04-01", "a real date")
        }

        // The server's export for staff without a client: the same table, byte for byte.
        let exported = round.directory.path("export.csv")
        let export = try CommandRunner.run(
            "renkei-server",
            [
                "admin", "export", "survey", survey, "--format", "csv", "-o", exported, "--data",
                round.server.dataDirectory,
            ])
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: exported)) == csvData)
        let exportedXLSX = round.directory.path("export.xlsx")
        #expect(
            try CommandRunner.run(
                "renkei-server",
                ["admin", "export", "survey", survey, "-o", exportedXLSX, "--data", round.server.dataDirectory],
                environment: made
            ).status == 0)
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: exportedXLSX))
                == (try Data(contentsOf: URL(fileURLWithPath: xlsx))))

        // JSON and Markdown.
        let json = try advisor.run(["report", "survey", survey, "--format", "json"])
        let parsed = try JSONValue(parsing: json.stdout)
        let sheets = (object["sheets"] as? [String])?.count ?? 0
        #expect(json.status == 0 && sheets >= 2 && parsed["tables"]?.count == sheets, "one table per sheet")
        let markdown = try advisor.run(["report", "survey", survey, "--format", "md"]).stdout
        #expect(markdown.hasPrefix("# ") && markdown.contains("| 271004 | 大阪市 |"))
    }

    @Test func cp932FailsLoudlyAndWritesNothing() throws {
        let round = try Self.round()
        let survey = SurveyEndToEndTests.survey
        let cp932 = round.directory.path("cp932.csv")
        let good = try round.advisor.run(["report", "survey", survey, "-o", cp932, "--encoding", "cp932"])
        #expect(good.status == 0, "\(good.stderr)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cp932))
        #expect(!bytes.starts(with: [0xEF, 0xBB, 0xBF]) && bytes.starts(with: [0x92, 0x63]), "団 in CP932")

        let tanaka = try CLIReplica(round.directory, "tanaka2", scope: "271004", user: "tanaka", server: round.server)
        _ = try tanaka.sync()
        #expect(
            try tanaka.run(["survey", "answer", survey, "D01", "𠮷野システム", "--row", "r2", "--column", "vendor_name"])
                .status == 0)
        _ = try tanaka.sync()
        _ = try round.advisor.sync()
        let refused = round.directory.path("refused.csv")
        let result = try round.advisor.run(["report", "survey", survey, "-o", refused, "--encoding", "cp932"])
        #expect(result.status == 65 && result.stderr.contains("CP932 cannot hold \"𠮷\""), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: refused), "nothing was written")
    }

    @Test func progressShowsWhoIsDoneAndHowThePrefectureAnswered() throws {
        let round = try Self.round()
        let result = try round.advisor.run(["report", "progress", SurveyEndToEndTests.survey, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONValue(parsing: result.stdout)
        guard case .array(let tables)? = report["tables"], tables.count == 3,
            case .array(let rows)? = tables[0]["rows"], case .array(let counts)? = tables[1]["rows"]
        else {
            Issue.record("unexpected report: \(result.stdout.prefix(300))")
            return
        }
        #expect(rows.count == 43)
        func cells(_ value: JSONValue) -> [JSONValue] {
            if case .array(let elements) = value { return elements }
            return []
        }
        func row(_ code: String) -> [JSONValue] {
            rows.map(cells).first { $0.first == .string(code) } ?? []
        }
        #expect(row("271004")[7] == 1, "Osaka City has one open conflict")
        #expect(row("272027")[8] == "未回答" && Double(row("272027")[3].canonicalText) == 0)
        #expect(row("272027")[2] == "回答中", "nothing submitted")
        if case .double(let share) = row("271403")[3] { #expect(share > 0 && share < 100) }
        let cio = counts.map(cells).filter { $0.first?.canonicalText.contains("B01 ") == true }
        #expect(cio.contains { $0[1] == "いいえ" && $0[2] == 1 && $0[3] == .double(2.3) }, "1 of 43 = 2.3%")
        #expect(cio.contains { $0[1] == "未回答" && $0[2] == 42 })
    }

    @Test func theFAQGroupsFlaggedItemsByFocusArea() throws {
        let round = try Self.round()
        let advisor = round.advisor
        let hearing = try advisor.run([
            "hearing", "new", "--municipality", "271403", "--date", "2025-07-01", "--place", "堺市役所",
        ]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for (question, category, faq) in [
            ("移行時期は？", "standardization", true), ("窓口の予約は？", "frontyard", true), ("内部の話", "other", false),
        ] {
            let added = try advisor.run(
                [
                    "hearing", "item", "add", hearing, "--question", question, "--answer", "回答|改行\nあり", "--category",
                    category,
                ]
                    + (faq ? ["--faq"] : []))
            #expect(added.status == 0, "\(added.stderr)")
        }
        let markdown = try advisor.run(["report", "faq"]).stdout
        #expect(markdown.hasPrefix("# ヒアリング FAQ"))
        let front = markdown.range(of: "## 自治体フロントヤード改革")
        let standard = markdown.range(of: "## 情報システムの標準化・共通化")
        #expect(front != nil && standard != nil && front!.lowerBound < standard!.lowerBound, "the plan's order")
        #expect(markdown.contains("### Q. 移行時期は？") && markdown.contains("（堺市・2025-07-01）"))
        #expect(markdown.contains("回答\\|改行<br>あり"), "no cell can break the Markdown")
        #expect(!markdown.contains("内部の話"), "only items flagged FAQ")
        let csv = try advisor.run(["report", "faq", "--format", "csv"]).stdout
        #expect(csv.contains("271403,堺市,2025-07-01") && csv.components(separatedBy: "\r\n").count == 4)
    }
}
