import Foundation
import Models
import TestSupport
import Testing

/// `renkei report systems` on the example survey through the real CLI: contract ends per 業務
/// and fiscal year with the municipalities, vendor shares, cost per 業務, per municipality and
/// per inhabitant (populations of 令和2年国勢調査), and 標準化 migration per 業務.
@Suite struct SystemsReportTests {
    @Test func theInventoriesAreAnalysed() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        #expect(try advisor.run(["survey", "publish", SurveyEndToEndTests.examplePath]).status == 0)
        _ = try advisor.sync()
        let answers: [(code: String, csv: String)] = [
            (
                "271004",
                """
                D01,r1,category,jumin_kihon_daicho
                D01,r1,vendor_name,ベンダーA株式会社
                D01,r1,contract_end,2028-03-31
                D01,r1,contract_amount_annual,100000000
                D01,r2,category,kotei_shisanzei
                D01,r2,vendor_name,ベンダーB株式会社
                D01,r2,contract_end,2029-06-30
                D01,r2,contract_amount_annual,50000000
                """
            ),
            (
                "271403",
                """
                D01,r1,category,jumin_kihon_daicho
                D01,r1,vendor_name, ベンダーA株式会社 
                D01,r1,contract_end,2027-12-31
                D01,r1,contract_amount_annual,30000000
                """
            ),
            (
                "272027",
                """
                D01,r1,category,jumin_kihon_daicho
                D01,r1,vendor_name,ベンダーC株式会社
                D01,r1,contract_end,2028-04-01
                D01,r1,contract_amount_annual,10000000
                D03,jumin_kihon_daicho,migration_month,2026-01
                D03,jumin_kihon_daicho,difficult,yes
                D03,kotei_shisanzei,migration_month,2026-04
                """
            ),
        ]
        for (code, csv) in answers {
            let replica = try CLIReplica(directory, "m\(code)", scope: code, user: "staff-\(code)", server: server)
            _ = try replica.sync()
            let file = directory.path("\(code).csv")
            try Data(("item,row,column,value\n" + csv + "\n").utf8).write(to: URL(fileURLWithPath: file))
            let imported = try replica.run(["survey", "import", survey, file])
            #expect(imported.status == 0, "\(imported.stderr)")
            _ = try replica.sync()
        }
        _ = try advisor.sync()
        let result = try advisor.run(["report", "systems", survey, "--format", "md"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = result.stdout
        func row(_ table: String, _ first: String) -> String {
            guard let start = report.range(of: "## \(table)\n") else { return "" }
            let rest = report[start.upperBound...]
            let section = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
            return section.split(separator: "\n").first { $0.hasPrefix("| \(first) |") }.map(String.init) ?? ""
        }
        // Contracts end in fiscal years (April-March): 2027-12-31 and 2028-03-31 in 令和9年度.
        let calendar = row("D01 契約満了年度", "住民基本台帳")
        #expect(calendar == "| 住民基本台帳 | 2（大阪市、堺市） | 1（岸和田市） |  |  |", "\(report)")
        #expect(report.contains("| 業務 | 令和9年度（2027年度） | 令和10年度（2028年度） | 令和11年度（2029年度） | 満了年度の回答なし |"))
        #expect(row("D01 契約満了年度", "固定資産税") == "| 固定資産税 |  |  | 1（大阪市） |  |")
        // Vendors, trimmed, per 業務: A holds 2 of the 3 municipalities answering 住民基本台帳.
        #expect(row("D01 ベンダー", "住民基本台帳").hasPrefix("| 住民基本台帳 | ベンダーA株式会社 | 2 | 66.7 | 大阪市、堺市 |"))
        // Cost per 業務: 140,000,000 yen a year over 3,769,231 inhabitants.
        #expect(
            row("D01 費用（業務別）", "住民基本台帳") == "| 住民基本台帳 | 3 | 3 | 140000000 | 46666666 | 37.1 |  |",
            "\(report)")
        // Cost per municipality: Osaka City 150,000,000 yen a year, 54.5 yen per inhabitant.
        #expect(row("費用（団体別）", "271004") == "| 271004 | 大阪市 | 政令指定都市 | 2752412 | 2 | 150000000 | 54.5 |  |")
        #expect(row("費用（団体別）", "272043") == "| 272043 | 池田市 | その他の市 | 104993 | 0 |  |  |  |")
        // 標準化: when each 業務 migrates and who expects difficulty.
        let migration = row("D03 標準化移行（業務別）", "住民基本台帳")
        #expect(migration == "| 住民基本台帳 | 1 | 令和7年度（2025年度）: 1 | 1 | 岸和田市 |", "\(report)")
        #expect(row("D03 標準化移行（業務別）", "固定資産税") == "| 固定資産税 | 1 | 令和8年度（2026年度）: 1 | 0 |  |")
        // Grouped by kind of municipality: 岸和田市 (施行時特例市) counts among その他の市.
        let grouped = try advisor.run(["report", "systems", survey, "--group-by", "kind", "--format", "md"]).stdout
        #expect(grouped.contains("| 政令指定都市 | 2 | 3578573 | 3 | 180000000 | 50.3 |"), "\(grouped)")
        #expect(grouped.contains("| その他の市 | 24 | "), "\(grouped)")
        #expect(grouped.contains("| 1 | 10000000 | 52.4 |"))

        // One municipality answers a contract that ended in year 1: it gets a column of its own
        // (before the survey's year) and everyone else's contracts stay in their years.
        let suita = try CLIReplica(directory, "suita", scope: "272051", user: "staff-272051", server: server)
        _ = try suita.sync()
        let outlier = directory.path("outlier.csv")
        try Data(
            "item,row,column,value\nD01,r1,category,senkyonin_meibo\nD01,r1,vendor_name,x\nD01,r1,contract_end,0001-01-01\n"
                .utf8
        ).write(to: URL(fileURLWithPath: outlier))
        #expect(try suita.run(["survey", "import", survey, outlier]).status == 0)
        _ = try suita.sync()
        _ = try advisor.sync()
        let skewed = try advisor.run(["report", "systems", survey, "--format", "md"]).stdout
        #expect(
            skewed.contains(
                "| 業務 | 令和9年度（2027年度）より前 | 令和9年度（2027年度） | 令和10年度（2028年度） | 令和11年度（2029年度） | 満了年度の回答なし |"),
            "\(skewed)")
        #expect(skewed.contains("| 住民基本台帳 |  | 2（大阪市、堺市） | 1（岸和田市） |  |  |"))
        #expect(skewed.contains(" | 1（吹田市） |  |  |  |  |"), "the year-1 contract in the column before")
        #expect(skewed.contains("| 令和9年度（2027年度）より前 | 1 | 1 |") && skewed.contains("| 令和9年度（2027年度） | 2 | 2 |"))
        let table = try advisor.run(["report", "survey", survey, "--group-by", "kind", "--format", "md"]).stdout
        let rows = table.split(separator: "\n").filter { $0.hasPrefix("| 27") }.map(String.init)
        #expect(rows.first?.hasPrefix("| 271004 | 大阪市 | 政令指定都市 |") == true, "\(rows.prefix(3))")
        #expect(rows.firstIndex { $0.contains("| 町村 |") } ?? 0 > rows.lastIndex { $0.contains("| その他の市 |") } ?? 99)

        // The same tables as an Excel workbook.
        let xlsx = directory.path("systems.xlsx")
        #expect(try advisor.run(["report", "systems", survey, "--format", "xlsx", "-o", xlsx]).status == 0)
        #expect(FileManager.default.fileExists(atPath: xlsx))
    }
}
