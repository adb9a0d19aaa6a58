import CommandLineSupport
import Foundation
import Models
import Reports
import SyncStorage

/// `renkei survey form`: the Excel 回答票 (`AnswerFormWriter`).
extension SurveyCommand {
    func form(_ arguments: inout ArgumentList) throws {
        let output = try arguments.option(ClientOptions.formOutput)
        let force = arguments.flag(ClientOptions.force)
        let (store, surveyID, survey, code) = try surveyTarget(&arguments)
        let answers = try store.surveyAnswers(survey, municipality: code)
        let path = output ?? "回答票_\(surveyID)_\(code).xlsx"
        guard force || !FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(
                "\(path) があります。上書きするときは --force を付けてください / \(path) exists: add --force to overwrite it",
                status: .failure)
        }
        let bytes = AnswerFormWriter(
            survey: survey, municipality: code, answers: answers, generatedAt: UnixTime.milliseconds()
        ).bytes()
        do { try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)", status: .failure)
        }
        let status = try store.submissionStatus(surveyID, municipality: code)
        print("\(path) に回答票を書き出しました（\(SurveyRecords.name(of: code))、\(survey.items.count) 問）。")
        if status.isSubmitted { print("この調査は提出済みです。取り込めるのは差戻しの後です。") }
        print("Wrote the answer form to \(path); fill it in, then `renkei survey import \(surveyID) \(path)`.")
    }
}
