import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncStorage

/// `renkei survey form`: the Excel 回答票 (`AnswerFormWriter`).
extension SurveyCommand {
    func form(_ arguments: inout ArgumentList) throws {
        let output = try arguments.option(ClientOptions.formOutput)
        let force = arguments.flag(ClientOptions.force)
        let json = arguments.flag(ClientOptions.json)
        let (store, surveyID, survey, code) = try surveyTarget(&arguments)
        let answers = try store.surveyAnswers(survey, municipality: code)
        let path = output ?? "回答票_\(surveyID)_\(code).xlsx"
        guard force || !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(localized("survey.form.exists", ["path": path]), status: .failure)
        }
        let bytes = AnswerFormWriter(
            survey: survey, municipality: code, answers: answers, generatedAt: UnixTime.milliseconds()
        ).bytes()
        do { try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CommandFailure(
                localized("survey.form.cannot.write", ["path": path, "reason": error.localizedDescription]),
                status: .failure)
        }
        let status = try store.submissionStatus(surveyID, municipality: code)
        if json {
            let result: JSONValue = [
                "path": .string(path), "survey": .string(surveyID), "municipality": .string(code),
                "items": .integer(Int64(survey.items.count)), "submitted": .bool(status.isSubmitted),
            ]
            print(result.canonicalText)
            return
        }
        // Already Japanese in both languages: a submitted survey takes no import until it is returned.
        let submitted = status.isSubmitted ? "\nこの調査は提出済みです。取り込めるのは差戻しの後です。" : ""
        let written: [String: Any] = [
            "path": path, "name": SurveyRecords.name(of: code), "count": survey.items.count, "survey": surveyID,
            "submitted": submitted,
        ]
        print(localized("survey.form.written", written))
    }
}
