import CommandLineSupport
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
        let current = try store.submissionStatus(surveyID, municipality: code)
        if current.isSubmitted {
            let when = current.at.map { JapanTime.text($0) } ?? ""
            print(
                json
                    ? Self.stateJSON(surveyID, code, current).canonicalText
                    : "\(surveyID) は \(when) に提出済みです（\(current.user ?? "")）。変更するにはアドバイザーに差戻しを依頼してください。\n"
                        + "Already submitted; ask the advisor to return it to change answers.")
            return
        }
        let report = try store.surveyAnswers(survey, municipality: code).check(against: survey)
        guard report.errorCount == 0 else {
            for finding in report.findings where finding.severity == "error" {
                Terminal.printError("  [error] \(finding.japanese)\n          \(finding.english)")
            }
            throw CommandFailure(
                "回答にエラーが \(report.errorCount) 件あるため提出できません。上の項目を直してからもう一度提出してください。\n"
                    + "\(report.errorCount) error(s) found: fix them, then submit again. Nothing was submitted.",
                status: .dataError)
        }
        let key = try SurveyRecords.submissionKey(survey: surveyID, municipality: code)
        let scope = try Scope(validating: code)
        try store.permittedWrite(
            Submission(state: .submitted).json, to: key, scope: scope, user: try store.setting(.user) ?? "")
        let written = try store.submissionStatus(surveyID, municipality: code)
        if json {
            print(Self.stateJSON(surveyID, code, written).canonicalText)
            return
        }
        print(
            "\(surveyID) を提出しました（必須項目 \(report.answeredCount)/\(report.requiredCount)）。次の `renkei sync` で県に届きます。\n"
                + "Submitted; it reaches the prefecture at the next `renkei sync`. The answers are read-only until the advisor returns them."
        )
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
            throw UsageError("--comment is required: say what the municipality should fix (差戻しの理由)")
        }
        let code = try Self.municipalityCode(codeText)
        let store = try home.open()
        _ = try store.survey(surveyID)
        let current = try store.submissionStatus(surveyID, municipality: code.rawValue)
        guard current.isSubmitted else {
            throw CommandFailure(
                "\(SurveyRecords.name(of: code.rawValue)) (\(code.rawValue)) の \(surveyID) は \(current.japaneseLabel) で、差し戻せるのは提出済みだけです（同期して最新の状態を確かめてください）。\n"
                    + "Only a submitted survey can be returned; this one is \(Submission.englishLabel(current.state)).",
                status: .dataError)
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
        print(
            "\(SurveyRecords.name(of: code.rawValue)) (\(code.rawValue)) の \(surveyID) を差し戻しました。次の `renkei sync` で団体に届きます。\n"
                + "Returned with your comment; the municipality sees it after the next sync."
        )
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
