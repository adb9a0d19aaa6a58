import Foundation
import Models
import TestSupport
import Testing

/// `renkei report progress --group-by kind --compare national` through the real CLI: the share
/// of municipalities choosing each linked answer, per kind of municipality, beside the national
/// 令和5年度 rate of the matching group, with the difference in points.
@Suite struct ComparisonReportTests {
    @Test func b01IsComparedWithTheNationalRate() throws {
        let survey = SurveyEndToEndTests.survey
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        #expect(try advisor.run(["survey", "publish", SurveyEndToEndTests.examplePath]).status == 0)
        _ = try advisor.sync()
        // 大阪市 and 堺市 (政令指定都市), 豊中市 (中核市), 島本町 (町村).
        for (code, cio) in [("271004", "はい"), ("271403", "いいえ"), ("272035", "はい"), ("273015", "はい")] {
            let replica = try CLIReplica(directory, "m\(code)", scope: code, user: "staff-\(code)", server: server)
            _ = try replica.sync()
            #expect(try replica.run(["survey", "answer", survey, "B01", cio]).status == 0)
            _ = try replica.sync()
        }
        _ = try advisor.sync()
        let result = try advisor.run([
            "report", "progress", survey, "--group-by", "kind", "--compare", "national", "--format", "md",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let section = result.stdout.components(separatedBy: "## 全国比較\n").last ?? ""
        #expect(result.stdout.contains("## 全国比較"))
        let lines = section.split(separator: "\n").map(String.init)
        func row(_ group: String) -> String {
            lines.first { $0.hasPrefix("| B01 ") && $0.contains("| はい | \(group) |") } ?? ""
        }
        // 3 of the 43 municipalities: 7.0% beside 73.3% of all municipalities nationally.
        #expect(
            row("府内全体").hasSuffix("| 3 | 43 | 7 | 市区町村（任命している） | 73.3 | -66.3 |"), "\(result.stdout)")
        #expect(row("政令指定都市").contains("| 1 | 2 | 50 | 指定都市（任命している） |"))
        #expect(row("中核市").contains("| 1 | 7 | 14.3 |"))
        #expect(row("町村").contains("| 1 | 10 | 10 | 町村（任命している） |"))
        #expect(!lines.contains { $0.hasPrefix("| B01 ") && $0.contains("| いいえ |") }, "no national answer for no")
        #expect(!lines.contains { $0.hasPrefix("| B02 ") }, "items without a national link are left out")
        // Without --compare: every choice item, by kind.
        let grouped = try advisor.run(["report", "progress", survey, "--group-by", "kind", "--format", "md"]).stdout
        #expect(
            grouped.contains("## 区分別集計")
                && grouped.contains("| B01 CIO（情報化統括責任者）を任命していますか | いいえ | 政令指定都市 | 1 | 2 | 50 |"))
        #expect(try advisor.run(["report", "progress", survey, "--compare", "prefecture"]).status == 64)
    }

    /// `renkei report compare`: last year beside this year, per item and per municipality.
    @Test func twoYearsSideBySide() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let last = SecondSurvey.id
        let this = "kinki-systems-2026"
        for (name, text) in [
            ("2025.json", SecondSurvey.json),
            ("2026.json", SecondSurvey.json.replacingOccurrences(of: last, with: this)),
        ] {
            let path = directory.path(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            #expect(try advisor.run(["survey", "publish", path]).status == 0)
        }
        _ = try advisor.sync()
        let osaka = try CLIReplica(directory, "osaka", scope: "271004", user: "tanaka", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)
        for replica in [osaka, sakai] { _ = try replica.sync() }
        for (replica, survey, item, value) in [
            (osaka, last, "M01", "1,250"), (osaka, last, "H01", "はい"), (osaka, this, "M01", "1,500"),
            (osaka, this, "H01", "いいえ"), (sakai, this, "M01", "100"),
        ] {
            #expect(try replica.run(["survey", "answer", survey, item, value]).status == 0)
        }
        for replica in [osaka, sakai, advisor] { _ = try replica.sync() }
        let result = try advisor.run(["report", "compare", last, this, "--format", "md"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = result.stdout
        #expect(report.contains("| M01 基幹系システムの年間経費（円） | 合計 | 1250000 | 1600000 | 350000 |"), "\(report)")
        #expect(report.contains("| H01 共同利用していますか | はい | 1 | 0 | -1 |"))
        #expect(report.contains("| 271004 | 大阪市 | M01 基幹系システムの年間経費（円） | 1250000 | 1500000 | +250000 |"))
        #expect(report.contains("| 271403 | 堺市 | M01 基幹系システムの年間経費（円） |  | 100000 | 新規 |"))
        #expect(report.contains("| 271004 | 大阪市 | H01 共同利用していますか | はい | いいえ | 変更 |"))
        #expect(!report.contains("| T01 "), "table items are left out")
    }
}
