import Foundation
import Models
import TestSupport
import Testing

/// The advisor's work log (`renkei log …`) and the monthly report built on it, through the real
/// CLI and server: a month of inquiries, a consultation, two meetings (one with its minutes
/// shared in time, one not yet) and a hearing, in Markdown, Word and Excel.
@Suite struct WorkLogTests {
    @Test func theMonthlyReportGathersTheMonthsWork() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        func ok(_ arguments: [String]) throws -> String {
            let result = try advisor.run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try ok([
            "log", "inquiry", "add", "--municipality", "島本町", "--date", "2026-06-03", "--channel", "電話", "--theme",
            "電子申請", "--question", "手数料の納付方法は？", "--answer", "決済サービスの比較表を送付", "--minutes", "30",
        ])
        _ = try ok([
            "log", "inquiry", "add", "--municipality", "271004", "--date", "令和8年6月15日", "--channel", "mail", "--theme",
            "標準化", "--question", "移行の遅れの報告様式は？", "--minutes", "45",
        ])
        _ = try ok([
            "log", "inquiry", "add", "--date", "2026-06-20", "--channel", "visit", "--theme", "電子申請", "--question",
            "府の補助制度は？", "--minutes", "20",
        ])
        _ = try ok([
            "log", "inquiry", "add", "--municipality", "271004", "--date", "2026-05-29", "--theme", "先月", "--question",
            "5月の問合せ",
        ])
        _ = try ok([
            "log", "consultation", "add", "--date", "2026-06-20", "--theme", "標準化の移行計画", "--municipalities",
            "271004,堺市、島本町", "--attendees", "14",
        ])
        let regular = try ok([
            "log", "meeting", "add", "--date", "2026-06-11", "--kind", "定例会", "--title", "6月定例会", "--attendees",
            "府 山田、アドバイザー 佐藤", "--points", "ヒアリング日程", "--decisions", "7月末までに15団体",
        ])
        _ = try ok(["log", "meeting", "edit", regular, "--minutes-shared", "2026-06-12"])
        _ = try ok(["log", "meeting", "add", "--date", "2026-06-26", "--kind", "打合せ", "--title", "FAQ の構成"])
        _ = try ok(["hearing", "new", "--municipality", "271004", "--date", "2026-06-10", "--place", "大阪市役所"])
        // Values a field cannot hold are refused before anything is written.
        for bad in [
            ["log", "inquiry", "add", "--theme", "x", "--question", "y", "--minutes", "-5"],
            ["log", "inquiry", "add", "--theme", "x", "--question", "y", "--date", "2026-02-30"],
            ["log", "inquiry", "add", "--theme", "x", "--question", "y", "--channel", "fax"],
            ["log", "consultation", "add", "--theme", "x", "--municipalities", "271005"],
        ] {
            #expect(try advisor.run(bad).status == 64, "\(bad)")
        }
        #expect(try ok(["log", "inquiry", "list", "--month", "2026-06"]).split(separator: "\n").count == 3)
        let meeting = try ok(["log", "meeting", "show", regular])
        #expect(meeting.contains("議事録: 議事録 2026-06-12 共有（期限 2026-06-15）"), "\(meeting)")
        _ = try advisor.sync()

        let markdown = try ok(["report", "monthly", "2026-06", "--format", "md"])
        #expect(markdown.hasPrefix("# 市町村DX推進アドバイザー業務 月次報告（令和8年6月）"), "\(markdown.prefix(200))")
        #expect(markdown.contains("提出期限：2026-07-10"))
        #expect(markdown.contains("| 問合せ | 3 | 対応時間 計 95 分 |"), "\(markdown)")
        #expect(markdown.contains("| 相談会 | 1 | 参加 14 人・3 団体 |"))
        #expect(markdown.contains("| 会議 | 2 | 議事録 2 件中 1 件が期限内に共有、1 件未共有 |"))
        #expect(markdown.contains("| 電子申請 | 2 | 50 |") && markdown.contains("| 標準化 | 1 | 45 |"))
        #expect(markdown.contains("| 273015 | 島本町 | 1 | 電子申請 |") && markdown.contains("|  | 府・その他 | 1 | 電子申請 |"))
        #expect(markdown.contains("| 2026年6月11日 | 定例会 | 6月定例会 | 府 山田、アドバイザー 佐藤 | 2026年6月15日 | 2026年6月12日 | ○ |"))
        #expect(markdown.contains("| 2026年6月26日 | 打合せ | FAQ の構成 |  | 2026年6月30日 |  | 未共有 |"))
        #expect(markdown.contains("| 2026年6月10日 | 271004 | 大阪市 | 政令指定都市 |"))
        #expect(markdown.contains("| うち期間内に実施 | 1 |") && !markdown.contains("5月の問合せ"))

        let word = directory.path("月次報告.docx")
        _ = try ok(["report", "monthly", "令和8年6月", "-o", word])
        let text = try Python.run(
            """
            import docx, sys
            d = docx.Document(sys.argv[1])
            print("\\n".join("%s|%s" % (p.style.name, p.text) for p in d.paragraphs))
            print("tables", len(d.tables))
            """, [word])
        #expect(text.contains("Title|市町村DX推進アドバイザー業務 月次報告（令和8年6月）"), "\(text)")
        #expect(text.contains("Heading 1|会議") && text.contains("Heading 3|2026-06-11 定例会 6月定例会"))
        #expect(text.contains("Normal|決定事項：7月末までに15団体"))
        let pdf = try OfficeRendering.pdf(of: word, in: directory)
        #expect(try OfficeRendering.pageCount(pdf) >= 2)
        try OfficeRendering.keep([word, pdf] + OfficeRendering.pages(of: pdf))
        let workbook = directory.path("月次報告.xlsx")
        _ = try ok(["report", "monthly", "2026-06", "--format", "xlsx", "-o", workbook])
        let sheets = try Python.run(
            "import openpyxl, sys; print(openpyxl.load_workbook(sys.argv[1]).sheetnames)", [workbook])
        #expect(sheets.contains("'会議'") && sheets.contains("'計画に対する進捗'"), "\(sheets)")
        #expect(try advisor.run(["report", "monthly", "6月"]).status == 64)
    }

    /// Municipal staff do not write the advisor's log, and read only their own municipality's
    /// inquiries.
    @Test func staffReadTheirOwnInquiriesOnly() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
        for (code, question) in [("271004", "大阪市の質問"), ("271403", "堺市の質問")] {
            #expect(
                try advisor.run([
                    "log", "inquiry", "add", "--municipality", code, "--theme", "t", "--question", question,
                ]).status == 0)
        }
        _ = try advisor.sync()
        _ = try osaka.sync()
        _ = try sakai.sync()
        let seen = try osaka.run(["log", "inquiry", "list"]).stdout
        #expect(seen.contains("大阪市の質問") && !seen.contains("堺市の質問"), "\(seen)")
        let written = try osaka.run([
            "log", "inquiry", "add", "--municipality", "271004", "--theme", "t", "--question", "q",
        ])
        #expect(written.status == 77, "\(written.stderr)")
        #expect(try osaka.run(["log", "meeting", "add", "--title", "偽の定例会"]).status == 77)
        _ = try osaka.sync()
        _ = try advisor.sync()
        #expect(!(try advisor.run(["log", "meeting", "list"]).stdout.contains("偽の定例会")))
    }
}
