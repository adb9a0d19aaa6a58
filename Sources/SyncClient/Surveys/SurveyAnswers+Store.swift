import Models
import Reports
import SyncStorage

extension SurveyAnswers {
    /// The answers of municipality `code` to `survey` that this replica holds.
    init(survey: Questionnaire, municipality code: String, store: ReplicaStore) throws {
        let registers = try store.registers(in: "answers", recordPrefix: "\(survey.surveyID)/\(code)/")
        self.init(survey: survey, municipality: code, registers: registers)
    }
}
