import Foundation
import Localization
import Models
import TestSupport
import Testing

/// The survey checks behave the same for a survey that is not the example (`SecondSurvey`):
/// inline code lists and lists under other names are enforced, an unknown external list is
/// refused at publication, and an answer to an item its condition hides is flagged.
@Suite struct SecondSurveyTests {
    let survey = try! Questionnaire(json: try! JSONValue(parsing: Array(SecondSurvey.json.utf8)))
    let osaka = "271004"

    func problem(_ item: String, _ value: JSONValue) -> AnswerProblem? {
        AnswerSchema(survey).problem(
            value, at: AnswerRecord(survey: SecondSurvey.id, municipality: osaka, item: item), field: "value")
    }

    @Test func inlineCodeListsAreEnforced() {
        #expect(problem("V01", "nec") == nil)
        #expect(problem("V01", "toshiba")?.japanese.contains("一覧（vendors）にないコードです") == true)
    }

    @Test func theOsakaListUnderAnotherNameIsEnforced() {
        #expect(problem("P01", "271403") == nil)
        #expect(problem("P01", "131016") != nil, "Tokyo's Chiyoda is not an Osaka municipality")
    }

    @Test func anExternalListRenkeiDoesNotCarryIsRefusedAtPublication() throws {
        let text = SecondSurvey.json.replacingOccurrences(
            of: #""source": "osaka_municipalities.csv""#, with: #""source": "vendors_2025.csv""#)
        #expect {
            try Questionnaire(json: try JSONValue(parsing: Array(text.utf8)))
        } throws: { error in
            "\(error)".contains("codelists.municipalities") && "\(error)".contains("vendors_2025.csv")
        }
    }

    @Test func anAnswerToAHiddenItemIsFlaggedAndNotCounted() {
        let shown = SurveyCheck.run(survey, answers: ["H01": "yes", "H02": 3], tables: [:])
        #expect(shown.findings.filter { $0.path.hasPrefix("H") }.isEmpty)
        let hidden = SurveyCheck.run(survey, answers: ["H01": "no", "H02": 3], tables: [:])
        #expect(hidden.findings.filter { $0.path.hasPrefix("H") }.map(\.severity) == ["warning"])
        #expect(hidden.findings.first { $0.path == "H02" }?.japanese.contains("H02: 表示条件により対象外") == true)
        let item = survey.items.first { $0.id == "H02" }!
        #expect(!SurveyCheck.isVisible(item, answers: ["H01": "no"], tables: [:]))
        #expect(SurveyCheck.isVisible(item, answers: ["H01": "yes"], tables: [:]))
    }

    @Test func aConditionOnAChoiceNoItemHasIsRefusedAtPublication() throws {
        let text = SecondSurvey.json.replacingOccurrences(
            of: #""visible_if": {"item": "H01", "equals": "yes"}"#,
            with: #""visible_if": {"item": "H01", "equals": "maybe"}"#)
        #expect {
            try Questionnaire(json: try JSONValue(parsing: Array(text.utf8)))
        } throws: { error in
            "\(error)".contains(localized("questionnaire.condition.impossible", ["item": "H01", "value": "maybe"]))
        }
    }

    /// `allow_other_text` adds the choice `other` (その他), so the free text that a field shown for
    /// it asks can be given (the example's D01 category_other could never be used before).
    @Test func allowOtherTextAddsTheOtherChoice() throws {
        let example = try Questionnaire(
            json: try JSONValue(parsing: Array(try String(contentsOfFile: examplePath, encoding: .utf8).utf8)))
        let table = try #require(example.items.first { $0.id == "D01" })
        guard case .table(let columns, _) = table.kind,
            case .singleChoice(let choices)? = columns.first(where: { $0.id == "category" })?.kind
        else {
            Issue.record("D01 category is not a choice column")
            return
        }
        #expect(choices.last == QuestionnaireItem.otherChoice)
        let record = AnswerRecord(survey: example.surveyID, municipality: osaka, item: "D01", row: "r1")
        let schema = AnswerSchema(example)
        #expect(schema.problem("other", at: record, field: "category") == nil)
        #expect(schema.problem("自庁開発の福祉システム", at: record, field: "category_other") == nil)
    }

