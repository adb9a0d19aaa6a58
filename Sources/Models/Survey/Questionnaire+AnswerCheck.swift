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
    private let items: [String: Entry]
    private let respondentItem: String?
    private let codes: [String: Set<String>]

    /// An item as the checks read it, worked out once per survey: a class, so that looking one
    /// up for each answer takes one reference instead of copying the item's fields; a table's
    /// columns by id (the first of an id counts) and its fixed row codes.
    private final class Entry: Sendable {
        let item: QuestionnaireItem
        let isTable: Bool
        let columns: [String: Entry]
        let fixedRows: Set<String>?

        init(_ item: QuestionnaireItem) {
            self.item = item
            var columns: [String: Entry] = [:]
            if case .table(let all, _) = item.kind {
                isTable = true
                for column in all where columns[column.id] == nil { columns[column.id] = Entry(column) }
            } else {
                isTable = false
            }
            self.columns = columns
            fixedRows = item.fixedRows.map { Set($0.map(\.code)) }
        }
    }

    public init(_ survey: Questionnaire) {
        let all = survey.items
        var items: [String: Entry] = [:]
        for item in all where items[item.id] == nil { items[item.id] = Entry(item) }
        self.items = items
        respondentItem = all.first(where: \.checksMunicipalityCode)?.id
        codes = OsakaMunicipalities.codelists(for: survey)
    }

    /// Why the survey refuses `value` at `record`'s `field`, or nil when it accepts it. `work`:
    /// the pattern steps the check may take (nil: no bound).
    public func problem(_ value: JSONValue, at record: AnswerRecord, field: String, work: PatternWork? = nil)
        -> AnswerProblem?
    {
        guard let entry = items[record.item] else {
            return AnswerProblem(record.item) { localized("answer.item.unknown", in: $0) }
        }
        if field == CarryOver.field { return carryOverProblem(value, entry: entry, record: record) }
        if entry.isTable {
            guard let row = record.row else {
                return AnswerProblem(entry.item.id) { localized("answer.table.by.row", in: $0) }
            }
            if let rows = entry.fixedRows, !rows.contains(row) {
                return AnswerProblem("\(entry.item.id).\(row)") { localized("answer.table.fixed.rows", in: $0) }
            }
            guard let column = entry.columns[field] else {
                return AnswerProblem("\(entry.item.id).\(row)") { localized("answer.table.no.such.column", in: $0) }
            }
            // The full path is built only for a refusal (the server checks every row it receives),
            // and the value checked once (a pattern check may be long: `TextPattern`).
            return column.item.check(value, externalCodes: codes, work: work)?.at(
                "\(entry.item.id).\(row).\(column.item.id)")
        }
        guard record.row == nil, field == "value" else {
            return AnswerProblem(entry.item.id) { localized("answer.value.field", in: $0) }
        }
        if let problem = entry.item.check(value, externalCodes: codes, work: work) { return problem }
        if entry.item.id == respondentItem, value != .null, value != .string(record.municipality) {
            return AnswerProblem(entry.item.id) { localized("answer.own.code", in: $0) }
        }
        return nil
    }

    /// A carry-over marker (`CarryOver`) sits on a record an answer could take: an item's, or a
    /// row (of the fixed rows, if any) of a table; its value is null (confirmed) or a marker.
    private func carryOverProblem(_ value: JSONValue, entry: Entry, record: AnswerRecord) -> AnswerProblem? {
        let item = entry.item
        if entry.isTable {
            guard let row = record.row else {
                return AnswerProblem(item.id) { localized("answer.table.by.row", in: $0) }
            }
            if let rows = entry.fixedRows, !rows.contains(row) {
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
