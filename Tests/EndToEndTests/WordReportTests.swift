import Foundation
import Models
import TestSupport
import Testing

/// The Word deliverables (`report faq --format docx`, `report analysis`) through the real CLI,
/// read back by python-docx as Word would see them, and converted by LibreOffice to PDF pages.
/// `RENKEI_KEEP_RENDERINGS=DIR` keeps the files and page images there to look at.
@Suite struct WordReportTests {
    /// Reads `path` with python-docx: one line per paragraph (`style|text`), then one line per
    /// table row (`T<n>|cell|cell…`), the first section's orientation and whether the styles
    /// number the level-1 headings and the first row of each table repeats.
    static func read(_ path: String) throws -> [String] {
        try Python.run(
            """
            import sys, docx
            d = docx.Document(sys.argv[1])
            for p in d.paragraphs:
                print("P|%s|%s" % (p.style.name, p.text.replace("\\n", "/")))
            for n, t in enumerate(d.tables):
                header = t.rows[0]._tr.trPr is not None and t.rows[0]._tr.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
                print("H%d|%s" % (n, header))
                for r in t.rows:
                    print("T%d|%s" % (n, "|".join(c.text for c in r.cells)))
            s = d.sections[0]
            footer = s.footer.paragraphs[0]._p.xml
            print("S|%s|%s" % ("landscape" if s.page_width > s.page_height else "portrait", " PAGE " in footer and " NUMPAGES " in footer))
            h1 = d.styles["Heading 1"].element.pPr.numPr
            print("N|%s" % (h1 is not None))
            print("F|%s" % d.core_properties.title)
            """, [path]
        ).split(separator: "\n").map(String.init)
    }

    /// Converts `path` to PDF and page images; the number of pages.
    static func render(_ path: String, in directory: TemporaryDirectory) throws -> Int {
        let pdf = try OfficeRendering.pdf(of: path, in: directory)
        try OfficeRendering.keep([path, pdf] + OfficeRendering.pages(of: pdf))
        return try OfficeRendering.pageCount(pdf)
    }

    @Test func theFAQIsAWordDocument() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let hearing = try advisor.run([
            "hearing", "new", "--municipality", "273015", "--date", "2026-06-12", "--place", "島本町役場",
        ]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        for (question, answer, category) in [
            ("共同調達の相手は？", "近隣の町と検討中。\n来年度に協議会を設ける。", "standardization"),
            ("<script>alert(1)</script> & 電子申請", "**まず** 手数料の\u{1}納付から", "frontyard"),
        ] {
            let added = try advisor.run([
                "hearing", "item", "add", hearing, "--question", question, "--answer", answer, "--category", category,
                "--faq",
            ])
            #expect(added.status == 0, "\(added.stderr)")
        }
        let path = directory.path("FAQ.docx")
        let written = try advisor.run(["report", "faq", "--format", "docx", "-o", path])
        #expect(written.status == 0, "\(written.stderr)")
        let lines = try Self.read(path)
        #expect(lines.contains("P|Title|ヒアリング FAQ"), "\(lines)")
        #expect(lines.contains("P|Heading 3|Q. 共同調達の相手は？"))
        #expect(lines.contains("P|Normal|A. 近隣の町と検討中。/来年度に協議会を設ける。"), "line breaks stay line breaks")
        #expect(lines.contains("P|Heading 3|Q. <script>alert(1)</script> & 電子申請"), "markup is text")
        #expect(lines.contains("P|Normal|A. **まず** 手数料の\\u{1}納付から"), "a control character is shown, not sent")
        #expect(lines.contains("P|Note|（島本町・2026-06-12）"))
        #expect(lines.filter { $0.hasPrefix("P|Heading 1|") }.count == 2, "one numbered section per focus area")
        #expect(lines.contains("S|portrait|True") && lines.contains("N|True") && lines.contains("F|ヒアリング FAQ"))
        #expect(try Self.render(path, in: directory) >= 1)
        // Shared with every municipality: nothing names the municipality.
        let shared = directory.path("FAQ_共有用.docx")
        #expect(try advisor.run(["report", "faq", "--anonymize", "--format", "docx", "-o", shared]).status == 0)
        let anonymous = try Self.read(shared).joined(separator: "\n")
        #expect(anonymous.contains("（町村（人口1万〜5万人）・2026-06）") && !anonymous.contains("島本町"))
    }

    @Test func theSurveyAnalysisIsAWordDocument() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        #expect(try advisor.run(["survey", "publish", SurveyEndToEndTests.examplePath]).status == 0)
        _ = try advisor.sync()
        for (code, cio, staff) in [
            ("271004", "はい", "12"), ("271403", "いいえ", "3"), ("272035", "はい", "1,250"), ("273015", "はい", "2"),
        ] {
            let replica = try CLIReplica(directory, "m\(code)", scope: code, user: "staff-\(code)", server: server)
            _ = try replica.sync()
            #expect(try replica.run(["survey", "answer", survey, "B01", cio]).status == 0)
            #expect(try replica.run(["survey", "answer", survey, "B07", staff]).status == 0)
            _ = try replica.sync()
        }
        _ = try advisor.sync()
        let path = directory.path("分析報告書.docx")
        let written = try advisor.run(["report", "analysis", survey, "-o", path])
        #expect(written.status == 0, "\(written.stderr)")
        let lines = try Self.read(path)
        let headings = lines.filter { $0.hasPrefix("P|Heading 1|") }
        #expect(
            headings.first == "P|Heading 1|調査の概要" && headings.dropFirst().first == "P|Heading 1|回答状況", "\(headings)")
        #expect(headings.last == "P|Heading 1|全国との比較（まとめ）")
        #expect(
            lines.contains(
                "P|Normal|全国の市区町村との差が大きく下回る項目は、「CIO（情報化統括責任者）を任命していますか」の「はい」（-66.3 ポイント）です。重点的な支援の候補となります。"
            ), "only answered items are named")
        #expect(lines.contains { $0.hasPrefix("P|Heading 2|B01 CIO") })
        #expect(
            lines.contains {
                $0.hasPrefix("P|Normal|最も多い回答は「はい」で 3 団体（7%）です。未回答は 39 団体です。")
                    && $0.hasSuffix("「はい」は府内 7% で、全国の市区町村（73.3%）を 66.3 ポイント下回っています。")
            }, "\(lines.filter { $0.contains("はい") })")
        #expect(lines.contains("T0|府内全体|43|0|0|43|1.5"), "response state: nobody has submitted")
        #expect(lines.contains("T1|はい|3|7|73.3|-66.3"), "the B01 table with the national rate")
        #expect(lines.contains { $0.contains("|4|1,267|316.8|2|1,250") }, "numbers with thousands separators")
        #expect(lines.contains("H0|True") && lines.contains("S|portrait|True") && lines.contains("N|True"))
        #expect(try Self.render(path, in: directory) >= 3)
        let markdown = try advisor.run(["report", "analysis", survey, "--format", "md"])
        #expect(markdown.stdout.contains("## 2. 回答状況") && markdown.stdout.contains("| はい | 3 | 7 | 73.3 | -66.3 |"))
        #expect(try advisor.run(["report", "analysis", survey, "--format", "csv"]).status == 64)
    }
}
