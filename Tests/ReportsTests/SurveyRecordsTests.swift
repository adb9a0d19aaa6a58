import Foundation
import Models
import Reports
import Testing

/// `SurveyRecords`: the one reading of survey registers that the client and the server share.
/// Which sibling a table shows depends on the versions alone (never on the order they were merged
/// in, nor on their wall-clock times); a conflicted answer shows every sibling; the rows are the
/// built-in Osaka list plus every scope that answered; the code lists come from one place.
struct SurveyRecordsTests {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/data/questionnaire_example.json").standardized

    /// The example survey's JSON with its title replaced.
    static func schema(title: String) throws -> JSONValue {
        guard case .object(var members) = try JSONValue(parsing: Array(try Data(contentsOf: example))) else {
            throw ModelError.invalidField(path: "", reason: "the example is not an object")
        }
        members["title"] = .string(title)
        return .object(members)
    }

    /// A version written by replica `writer` alone (so versions of different writers are
    /// concurrent), at `at` Unix milliseconds.
    static func version(_ value: JSONValue, by writer: UInt64, at: Int64) throws -> Version {
        let replica = ReplicaID(high: writer, low: writer)
        return Version(
            vector: try VersionVector(validating: [(replica, UInt64(1))]), value: value, author: replica, user: "u",
            at: at)
    }

