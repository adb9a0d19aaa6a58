import Foundation
import Models
import Reports
import Testing

/// Reports take the municipality from a register's scope, never from its record id: an answer
/// that names Sakai City in its record but lives in Osaka City's scope (written before the
/// server checked record ids) counts for nobody.
struct AnswerScopeTests {
    static func survey() throws -> Questionnaire {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Examples/data/questionnaire_example.json").standardized.path
        return try Questionnaire(parsing: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test func anAnswerIsCountedOnlyForTheMunicipalityOfItsScope() throws {
        let survey = try Self.survey()
        let replica = ReplicaID(high: 7, low: 7)
        func register(_ value: JSONValue) throws -> Register {
            Register(
                merging: [
                    Version(
                        vector: try VersionVector(validating: [(replica, UInt64(1))]), value: value, author: replica,
                        user: "x", at: 1_763_884_800_000)
                ])
        }
        let key = try RecordKey(validating: "answers", record: "\(survey.surveyID)/271403/B07", field: "value")
        let squatted = [(key: key, scope: try Scope(validating: "271004"), register: try register(999))]
        #expect(SurveyAnswers(survey: survey, municipality: "271403", registers: squatted).values.isEmpty)
        #expect(SurveyAnswers(survey: survey, municipality: "271004", registers: squatted).values.isEmpty)
        let own = [(key: key, scope: try Scope(validating: "271403"), register: try register(5))]
        #expect(SurveyAnswers(survey: survey, municipality: "271403", registers: own).values["B07"] == 5)
    }
}
