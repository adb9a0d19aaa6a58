import CommandLineSupport
import Foundation
import Models
import Reports
import SyncStorage

extension SurveyCommand {
    // MARK: - import

    func importAnswers(_ arguments: inout ArgumentList) throws {
        let surveyID = try arguments.positional("<survey>")
        let file = try arguments.positional("<answers.csv>")
        try arguments.finish()
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandFailure("cannot read \(file)", status: .noInput)
        }
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(Array(data)) } catch {
            throw CommandFailure("\(file), \(error)\nNothing was written.", status: .dataError)
        }
        let store = try home.open()
        let survey = try store.survey(surveyID)
        let code = try municipality(of: store)
        let scope = Scope.municipality(try MunicipalityCode(validating: code))
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
        let codes = SurveyRecords.codelists(for: survey)
        var writes: [(key: RecordKey, scope: Scope, value: JSONValue)] = []
        var errors: [String] = []
        var seen: Set<RecordKey> = []
        for record in records.dropFirst() {
            func field(_ index: Int?) -> String {
                guard let index, index < record.fields.count else { return "" }
                return record.fields[index]
            }
            guard record.fields.count == names.count else {
                errors.append("line \(record.line): expected \(names.count) fields, found \(record.fields.count)")
                continue
            }
            let itemID = field(itemIndex).trimmingCharacters(in: .whitespaces)
            let row = field(rowIndex).trimmingCharacters(in: .whitespaces)
            let columnID = field(columnIndex).trimmingCharacters(in: .whitespaces)
            let address: AnswerAddress
            do {
                address = try AnswerAddress(
                    survey: survey, municipality: code, item: itemID, row: row, column: columnID)
            } catch {
                errors.append("line \(record.line): \(error.message)")
                continue
            }
            let (target, key) = (address.target, address.key)
            guard seen.insert(key).inserted else {
                errors.append(
                    "line \(record.line): \(itemID)\(row.isEmpty ? "" : " \(row) \(columnID)") is given twice")
                continue
            }
            let value = AnswerInput.value(field(valueIndex), for: target)
            if let problem = target.check(value, path: address.path, externalCodes: codes) {
                errors.append("line \(record.line): \(problem.japanese) / \(problem.english)")
                continue
            }
            writes.append((key, scope, value))
        }
        guard errors.isEmpty else {
            throw CommandFailure(
                "\(file) has \(errors.count) bad line(s); nothing was written:\n" + errors.joined(separator: "\n"),
                status: .dataError)
        }
        try store.permittedWriteAll(writes, user: try store.setting(.user) ?? "")
        print("Imported \(writes.count) answer(s) into \(surveyID) for \(code); they go out at the next sync.")
    }
}