    /// Every order of `elements`.
    static func permutations<T>(_ elements: [T]) -> [[T]] {
        guard elements.count > 1 else { return [elements] }
        return elements.indices.flatMap { index in
            var rest = elements
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }

    @Test func theShownSiblingIsTheFirstInVectorOrderWhateverTheMergeOrderOrTheClock() throws {
        // The canonically first writer (replica 1) wrote first by the clock; replica 3 wrote last,
        // and replica 2 at the same millisecond as replica 3: the clock would pick 2 or 3.
        let versions = [
            try Self.version(try Self.schema(title: "一"), by: 3, at: 2_000),
            try Self.version(try Self.schema(title: "二"), by: 2, at: 2_000),
            try Self.version(try Self.schema(title: "三"), by: 1, at: 1_000),
        ]
        var shownTitles: Set<String> = []
        for order in Self.permutations(versions) {
            let register = Register(merging: order)
            #expect(register.isConflicted && register.versions.count == 3)
            let shown = try #require(SurveyRecords.shown(register))
            #expect(shown == register.versions.first)
            #expect(shown.author == ReplicaID(high: 1, low: 1), "the first in vector order, not the newest")
            shownTitles.insert(try #require(try SurveyRecords.survey(from: register)).title)
        }
        #expect(shownTitles == ["三"], "every merge order shows the same schema")
        #expect(SurveyRecords.shown(Register()) == nil)
    }

    @Test func aSurveyWhoseShownVersionIsADeletionIsWithdrawn() throws {
        let withdrawn = Register(merging: [try Self.version(.null, by: 1, at: 2), try Self.version("x", by: 2, at: 3)])
        #expect(try SurveyRecords.survey(from: withdrawn) == nil)
        #expect(try SurveyRecords.survey(from: Register()) == nil)
        let published = Register(merging: [try Self.version(try Self.schema(title: "題"), by: 1, at: 1)])
        #expect(try SurveyRecords.survey(from: published)?.title == "題")
    }

    @Test func aConflictedAnswerShowsEverySiblingSortedWhateverTheMergeOrder() throws {
        let survey = try Questionnaire(json: try Self.schema(title: "題"))
        let key = try SurveyRecords.answerKey(
            AnswerRecord(survey: survey.surveyID, municipality: "271004", item: "B07"), field: "value")
        let cell = try SurveyRecords.answerKey(
            AnswerRecord(survey: survey.surveyID, municipality: "271004", item: "D01", row: "r1"),
            field: "vendor_name")
        let start = try SurveyRecords.answerKey(
            AnswerRecord(survey: survey.surveyID, municipality: "271004", item: "D01", row: "r1"),
            field: "contract_start")
        let scope = try Scope(validating: "271004")
        let siblings = [try Self.version(14, by: 1, at: 5), try Self.version(13, by: 2, at: 5)]
        let names = [try Self.version("A社", by: 1, at: 5), try Self.version("B社", by: 2, at: 9)]
        var shown: [[ReportTable]] = []
        for (order, cellOrder) in zip(Self.permutations(siblings), Self.permutations(names)) {
            let registers = [
                (key: key, scope: scope, register: Register(merging: order)),
                (key: cell, scope: scope, register: Register(merging: cellOrder)),
                // A row is shown while one of its cells holds a single value.
                (key: start, scope: scope, register: Register(merging: [try Self.version("2024-04-01", by: 1, at: 5)])),
            ]
            let tables = SurveyReport.tables(survey, SurveyRecords.municipalities(survey, answers: registers))
            let osaka = try #require(tables[0].rows.first { $0.first == .text("271004") })
            let b07 = try #require(tables[0].columns.firstIndex { $0.hasPrefix("B07 ") })
            #expect(osaka[b07] == .text(SurveyReport.conflictMark + "13 / 14"))
            let d01 = try #require(tables.first { $0.name.hasPrefix("D01 ") })
            #expect(d01.rows.count == 1 && d01.rows[0].contains(.text(SurveyReport.conflictMark)))
            shown.append(tables)
        }
        #expect(shown.count == 2 && shown.allSatisfy { $0 == shown[0] }, "the same tables whatever the merge order")
    }

    @Test func theRowsAreTheOsakaMunicipalitiesPlusEveryScopeThatAnswered() throws {
        let survey = try Questionnaire(json: try Self.schema(title: "題"))
        func answer(_ code: String, scope: String, _ value: JSONValue) throws -> (
            key: RecordKey, scope: Scope, register: Register
        ) {
            let record = AnswerRecord(survey: survey.surveyID, municipality: code, item: "B07")
            return (
                try SurveyRecords.answerKey(record, field: "value"), try Scope(validating: scope),
                Register(merging: [try Self.version(value, by: 1, at: 1)])
            )
        }
        let registers = [
            try answer("131016", scope: "131016", 5),  // Chiyoda, Tokyo: outside the built-in list
            try answer("132012", scope: "271004", 6),  // names another municipality than its scope
            try answer("132021", scope: "shared", 7),  // in the shared scope
            try answer("271004", scope: "271004", 8),
        ]
        let rows = SurveyRecords.municipalities(survey, answers: registers)
        #expect(rows.count == 44)
        #expect(rows.map(\.code) == rows.map(\.code).sorted())
        #expect(rows.map(\.code) == (OsakaMunicipalities.codes + ["131016"]).sorted())
        let chiyoda = try #require(rows.first { $0.code == "131016" })
        #expect(chiyoda.name == "131016", "named by its code outside the built-in list")
        #expect(chiyoda.answers.values["B07"] == 5)
        let osaka = try #require(rows.first { $0.code == "271004" })
        #expect(osaka.name == "大阪市" && osaka.answers.values["B07"] == 8, "the squatting answer counts for nobody")
        #expect(SurveyRecords.municipalities().map(\.code) == OsakaMunicipalities.codes)
        #expect(SurveyRecords.municipalities(adding: ["271004", "131016", "131016"]).count == 44)
    }

    @Test func theCodeListsAreTheBuiltInOnesTheSurveyDeclares() throws {
        let survey = try Questionnaire(json: try Self.schema(title: "題"))
        #expect(SurveyRecords.codelists(for: survey) == ["osaka_municipalities": Set(OsakaMunicipalities.codes)])
        let plain = try Questionnaire(
            json: [
                "survey_id": "s", "title": "題",
                "sections": [["id": "A", "title": "A", "items": [["id": "A01", "label": "x", "type": "text"]]]],
            ])
        #expect(SurveyRecords.codelists(for: plain).isEmpty)
    }

    @Test func recordsAreTheAnswersLayout() throws {
        #expect(SurveyRecords.answerPrefix(survey: "s") == "s/")
        #expect(SurveyRecords.answerPrefix(survey: "s", municipality: "271004") == "s/271004/")
        let row = AnswerRecord(survey: "s", municipality: "271004", item: "D01", row: "r1")
        #expect(
            try SurveyRecords.answerKey(row, field: "vendor_name").description == "answers/s/271004/D01/r1#vendor_name")
        #expect(SurveyRecords.answer(record: "s/271004/D01/r1", scope: "271004", survey: "s") == row)
        #expect(SurveyRecords.answer(record: "s/271004/D01/r1", scope: "271403", survey: "s") == nil)
        #expect(SurveyRecords.answer(record: "s/shared/B07", scope: "shared", survey: "s") == nil)
        #expect(SurveyRecords.answer(record: "t/271004/B07", scope: "271004", survey: "s") == nil)
        #expect(SurveyRecords.answer(record: "s/271004/D01/r1/x", scope: "271004", survey: "s") == nil)
    }
}
