import Localization
import Models
import Reports

/// Where one answer is stored (`SurveyRecords`' layout) and which schema item checks it: `answers`
/// record `{survey}/{code}/{item}` field `value`, or for a table `{survey}/{code}/{item}/{row}`
/// with the column as field.
struct AnswerAddress {
    /// The item, or for a table the column.
    let target: QuestionnaireItem
    let key: RecordKey
    /// How problems name it: `B07`, or `D01.r1.vendor_name`.
    let path: String

    struct Problem: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// - Parameters: `row` and `column` are nil or empty for items that are not tables.
    init(survey: Questionnaire, municipality code: String, item itemID: String, row: String?, column: String?)
        throws(Problem)
    {
        let row = row.flatMap { $0.isEmpty ? nil : $0 }
        let column = column.flatMap { $0.isEmpty ? nil : $0 }
        guard let item = survey.item(itemID) else {
            throw Problem(
                message: localized("survey.no.item", ["survey": survey.surveyID, "item": Printable.quoted(itemID)]))
        }
        do {
            if case .table(let columns, _) = item.kind {
                let names = columns.map(\.id).joined(separator: ", ")
                guard let row, let column else {
                    throw Problem(message: localized("answer.address.table", ["item": itemID, "columns": names]))
                }
                guard let cell = columns.first(where: { $0.id == column }) else {
                    let values: [String: Any] = ["item": itemID, "column": Printable.quoted(column), "columns": names]
                    throw Problem(message: localized("answer.address.no.column", values))
                }
                target = cell
                key = try SurveyRecords.answerKey(
                    AnswerRecord(survey: survey.surveyID, municipality: code, item: itemID, row: row), field: column)
                path = "\(itemID).\(row).\(column)"
            } else {
                guard row == nil, column == nil else {
                    throw Problem(message: localized("answer.address.not.table"))
                }
                target = item
                key = try SurveyRecords.answerKey(
                    AnswerRecord(survey: survey.surveyID, municipality: code, item: itemID), field: "value")
                path = itemID
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(message: "\(error)")
        }
    }
}
