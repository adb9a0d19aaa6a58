import Models
import Reports
import SyncStorage

/// Submitting a municipality's answers (提出): the one rule for `renkei survey submit` and the
/// browser UI's button. Answers with an error are not submitted; submitted answers stay as
/// they are until the advisor returns them.
enum SurveySubmission {
    enum Outcome {
        /// Written now; reaches the prefecture at the next sync.
        case submitted(SurveyCheck.Report, SubmissionStatus)
        /// It already was (nothing written).
        case alreadySubmitted(SubmissionStatus)
        /// Refused: the check found errors (nothing written).
        case refused(SurveyCheck.Report)
    }

    static func submit(_ survey: Questionnaire, municipality code: String, in store: ReplicaStore) throws -> Outcome {
        let current = try store.submissionStatus(survey.surveyID, municipality: code)
        if current.isSubmitted { return .alreadySubmitted(current) }
        let report = try store.surveyAnswers(survey, municipality: code).check(against: survey)
        guard report.errorCount == 0 else { return .refused(report) }
        let key = try SurveyRecords.submissionKey(survey: survey.surveyID, municipality: code)
        try store.permittedWrite(
            Submission(state: .submitted).json, to: key, scope: try Scope(validating: code),
            user: try store.setting(.user) ?? "")
        return .submitted(report, try store.submissionStatus(survey.surveyID, municipality: code))
    }
}