    var examplePath: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/questionnaire_example.json").standardized.path
    }

    @Test func numbersMonthsAndMoneyUnitsAreCheckedAsDeclared() throws {
        #expect(problem("R01", .double(12.5)) == nil)
        #expect(problem("R01", .double(12.55))?.japanese.contains("小数点以下は 1 桁まで") == true)
        #expect(problem("R01", 101)?.japanese.contains("100 以下") == true)
        #expect(problem("R01", "12.5") != nil, "a number, not text")
        #expect(problem("K01", .double(9.99)) == nil)
        #expect(problem("K01", .double(-0.5)) != nil)
        #expect(problem("Y01", "2026-03") == nil)
        #expect(problem("Y01", "2026-13")?.japanese.contains("13月はありません") == true)
        #expect(problem("Y01", "2026-03-01") != nil, "a month, not a day")
        let item = try #require(survey.items.first { $0.id == "M01" })
        #expect(item.moneyFactor == 1_000)
        for (from, to) in [(#""unit": "千円""#, #""unit": "ドル""#), (#""scale": 2"#, #""scale": 7"#)] {
            let text = SecondSurvey.json.replacingOccurrences(of: from, with: to)
            #expect(throws: ModelError.self, "\(to)") {
                try Questionnaire(json: try JSONValue(parsing: Array(text.utf8)))
            }
        }
        #expect(DateInput.readMonth("令和元年4月") != .date("2019-04"), "令和 began in May 2019")
        #expect(DateInput.readMonth("令和元年5月") == .date("2019-05"))
        #expect(DateInput.readMonth("R8.3") == .date("2026-03"))
        #expect(DateInput.readMonth("２０２６年３月") == .date("2026-03"))
    }

    @Test func aFixedRowTableTakesOnlyItsRowsAndWantsEveryOne() throws {
        let schema = AnswerSchema(survey)
        func row(_ code: String) -> AnswerRecord {
            AnswerRecord(survey: SecondSurvey.id, municipality: osaka, item: "T01", row: code)
        }
        #expect(schema.problem("done", at: row("jido_teate"), field: "status") == nil)
        #expect(schema.problem("done", at: row("r1"), field: "status")?.japanese.contains("行は決まっています") == true)
        let partial = SurveyCheck.run(
            survey, answers: [:], tables: ["T01": ["jido_teate": ["status": "done"], "hoikusho": ["status": "none"]]])
        #expect(partial.findings.map(\.path) == ["T01.kaigo_nintei"], "\(partial.findings)")
        #expect(partial.findings.first?.japanese.contains("要介護・要支援認定の申請") == true)
    }

    @Test func sumRulesAddItemsAndTableColumns() throws {
        func sums(_ answers: [String: JSONValue], _ tables: [String: [String: [String: JSONValue]]] = [:]) -> [String] {
            SurveyCheck.run(survey, answers: answers, tables: tables).findings.filter { $0.path.hasPrefix("X") }
                .map { "\($0.path) \($0.severity)" }
        }
        #expect(sums(["N01": 10, "N02": 4, "N03": 6]).isEmpty)
        #expect(sums(["N01": 10, "N02": 4, "N03": 5]) == ["X01 error"])
        #expect(sums(["N01": 10, "N02": 10]).isEmpty, "an unanswered part counts as 0")
        #expect(sums(["N02": 4, "N03": 5]).isEmpty, "no total: nothing to compare")
        // Whole numbers add up exactly, however large (a relative tolerance let 999 yen through).
        #expect(sums(["N01": 1_000_000_000_000, "N02": 500_000_000_000, "N03": 500_000_000_999]) == ["X01 error"])
        #expect(sums(["N01": 1_000_000_000_000, "N02": 500_000_000_000, "N03": 500_000_000_000]).isEmpty)
        let contracts: [String: [String: [String: JSONValue]]] = [
            "T02": ["r1": ["cost": 1_000_000], "r2": ["cost": 250_000]]
        ]
        #expect(sums(["M01": 1_250_000], contracts).isEmpty)
        #expect(sums(["M01": 1_000_000], contracts) == ["X02 warning"])
        let finding = SurveyCheck.run(survey, answers: ["M01": 1_000_000], tables: contracts).findings.first {
            $0.path == "X02"
        }
        #expect(finding?.english.contains("T02.cost add up to 1250000, not M01 = 1000000") == true)
        let wrongColumn = SecondSurvey.json.replacingOccurrences(of: #""T02.cost""#, with: #""T02.price""#)
        #expect {
            try Questionnaire(json: try JSONValue(parsing: Array(wrongColumn.utf8)))
        } throws: { "\($0)".contains(localized("questionnaire.sum.not.column", ["part": "T02.price"])) }
    }
}
