import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncStorage

extension AdminCommand {
    /// `admin export survey SURVEY`: the same consolidated table as `renkei report survey`, for
    /// prefecture staff without a client, straight from the server database.
    static func export(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let formatText = try arguments.option(ServerOptions.format) ?? "xlsx"
        let output = try arguments.option(ReportOptions.output)
        let encodingText = try arguments.option(ReportOptions.encoding) ?? "utf-8"
        guard let format = ReportFormat(rawValue: formatText) else {
            throw UsageError(localized("admin.export.format.invalid", ["formats": ReportFormat.listed]))
        }
        guard let encoding = TextEncoder(rawValue: encodingText.lowercased()) else {
            throw UsageError(localized("admin.export.encoding.invalid"))
        }
        let surveyID = try arguments.positional("SURVEY")
        try arguments.finish()
        let files = ReportFiles(format: format, encoding: encoding, output: output)
        if files.writesBinaryToStandardOutput && Terminal.outputIsTerminal {
            let values = ["format": files.format.rawValue.uppercased(), "extension": files.format.rawValue]
            throw UsageError(localized("admin.export.not.for.terminal", values))
        }
        let store = try data.openStore(create: false)
        let register = try store.register(for: try SurveyRecords.surveyKey(surveyID, field: "items"))
        let found: Questionnaire?
        do { found = try SurveyRecords.survey(from: register) } catch {
            throw CommandFailure(
                localized("admin.export.survey.invalid", ["survey": surveyID, "error": error]), status: .dataError)
        }
        guard let survey = found else {
            throw CommandFailure(
                localized("admin.export.survey.missing", ["survey": Printable.quoted(surveyID)]), status: .dataError)
        }
        // The rows `renkei report survey` has, whatever municipalities are registered here.
        let registers = try store.registers(
            in: SurveyRecords.answers, recordPrefix: SurveyRecords.answerPrefix(survey: surveyID))
        let submissions = try store.registers(
            in: CollectionName.submissions, recordPrefix: SurveyRecords.answerPrefix(survey: surveyID))
        let municipalities = SurveyRecords.municipalities(survey, answers: registers, submissions: submissions)
        try Self.record(store.access, "admin export survey", "survey=\(surveyID) format=\(format.rawValue)")
        do {
            try files.write(
                title: survey.title, SurveyReport.tables(survey, municipalities), about: SurveyReport.about(survey))
        } catch {
            // Text the encoding asked for cannot hold is bad data (65), as in `renkei report`.
            guard case .unencodable = error else { throw error }
            throw CommandFailure(error.description, status: .dataError)
        }
    }
}
