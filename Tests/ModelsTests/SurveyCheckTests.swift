import Models
import Testing

@Suite struct SurveyCheckTests {
    @Test func conditionalRequirementsAndCrossItemRules() throws {
        let survey = try Questionnaire(parsing: QuestionnaireTests.exampleBytes())
        let empty = SurveyCheck.run(survey, answers: [:], tables: [:])
        #expect(empty.answeredCount == 0 && empty.requiredCount > 10 && empty.completion == 0)

        var answers: [String: JSONValue] = ["B01": "yes", "B06": "none", "B07": 1, "B08": 5]
        let report = SurveyCheck.run(survey, answers: answers, tables: [:])
        let paths = report.findings.map(\.path)
        #expect(paths.contains("B02"), "B01 = yes makes B02 required")
        #expect(report.findings.first { $0.path == "X01" }?.severity == "warning", "B08 <= B07 is broken")
        #expect(paths.contains("X02"), "no department implies 0 staff")
        #expect(!paths.contains("B04"), "B04 is hidden while B03 is unanswered")

        answers["B01"] = "no"
        answers["B07"] = 0
        answers["B08"] = 0
        let fixed = SurveyCheck.run(survey, answers: answers, tables: [:])
        #expect(!fixed.findings.map(\.path).contains("B02") && !fixed.findings.map(\.path).contains("X01"))
        #expect(fixed.answeredCount > report.answeredCount - 1)
    }

    @Test func typeErrorsAndTableCellsAreReported() throws {
        let survey = try Questionnaire(parsing: QuestionnaireTests.exampleBytes())
        let tables: [String: [String: [String: JSONValue]]] = [
            "D01": ["r1": ["category": "koseki", "contract_amount_total": -1]]
        ]
        let report = SurveyCheck.run(survey, answers: ["B07": "many"], tables: tables, conflicted: ["A02"])
        let paths = Set(report.findings.map(\.path))
        #expect(
            paths.isSuperset(of: [
                "B07", "A02", "D01.r1.contract_amount_total", "D01.r1.vendor_name", "D01.r1.contract_start",
            ]))
        #expect(report.errorCount >= 5)
    }
}

@Suite struct TableRuleTests {
    @Test func rowRulesAndUniqueRowsAreChecked() throws {
        let survey = try Questionnaire(parsing: QuestionnaireTests.exampleBytes())
        let good: [String: JSONValue] = [
            "category": "koseki", "vendor_name": "A社", "contract_start": "2024-04-01", "contract_end": "2029-03-31",
            "contract_amount_total": 500, "contract_amount_annual": 100,
        ]
        var backwards = good
        backwards["contract_end"] = "2023-03-31"
        var tooMuch = good
        tooMuch["contract_amount_annual"] = 900
        let report = SurveyCheck.run(
            survey, answers: [:], tables: ["D01": ["r1": good, "r2": backwards, "r3": tooMuch, "r4": good]])
        let d01 = report.findings.filter { $0.path.hasPrefix("D01.") }
        #expect(d01.contains { $0.path == "D01.r2" && $0.japanese.contains("契約終了日は開始日以降") })
        #expect(d01.contains { $0.path == "D01.r3" && $0.japanese.contains("年額は契約総額以下") })
        #expect(d01.contains { $0.path == "D01.r4" && $0.english.contains("as row r1") }, "r4 repeats r1")
        #expect(!d01.contains { $0.path == "D01.r1" })
        // X04: a contract that ended before the reference date (2025-04-01) is flagged as info.
        #expect(survey.referenceDate == "2025-04-01")
        #expect(d01.contains { $0.path == "D01.r2" && $0.severity == "info" })
    }
}
