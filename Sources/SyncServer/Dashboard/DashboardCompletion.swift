import Models
import Reports
import SyncStorage

/// A municipality's completion of a survey for the dashboard, from which of its answer registers
/// hold a value (`ServerStore.registerPresence`) rather than from the values: the same share as
/// `SurveyAnswers` and `SurveyCheck` give on the full registers (what a report prints), but the
/// only values read are those of items that a `visible_if` or `required_if` tests.
///
/// Memory: one municipality's record ids at a time, plus at most one value (64 KiB at most) per
/// tested item; independent of how large the other answers are.
enum DashboardCompletion {
    /// Stands for an answered item whose value no condition tests: only presence counts there.
    static let placeholder = JSONValue.bool(true)

    /// Share of required (and visible) items answered, 0...1; nil when no answer register of the
    /// survey names the municipality (the page shows 未回答).
    static func completion(of survey: Questionnaire, municipality code: String, store: ServerStore) throws -> Double? {
        let prefix = SurveyRecords.answerPrefix(survey: survey.surveyID, municipality: code)
        let registers = try store.registerPresence(in: SurveyRecords.answers, recordPrefix: prefix)
        guard !registers.isEmpty else { return nil }
        // As `SurveyAnswers`: the municipality is the scope (`SurveyRecords.answer`); record
        // `{item}` (field `value`) or `{item}/{row}` (one field per column); a conflicted register
        // gives no value; a table row counts when one of its cells holds a value.
        var values: [String: (record: AnswerRecord, answered: Bool)] = [:]
        var cells: [String: [String: [String: Bool]]] = [:]
        for register in registers where register.siblings == 1 && register.field != CarryOver.field {
            guard
                let answer = SurveyRecords.answer(
                    record: register.record, scope: register.scope, survey: survey.surveyID),
                answer.municipality == code
            else { continue }
            if let row = answer.row {
                cells[answer.item, default: [:]][row, default: [:]][register.field] = register.hasValue
            } else if register.field == "value" {
                values[answer.item] = (answer, register.hasValue)
            }
        }
        let tested = Set(survey.items.flatMap { [$0.visibleIf?.subject, $0.requiredIf?.subject].compactMap { $0 } })
        var answers: [String: JSONValue] = [:]
        for (item, value) in values where value.answered {
            guard tested.contains(item) else {
                answers[item] = placeholder
                continue
            }
            // Read separately: if it changed meanwhile, the page shows the newer state.
            let register = try store.register(for: try SurveyRecords.answerKey(value.record, field: "value"))
            if register.versions.count == 1 { answers[item] = register.versions[0].value }
        }
        var tables: [String: [String: [String: JSONValue]]] = [:]
        for (item, rows) in cells {
            let answeredRows = rows.filter { $0.value.values.contains(true) }
            if !answeredRows.isEmpty { tables[item] = answeredRows.mapValues { _ in [:] } }
        }
        // Only `completion` of this report is meaningful: the other items' values are placeholders.
        return SurveyCheck.run(survey, answers: answers, tables: tables).completion
    }
}
