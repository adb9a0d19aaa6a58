import Localization

extension Questionnaire {
    /// Why this survey refuses `value` stored at `record`'s `field`, or nil when it accepts it
    /// (see `AnswerSchema`, which callers checking many answers keep instead).
    public func answerProblem(_ value: JSONValue, at record: AnswerRecord, field: String) -> AnswerProblem? {
        AnswerSchema(self).problem(value, at: record, field: field)
    }
}

/// A survey prepared for checking many answers: items by id, the respondent's own code item and
/// the external code lists, worked out once. The one answer rule the server (for every push) and
/// the CLI (for every local write) apply: the item (and for a table row, the column) must exist,
/// the value must pass `QuestionnaireItem.check`, and the respondent's own code item (the first
/// item validated with `lg_code_check_digit`, A01 in the Osaka survey) must name the record's
/// municipality.
public struct AnswerSchema: Sendable {
    private let items: [String: QuestionnaireItem]
    private let respondentItem: String?
    private let codes: [String: Set<String>]

    public init(_ survey: Questionnaire) {
        let all = survey.items
        var items: [String: QuestionnaireItem] = [:]
        for item in all where items[item.id] == nil { items[item.id] = item }
        self.items = items
        respondentItem = all.first(where: \.checksMunicipalityCode)?.id
        codes = OsakaMunicipalities.codelists(for: survey)
    }

    /// Why the survey refuses `value` at `record`'s `field`, or nil when it accepts it.
    public func problem(_ value: JSONValue, at record: AnswerRecord, field: String) -> AnswerProblem? {
        guard let item = items[record.item] else {
            return AnswerProblem(record.item) { localized("answer.item.unknown", in: $0) }
        }
        if field == CarryOver.field { return carryOverProblem(value, item: item, record: record) }
        if case .table(let columns, _) = item.kind {
            guard let row = record.row else {
                return AnswerProblem(item.id) { localized("answer.table.by.row", in: $0) }
            }
            if let rows = item.fixedRows, !rows.contains(where: { $0.code == row }) {
                return AnswerProblem("\(item.id).\(row)") { localized("answer.table.fixed.rows", in: $0) }
            }
            guard let column = columns.first(where: { $0.id == field }) else {
                return AnswerProblem("\(item.id).\(row)") { localized("answer.table.no.such.column", in: $0) }
            }
            // The full path is built only for a refusal (the server checks every row it receives).
            guard column.check(value, externalCodes: codes) != nil else { return nil }
            return column.check(value, path: "\(item.id).\(row).\(column.id)", externalCodes: codes)
        }
        guard record.row == nil, field == "value" else {
            return AnswerProblem(item.id) { localized("answer.value.field", in: $0) }
        }
        if let problem = item.check(value, externalCodes: codes) { return problem }
        if item.id == respondentItem, value != .null, value != .string(record.municipality) {
            return AnswerProblem(item.id) { localized("answer.own.code", in: $0) }
        }
        return nil
    }

    /// A carry-over marker (`CarryOver`) sits on a record an answer could take: an item's, or a
    /// row (of the fixed rows, if any) of a table; its value is null (confirmed) or a marker.
    private func carryOverProblem(_ value: JSONValue, item: QuestionnaireItem, record: AnswerRecord) -> AnswerProblem? {
        if case .table = item.kind {
            guard let row = record.row else {
                return AnswerProblem(item.id) { localized("answer.table.by.row", in: $0) }
            }
            if let rows = item.fixedRows, !rows.contains(where: { $0.code == row }) {
                return AnswerProblem("\(item.id).\(row)") { localized("answer.table.fixed.rows", in: $0) }
            }
        } else if record.row != nil {
            return AnswerProblem(item.id) { localized("answer.no.rows", in: $0) }
        }
        guard value != .null else { return nil }
        do { _ = try CarryOver(json: value) } catch {
            // The English side is the marker's own error, in English whatever the process's language.
            return AnswerProblem(
                item.id, localized("answer.carryover.malformed", in: .japanese), error.description(in: .english))
        }
        return nil
    }
}
