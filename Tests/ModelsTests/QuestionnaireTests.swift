import Foundation
import Models
import Testing

@Suite struct QuestionnaireTests {
    static func exampleBytes() throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/questionnaire_example.json").standardized
        return Array(try Data(contentsOf: url))
    }

    static func example() throws -> JSONValue { try JSONValue(parsing: exampleBytes()) }

    @Test func theExampleSurveyParses() throws {
        let survey = try Questionnaire(parsing: Self.exampleBytes())
        #expect(survey.surveyID == "osaka-muni-dx-survey-example")
        #expect(survey.fiscalYear == 2025)
        #expect(survey.sections.count == 9)
        #expect(survey.items.count == 50)
        guard case .multiChoice(_, let exclusive)? = survey.item("B12")?.kind else { Issue.record("B12"); return }
        #expect(exclusive.contains("none"))
        guard case .table(let columns, let rowKey)? = survey.item("D01")?.kind else { Issue.record("D01"); return }
        #expect(rowKey == "category" && columns.count == 10)
        #expect(survey.item("A01")?.checksMunicipalityCode == true)
        #expect(survey.codelists["osaka_municipalities"] == .external(source: "osaka_municipalities.csv", key: "code"))
        #expect(survey.crossItemRules.count == 6)
        // Toward the national survey: the 26 子育て・介護 procedures and the 20 標準化対象業務
        // (the same codes as D01's) as fixed-row tables, and the FY2018 baseline in 千円.
        #expect(survey.item("C09")?.fixedRows?.count == 26)
        guard case .singleChoice(let gyomu) = columns[0].kind else { Issue.record("D01.category"); return }
        #expect(survey.item("D03")?.fixedRows?.map(\.code) == gyomu.map(\.code).filter { $0 != "other" })
        #expect(survey.item("D04")?.moneyFactor == 1_000)
    }

    /// A survey of `count` text items, each shown only when the last one says "a" (every
    /// condition refers to one item: reading them once searched the whole list per condition).
    static func conditionalSurvey(items count: Int, id: String = "big") -> JSONValue {
        var items: [JSONValue] = (1..<count).map { index in
            [
                "id": .string("i\(index)"), "label": "l", "type": "text",
                "visible_if": ["item": "z", "equals": "a"],
            ]
        }
        items.append(["id": "z", "label": "z", "type": "text"])
        return [
            "survey_id": .string(id), "title": "t", "sections": [["id": "S", "title": "s", "items": .array(items)]],
        ]
    }

    /// A survey has at most `Questionnaire.maxItems` items and a table at most
    /// `QuestionnaireItem.maxColumns` columns: past them the schema is refused where the first
    /// one too many stands (a seventh outside review published 26,000 items and every submission
    /// to it held the write lock for 8.8 s). At the bounds it parses.
    @Test func surveysAndTablesAreBoundedInSize() throws {
        let atBound = try Questionnaire(json: Self.conditionalSurvey(items: Questionnaire.maxItems))
        #expect(atBound.items.count == Questionnaire.maxItems)
        #expect {
            try Questionnaire(json: Self.conditionalSurvey(items: Questionnaire.maxItems + 1))
        } throws: { error in
            guard case ModelError.invalidField(let path, let reason) = error else { return false }
            return path == "sections[0].items[\(Questionnaire.maxItems)]"
                && reason.contains("\(Questionnaire.maxItems)")
        }
        func table(columns: Int) -> JSONValue {
            let columns: [JSONValue] = (0..<columns).map { ["id": .string("c\($0)"), "label": "c", "type": "text"] }
            let item: JSONValue = ["id": "T", "label": "t", "type": "table", "columns": .array(columns)]
            return ["survey_id": "t", "title": "t", "sections": [["id": "S", "title": "s", "items": [item]]]]
        }
        #expect(throws: Never.self) { try Questionnaire(json: table(columns: QuestionnaireItem.maxColumns)) }
        // Rules are bounded too: a second outside review made one submission's check take 9.4 s
        // with 100 sums of 3,450 parts, each the same table column.
        func withRules(_ rules: [JSONValue], tableRules: [String: JSONValue] = [:]) -> JSONValue {
            var table: [String: JSONValue] = [
                "id": "t", "label": "t", "type": "table",
                "columns": .array((0..<12).map { ["id": .string("c\($0)"), "label": "c", "type": "integer"] }),
            ]
            for (name, value) in tableRules { table[name] = value }
            let items: [JSONValue] = [.object(table), ["id": "tot", "label": "t", "type": "integer"]]
            return [
                "survey_id": "r", "title": "t", "sections": [["id": "S", "title": "s", "items": .array(items)]],
                "cross_item_rules": .array(rules),
            ]
        }
        func sum(_ id: Int, parts: [String]) -> JSONValue {
            [
                "id": .string("s\(id)"), "rule": "sum", "parts": .array(parts.map(JSONValue.string)), "total": "tot",
                "message": "m",
            ]
        }
        func refusedAt(_ survey: JSONValue) -> String? {
            do {
                _ = try Questionnaire(json: survey)
                return nil
            } catch ModelError.invalidField(let path, _) {
                return path
            } catch {
                return "\(error)"
            }
        }
        let manyParts = (0..<CrossItemRule.maxSumParts).map { "p\($0)" }
        #expect(refusedAt(withRules((0..<Questionnaire.maxCrossItemRules).map { sum($0, parts: ["t.c0"]) })) == nil)
        #expect(
            refusedAt(withRules((0...Questionnaire.maxCrossItemRules).map { sum($0, parts: ["t.c0"]) }))
                == "cross_item_rules")
        #expect(refusedAt(withRules([sum(0, parts: ["t.c0", "t.c0"])])) == "cross_item_rules[0].parts[1]")
        #expect(refusedAt(withRules([sum(0, parts: manyParts + ["p"])])) == "cross_item_rules[0].parts")
        let rowRule: JSONValue = ["left": "c0", "op": "<=", "right": "c1", "message": "m"]
        let rowRules = JSONValue.array(Array(repeating: rowRule, count: QuestionnaireItem.maxTableRules + 1))
        #expect(refusedAt(withRules([], tableRules: ["row_rules": rowRules])) == "sections[0].items[0].row_rules")
        let wide: JSONValue = [
            "rule": "unique", "columns": .array((0...QuestionnaireItem.maxUniqueColumns).map { .string("c\($0)") }),
            "message": "m",
        ]
        #expect(
            refusedAt(withRules([], tableRules: ["table_rules": [wide]]))
                == "sections[0].items[0].table_rules[0].columns")
        let repeated: JSONValue = ["rule": "unique", "columns": ["c0", "c0"], "message": "m"]
        #expect(
            refusedAt(withRules([], tableRules: ["table_rules": [repeated]]))
                == "sections[0].items[0].table_rules[0].columns")
        #expect {
            try Questionnaire(json: table(columns: QuestionnaireItem.maxColumns + 1))
        } throws: { error in
            guard case ModelError.invalidField(let path, _) = error else { return false }
            return path == "sections[0].items[0].columns"
        }
    }

    /// Applies `edit` to the example document and expects the schema refused at `path`.
    func expectRefused(at path: String, _ edit: (inout [String: JSONValue]) -> Void) throws {
        guard case .object(var document) = try Self.example() else { return }
        edit(&document)
        #expect {
            try Questionnaire(json: .object(document))
        } throws: { error in
            guard case ModelError.invalidField(let found, _) = error else { return false }
            return found == path
        }
    }

    /// Edits item `index` of section `section` (a JSON object).
    func editItem(
        _ document: inout [String: JSONValue], section: Int, item: Int, _ edit: (inout [String: JSONValue]) -> Void
    ) {
        guard case .array(var sections) = document["sections"], case .object(var sectionObject) = sections[section],
            case .array(var items) = sectionObject["items"], case .object(var itemObject) = items[item]
        else { return }
        edit(&itemObject)
        items[item] = .object(itemObject)
        sectionObject["items"] = .array(items)
        sections[section] = .object(sectionObject)
        document["sections"] = .array(sections)
    }

    @Test func invalidSchemasAreRefusedWithThePathOfTheOffendingPart() throws {
        try expectRefused(at: "sections[0].items[1].type") {
            editItem(&$0, section: 0, item: 1) { $0["type"] = "number" }
        }
        try expectRefused(at: "sections[0].items[1].requird") {
            editItem(&$0, section: 0, item: 1) { $0["requird"] = true }
        }
        try expectRefused(at: "sections[0].items[2].id") { editItem(&$0, section: 0, item: 2) { $0["id"] = "A01" } }
        try expectRefused(at: "sections[1].items[0].choices[0].value") {
            editItem(&$0, section: 1, item: 0) { $0["choices"] = [["value": "Yes", "label": "はい"]] }
        }
        try expectRefused(at: "sections[1].items[5].choices[1].value") {
            editItem(&$0, section: 1, item: 5) {
                $0["choices"] = [["value": "a", "label": "A"], ["value": "a", "label": "B"]]
            }
        }
        try expectRefused(at: "sections[1].items[6].min") {
            editItem(&$0, section: 1, item: 6) {
                $0["min"] = 10; $0["max"] = 5
            }
        }
        try expectRefused(at: "sections[1].items[1].visible_if") {
            editItem(&$0, section: 1, item: 1) { $0["visible_if"] = ["item": "Z99", "equals": "yes"] }
        }
        try expectRefused(at: "sections[0].items[0].pattern") {
            editItem(&$0, section: 0, item: 0) { $0["pattern"] = "([" }
        }
        try expectRefused(at: "sections[0].items[0].validators[0]") {
            editItem(&$0, section: 0, item: 0) { $0["validators"] = ["no_such_check"] }
        }
        try expectRefused(at: "cross_item_rules[0]") { document in
            document["cross_item_rules"] = [
                ["id": "X", "rule": "compare", "left": "B08", "op": "<=", "right": "Q9", "message": "m"]
            ]
        }
        try expectRefused(at: "cross_item_rules[0].op") { document in
            document["cross_item_rules"] = [
                ["id": "X", "rule": "compare", "left": "B08", "op": "=<", "right": "B07", "message": "m"]
            ]
        }
        try expectRefused(at: "sections") { $0["sections"] = [] }
        // D01 is item 0 of section 3 (D): a row rule naming a column the table does not have.
        try expectRefused(at: "sections[3].items[0].row_rules[0]") {
            editItem(&$0, section: 3, item: 0) {
                $0["row_rules"] = [
                    ["rule": "compare", "left": "end", "op": ">=", "right": "contract_start", "message": "m"]
                ]
            }
        }
    }

    @Test func answersAreCheckedAgainstTheTypeWithReasonsInJapaneseAndEnglish() throws {
        let survey = try Questionnaire(parsing: Self.exampleBytes())
        let staff = try #require(survey.item("B07"))  // integer 0...2000 人
        #expect(staff.check(.integer(12)) == nil)
        let negative = try #require(staff.check(.integer(-1)))
        #expect(negative.japanese == "B07: 0 以上 2000 以下の整数を入力してください")
        #expect(negative.english == "B07: enter a whole number from 0 to 2000")
        #expect(staff.check(.double(1.5)) != nil && staff.check("12") != nil)
        #expect(staff.check(.null) == nil, "unanswered is not a type error")

        let code = try #require(survey.item("A01"))
        #expect(code.check("271004", externalCodes: ["osaka_municipalities": ["271004"]]) == nil)
        #expect(code.check("271005")?.english == "A01: the municipality code's check digit is wrong")
        #expect(code.check("131016", externalCodes: ["osaka_municipalities": ["271004"]]) != nil, "pattern ^27")
        #expect(
            code.check("272027", externalCodes: ["osaka_municipalities": ["271004"]])?.english
                == "A01: not in the list osaka_municipalities")

        let date = try #require(survey.item("A03"))
        #expect(date.check("2025-04-01") == nil)
        for bad in ["2025-02-29", "2025-13-01", "2025/04/01", "令和7年4月1日"] {
            #expect(date.check(.string(bad)) != nil, "\(bad)")
        }
        #expect(date.check("2024-02-29") == nil)

        let training = try #require(survey.item("B12"))  // multi_choice with exclusive none
        #expect(training.check(["managers", "specialist"]) == nil)
        #expect(training.check(["none", "managers"])?.japanese == "B12: 「none」は他の選択肢と同時に選べません")
        #expect(training.check(["managers", "managers"]) != nil && training.check(["unknown"]) != nil)

        #expect(try #require(survey.item("B01")).check("yes") == nil, "yes/no items with choices store the code")
        #expect(try #require(survey.item("B01")).check(true) != nil && survey.item("B01")?.check("maybe") != nil)
        #expect(try #require(survey.item("B06")).check("dedicated") == nil)
        #expect(try #require(survey.item("B06")).check("other") != nil)
        #expect(try #require(survey.item("G03")).check(.integer(1_200_000)) == nil)
        #expect(try #require(survey.item("A02")).check(.string(String(repeating: "課", count: 61))) != nil)
    }

    @Test func tableRowsAreCheckedColumnByColumn() throws {
        let survey = try Questionnaire(parsing: Self.exampleBytes())
        let systems = try #require(survey.item("D01"))
        let row: JSONValue = [
            "category": "koseki", "vendor_name": "株式会社サンプル", "contract_start": "2024-04-01",
            "contract_end": "2029-03-31", "contract_amount_total": 120_000_000,
        ]
        #expect(systems.check(["row1": row]) == nil)
        var badAmount = row
        if case .object(var cells) = badAmount { cells["contract_amount_total"] = -5; badAmount = .object(cells) }
        #expect(systems.check(["row1": badAmount])?.path == "D01.row1.contract_amount_total")
        #expect(systems.check(["row1": ["colour": "red"]])?.english == "D01.row1: the table has no column colour")
        #expect(systems.check(["row1", "row2"]) != nil)
    }
}
