import CommandLineSupport
import Localization
import Models
import Reports
import SyncStorage

/// Surveys and their answers as this replica holds them, read the way every table reads them
/// (`SurveyRecords`), with the command-line errors `renkei survey` and `renkei report` give.
extension ReplicaStore {
    /// The survey `id` as published (`SurveyRecords.survey(from:)`).
    ///
    /// - Throws: `CommandFailure` (data error) when this replica holds no such survey, or holds
    ///   one that is not valid.
    func survey(_ id: String) throws -> Questionnaire {
        let register = try register(for: try SurveyRecords.surveyKey(id, field: "items"))
        let found: Questionnaire?
        do { found = try SurveyRecords.survey(from: register) } catch {
            throw CommandFailure(
                localized("survey.stored.invalid", ["survey": id, "error": "\(error)"]), status: .dataError)
        }
        guard let found else {
            throw CommandFailure(localized("survey.not.found", ["survey": Printable.quoted(id)]), status: .dataError)
        }
        return found
    }

    /// The answers of municipality `code` to `survey` that this replica holds.
    func surveyAnswers(_ survey: Questionnaire, municipality code: String) throws -> SurveyAnswers {
        let prefix = SurveyRecords.answerPrefix(survey: survey.surveyID, municipality: code)
        return SurveyAnswers(
            survey: survey, municipality: code,
            registers: try registers(in: SurveyRecords.answers, recordPrefix: prefix))
    }

    /// Every municipality's answers to `survey`, one per row of a report
    /// (`SurveyRecords.municipalities(_:answers:)`).
    func surveyMunicipalities(_ survey: Questionnaire) throws -> [SurveyReport.Municipality] {
        let prefix = SurveyRecords.answerPrefix(survey: survey.surveyID)
        return SurveyRecords.municipalities(
            survey, answers: try registers(in: SurveyRecords.answers, recordPrefix: prefix),
            submissions: try registers(in: CollectionName.submissions, recordPrefix: prefix))
    }

    /// Where municipality `code` stands with `survey` as this replica holds it.
    func submissionStatus(_ survey: String, municipality code: String) throws -> SubmissionStatus {
        SubmissionStatus(
            register: try register(for: try SurveyRecords.submissionKey(survey: survey, municipality: code)))
    }

    /// The surveys this replica holds that are not closed, valid ones only, in id order.
    func openSurveys() throws -> [Questionnaire] {
        try registers(in: SurveyRecords.surveys).compactMap { key, _, register -> Questionnaire? in
            guard key.field == "items", let survey = try? SurveyRecords.survey(from: register) else { return nil }
            let status = try self.register(for: SurveyRecords.surveyKey(key.record, field: "status"))
            return SurveyRecords.shown(status)?.value == .string("closed") ? nil : survey
        }
    }
}
