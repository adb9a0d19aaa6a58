import CommandLineSupport
import Localization
import Models
import Reports
import SyncStorage

/// `renkei survey submit` and `renkei survey return`: the survey lifecycle (`Submission`).
extension SurveyCommand {
    // MARK: - submit

    /// Marks this municipality's answers as submitted (提出済), when `survey check` finds no
    /// error; they are read-only until the advisor returns them.
    func submit(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let (store, surveyID, survey, code) = try surveyTarget(&arguments)
        let report: SurveyCheck.Report
        let written: SubmissionStatus
        switch try SurveySubmission.submit(survey, municipality: code, in: store) {
        case .alreadySubmitted(let current):
            let when = current.at.map { JapanTime.marked($0) } ?? ""
            let values: [String: Any] = ["survey": surveyID, "when": when, "user": current.user ?? ""]
            print(
                json
                    ? Self.stateJSON(surveyID, code, current).canonicalText
                    : localized("survey.submit.already", values))
            return
        case .refused(let report):
            for finding in report.findings where finding.severity == "error" {
                Terminal.printError("  [error] \(finding.japanese)\n          \(finding.english)")
            }
            throw CommandFailure(localized("survey.submit.errors", ["count": report.errorCount]), status: .dataError)
        case .submitted(let checked, let status):
            report = checked
            written = status
        }
        if json {
            print(Self.stateJSON(surveyID, code, written).canonicalText)
            return
        }
        let counts: [String: Any] = [
            "survey": surveyID, "answered": report.answeredCount, "required": report.requiredCount,
        ]
        print(localized("survey.submitted", counts))
    }

    // MARK: - return

    /// Returns a municipality's submission (差戻し) with a comment: the advisor's.
    func returnSubmission(_ arguments: inout ArgumentList) throws {
        let json = arguments.flag(ClientOptions.json)
        let comment = try arguments.option(ClientOptions.comment)
        let surveyID = try arguments.positional("<survey>")
        let codeText = try arguments.positional("<municipality>")
        try arguments.finish()
        guard let comment, !comment.allSatisfy(\.isWhitespace) else {
            throw UsageError(localized("survey.return.comment.required"))
        }
        let code = try Self.municipalityCode(codeText)
        let store = try home.open()
        _ = try store.survey(surveyID)
        let current = try store.submissionStatus(surveyID, municipality: code.rawValue)
        guard current.isSubmitted else {
            let values: [String: Any] = [
                "name": SurveyRecords.name(of: code.rawValue), "code": code.rawValue, "survey": surveyID,
                "label": current.japaneseLabel, "state": Submission.englishLabel(current.state),
            ]
            throw CommandFailure(localized("survey.return.not.submitted", values), status: .dataError)
        }
        let key = try SurveyRecords.submissionKey(survey: surveyID, municipality: code.rawValue)
        try store.permittedWrite(
            Submission(state: .returned, comment: comment).json, to: key, scope: .municipality(code),
            user: try store.setting(.user) ?? "")
        let written = try store.submissionStatus(surveyID, municipality: code.rawValue)
        if json {
            print(Self.stateJSON(surveyID, code.rawValue, written).canonicalText)
            return
        }
        let returned: [String: Any] = [
            "name": SurveyRecords.name(of: code.rawValue), "code": code.rawValue, "survey": surveyID,
        ]
        print(localized("survey.returned", returned))
    }

    /// A municipality code typed by a person, checked (six digits, check digit).
    static func municipalityCode(_ text: String) throws -> MunicipalityCode {
        do { return try MunicipalityCode(validating: text) } catch {
            throw CommandFailure("\(error)", status: .dataError)
        }
    }

    /// `{"survey":…,"municipality":…,"state":"submitted","at":…,"user":…,"comment":…}`.
    static func stateJSON(_ survey: String, _ code: String, _ status: SubmissionStatus) -> JSONValue {
        var members: [String: JSONValue] = [
            "survey": .string(survey), "municipality": .string(code),
            "state": .string(Submission.englishLabel(status.state)), "label": .string(status.japaneseLabel),
        ]
        if let at = status.at { members["at"] = .string(JapanTime.text(at)) }
        if let user = status.user { members["user"] = .string(user) }
        if let comment = status.comment { members["comment"] = .string(comment) }
        return .object(members)
    }
}
