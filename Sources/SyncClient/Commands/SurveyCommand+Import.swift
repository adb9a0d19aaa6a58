import CommandLineSupport
import Foundation
import Models
import Reports
import SyncStorage

extension SurveyCommand {
    // MARK: - import

    /// `survey import SURVEY FILE [--on-behalf CODE]`: a CSV (`item,row,column,value`) or an
    /// Excel 回答票 (`.xlsx`, as `survey form` wrote it), all or nothing (`AnswerImport`).
    func importAnswers(_ arguments: inout ArgumentList) throws {
        let onBehalf = try arguments.option(ClientOptions.onBehalf)
        let surveyID = try arguments.positional("<survey>")
        let file = try arguments.positional("<file>")
        try arguments.finish()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("cannot read \(file)", status: .noInput)
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
        print(
            "\(file): \(outcome.written) 件の回答を書き込みました（変更なし \(outcome.unchanged) 件）。次の `renkei sync` で送信されます。\n"
                + "Imported \(outcome.written) changed answer(s) into \(surveyID) for \(code) (\(outcome.unchanged) unchanged); they go out at the next sync."
        )
    }

    /// The entries of a CSV with the header `item,row,column,value` (or `item,value`).
    static func csvEntries(_ bytes: [UInt8], file: String) throws -> [AnswerImport.Entry] {
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(bytes) } catch {
            throw CommandFailure("\(file), \(error)\nNothing was written.", status: .dataError)
        }
        guard let header = records.first else { throw CommandFailure("\(file) is empty", status: .dataError) }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let itemIndex = names.firstIndex(of: "item"), let valueIndex = names.firstIndex(of: "value"),
            Set(names).isSubset(of: ["item", "row", "column", "value"]), Set(names).count == names.count
        else {
            throw CommandFailure(
                "\(file), line \(header.line): the header must be item,row,column,value (or item,value)",
                status: .dataError)
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
                errors.append("line \(record.line): expected \(names.count) fields, found \(record.fields.count)")
                continue
            }
            entries.append(
                AnswerImport.Entry(
                    place: "line \(record.line)", item: field(itemIndex).trimmingCharacters(in: .whitespaces),
                    row: field(rowIndex).trimmingCharacters(in: .whitespaces),
                    column: field(columnIndex).trimmingCharacters(in: .whitespaces), text: field(valueIndex)))
        }
        guard errors.isEmpty else {
            throw CommandFailure(
                "\(file) has \(errors.count) bad line(s); nothing was written:\n" + errors.joined(separator: "\n"),
                status: .dataError)
        }
        return entries
    }
}
