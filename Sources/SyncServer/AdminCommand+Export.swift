import CommandLineSupport
import Foundation
import Models
import Reports
import SyncStorage

extension AdminCommand {
    /// `admin export survey SURVEY`: the same consolidated table as `renkei report survey`, for
    /// prefecture staff without a client, straight from the server database.
    static func export(_ arguments: inout ArgumentList, _ data: ServerDataDirectory) throws {
        let formatText = try arguments.option(ServerOptions.format) ?? "xlsx"
        let output = try arguments.option(ServerOptions.output)
        let encodingText = try arguments.option(ServerOptions.encoding) ?? "utf-8"
        guard let format = ReportFormat(rawValue: formatText) else {
            throw UsageError("--format must be xlsx, csv, json or md")
        }
        guard let encoding = TextEncoder(rawValue: encodingText.lowercased()) else {
            throw UsageError("--encoding must be utf-8 or cp932")
        }
        let surveyID = try arguments.positional("SURVEY")
        try arguments.finish()
        let store = try data.openStore(create: false)
        let key = try RecordKey(validating: "surveys", record: surveyID, field: "items")
        let survey: Questionnaire
        do {
            guard let found = try SurveyReport.survey(from: store.register(for: key)) else {
                throw CommandFailure("no survey \(Printable.quoted(surveyID)) on this server", status: .dataError)
            }
            survey = found
        } catch let error as ModelError {
            throw CommandFailure("the stored survey \(surveyID) is not valid: \(error)", status: .dataError)
        }
        var list = try store.access.municipalities()
        if list.isEmpty { list = OsakaMunicipalities.all.map { ($0.code, $0.name) } }
        let municipalities = try list.map { municipality in
            let registers = try store.registers(in: "answers", recordPrefix: "\(surveyID)/\(municipality.code)/")
            return SurveyReport.Municipality(
                code: municipality.code, name: municipality.name,
                answers: SurveyAnswers(
                    survey: survey, municipality: municipality.code, registers: registers)
            )
        }
        try Self.record(store.access, "admin export survey", "survey=\(surveyID) format=\(format.rawValue)")
        try ReportFiles(format: format, encoding: encoding, output: output)
            .write(title: survey.title, SurveyReport.tables(survey, municipalities))
    }
}
