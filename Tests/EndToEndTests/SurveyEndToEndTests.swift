import Foundation
import Models
import TestSupport
import Testing

/// Surveys with the real binaries: the advisor publishes the example survey, municipalities
/// answer offline, bad answers are refused with reasons, and every replica ends with the same data.
@Suite(.serialized) struct SurveyEndToEndTests {
    static let survey = "osaka-muni-dx-survey-example"

    static var examplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/questionnaire_example.json").standardized.path
    }

    @Test func publishAnswerAndConverge() throws {
        let directory = try TemporaryDirectory()
        let server = try ServerProcess(dataDirectory: directory.path("server"))
        let advisor = try CLIReplica(directory, "advisor", scope: "shared", user: "advisor", server: server)
        let tanaka = try CLIReplica(directory, "tanaka", scope: "271004", user: "tanaka", server: server)
        let suzuki = try CLIReplica(directory, "suzuki", scope: "271004", user: "suzuki", server: server)
        let sakai = try CLIReplica(directory, "sakai", scope: "271403", user: "sato", server: server)

        #expect(try tanaka.run(["survey", "publish", Self.examplePath]).status == 77, "municipalities do not publish")
        let published = try advisor.run(["survey", "publish", Self.examplePath])
        #expect(published.status == 0, "\(published.stderr)")
        _ = try advisor.sync()
        for replica in [tanaka, suzuki, sakai] { _ = try replica.sync() }
        #expect(try tanaka.run(["survey", "list"]).stdout.contains("令和7年度（2025年度）"))

        func answer(_ replica: CLIReplica, _ arguments: [String]) throws -> CommandRunner.Result {
            try replica.run(["survey", "answer", Self.survey] + arguments)
        }
        // Offline answers; two staff of Osaka City fill different columns of the same table row.
        #expect(try answer(tanaka, ["B07", "12"]).status == 0)
        #expect(try answer(tanaka, ["B01", "はい"]).status == 0)
        #expect(try answer(tanaka, ["D01", "株式会社サンプル", "--row", "r1", "--column", "vendor_name"]).status == 0)
        #expect(try answer(suzuki, ["D01", "koseki", "--row", "r1", "--column", "category"]).status == 0)
        #expect(
            try answer(suzuki, ["D01", "120,000,000", "--row", "r1", "--column", "contract_amount_total"]).status == 0)
        #expect(try answer(sakai, ["B06", "担当部署なし"]).status == 0, "a label is accepted for its code")

        let refused = try answer(tanaka, ["B07", "-1"])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("B07: 0 以上 2000 以下の整数を入力してください"))
        #expect(refused.stderr.contains("B07: enter a whole number from 0 to 2000"))
        #expect(try answer(tanaka, ["B12", "none,managers"]).status == 65)
        #expect(try answer(tanaka, ["ZZ9", "1"]).status == 65)
        #expect(try answer(advisor, ["B07", "1"]).status == 77, "the advisor's replica holds no municipality answers")

        for _ in 0..<2 {
            for replica in [tanaka, suzuki, sakai, advisor] { _ = try replica.sync() }
        }
        #expect(try tanaka.dump() == (try suzuki.dump()), "both Osaka City replicas hold the same answers")
        #expect(try tanaka.dump() == (try advisor.dump(readableBy: "271004")))
        #expect(try sakai.dump() == (try advisor.dump(readableBy: "271403")))
        #expect(
            try tanaka.run(["status", "--json"]).stdout.contains(#""conflicts":0"#), "different columns never conflict")

        let shown = try JSONValue(
            parsing: try suzuki.run(["survey", "show", Self.survey, "--json"]).stdout.trimmingCharacters(in: .newlines))
        guard case .array(let items) = shown else { Issue.record("show --json is not an array"); return }
        let b07 = items.first { $0["item"] == "B07" }
        #expect(b07?["answer"] == 12 && b07?["missing"] == false)
        #expect(items.first { $0["item"] == "A02" }?["missing"] == true)
        let table = items.first { $0["item"] == "D01" }?["answer"]
        #expect(table?["r1"]?["vendor_name"] == "株式会社サンプル" && table?["r1"]?["category"] == "koseki")
        #expect(try suzuki.run(["survey", "show", Self.survey]).stdout.contains("はい (yes)"))

        // The whole-survey check: B01 = はい makes B02 required; completion counts required items.
        let check = try JSONValue(
            parsing: try tanaka.run(["survey", "check", Self.survey, "--json"]).stdout.trimmingCharacters(in: .newlines)
        )
        guard case .array(let findings)? = check["findings"], case .integer(let percent)? = check["completion_percent"]
        else {
            Issue.record("check --json: \(check)")
            return
        }
        #expect(findings.contains { $0["path"] == "B02" })
        #expect(findings.contains { $0["path"] == "D01.r1.contract_start" }, "a required column of a started row")
        #expect(percent > 0 && percent < 100)
        #expect(try tanaka.run(["survey", "check", Self.survey]).stdout.contains("required items answered"))

        // Removing a table row clears every column; the row no longer counts.
        #expect(try tanaka.run(["survey", "remove-row", Self.survey, "D01", "r1"]).status == 0)
        #expect(try tanaka.run(["survey", "remove-row", Self.survey, "D01", "r9"]).status == 65)
        let after = try tanaka.run(["survey", "check", Self.survey, "--json"]).stdout
        #expect(!after.contains("D01.r1"))
    }
}
