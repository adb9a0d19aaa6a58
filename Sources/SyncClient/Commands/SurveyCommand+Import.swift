import CommandLineSupport
import Foundation
import Localization
import Models
import Reports
import SyncStorage

extension SurveyCommand {
    // MARK: - import

    /// `survey import SURVEY FILE [--on-behalf CODE]`: a CSV (`item,row,column,value`) or an
    /// Excel 回答票 (`.xlsx`, as `survey form` wrote it), all or nothing (`AnswerImport`).
    func importAnswers(_ arguments: inout ArgumentList) throws {
        let onBehalf = try arguments.option(ClientOptions.onBehalf)
        let json = arguments.flag(ClientOptions.json)
        let surveyID = try arguments.positional("<survey>")
        let file = try arguments.positional("<file>")
        try arguments.finish()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure(localized("survey.cannot.read", ["file": file]), status: .noInput)
        }
        let store = try home.open()
        let survey = try store.survey(surveyID)
        let code = try municipality(of: store, onBehalf: onBehalf)
        let bytes = Array(data)
        let entries =
            AnswerFormReader.isWorkbook(bytes)
            ? try AnswerFormReader(survey: survey, municipality: code).entries(bytes, file: file)
            : try Self.csvEntries(bytes, file: file)
        let outcome = try AnswerImport(survey: survey, municipality: code).apply(entries, to: store, source: file)
        if json {
            let result: JSONValue = [
                "survey": .string(surveyID), "municipality": .string(code), "file": .string(file),
                "written": .integer(Int64(outcome.written)), "unchanged": .integer(Int64(outcome.unchanged)),
            ]
            print(result.canonicalText)
            return
        }
        let done: [String: Any] = [
            "file": file, "written": outcome.written, "unchanged": outcome.unchanged, "survey": surveyID, "code": code,
        ]
        print(localized("survey.import.done", done))
    }

    /// The entries of a CSV with the header `item,row,column,value` (or `item,value`).
    static func csvEntries(_ bytes: [UInt8], file: String) throws -> [AnswerImport.Entry] {
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(bytes) } catch {
            throw CommandFailure(
                localized("survey.import.csv.error", ["file": file, "error": "\(error)"]), status: .dataError)
        }
        guard let header = records.first else {
            throw CommandFailure(localized("survey.import.empty", ["file": file]), status: .dataError)
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let itemIndex = names.firstIndex(of: "item"), let valueIndex = names.firstIndex(of: "value"),
            Set(names).isSubset(of: ["item", "row", "column", "value"]), Set(names).count == names.count
        else {
            throw CommandFailure(
                localized("survey.import.header", ["file": file, "line": header.line]), status: .dataError)
        }
        let rowIndex = names.firstIndex(of: "row")
        let columnIndex = names.firstIndex(of: "column")
        var entries: [AnswerImport.Entry] = []
        var errors: [String] = []
        for record in records.dropFirst() {
            func field(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                return record.fields[index]
            }
            guard record.fields.count == names.count else {
                let counts: [String: Any] = [
                    "line": record.line, "expected": names.count, "found": record.fields.count,
                ]
                errors.append(localized("survey.import.field.count", counts))
                continue
            }
            entries.append(
                AnswerImport.Entry(
                    place: localized("survey.import.line", ["line": record.line]),
                    item: field(itemIndex).trimmingCharacters(in: .whitespaces),
                    row: field(rowIndex).trimmingCharacters(in: .whitespaces),
                    column: field(columnIndex).trimmingCharacters(in: .whitespaces), text: field(valueIndex)))
        }
        guard errors.isEmpty else {
            throw CommandFailure(
                localized("survey.import.bad.lines", ["file": file, "count": errors.count]) + "\n"
                    + errors.joined(separator: "\n"),
                status: .dataError)
        }
        return entries
    }
}
