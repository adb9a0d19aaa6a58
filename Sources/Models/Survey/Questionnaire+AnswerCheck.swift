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
            return AnswerProblem(record.item, "調査にこの設問はありません", "the survey has no such item")
        }
        if field == CarryOver.field { return carryOverProblem(value, item: item, record: record) }
        if case .table(let columns, _) = item.kind {
            guard let row = record.row else {
                return AnswerProblem(item.id, "表形式の設問は行ごとに回答します", "a table item is answered row by row")
            }
            if let rows = item.fixedRows, !rows.contains(where: { $0.code == row }) {
                return AnswerProblem(
                    "\(item.id).\(row)", "この表にその行はありません（行は決まっています）",
                    "the table has fixed rows and this is none of them")
            }
            guard let column = columns.first(where: { $0.id == field }) else {
                return AnswerProblem("\(item.id).\(row)", "この列はありません", "the table has no such column")
            }
            // The full path is built only for a refusal (the server checks every row it receives).
            guard column.check(value, externalCodes: codes) != nil else { return nil }
            return column.check(value, path: "\(item.id).\(row).\(column.id)", externalCodes: codes)
        }
        guard record.row == nil, field == "value" else {
            return AnswerProblem(item.id, "この設問の回答欄は value だけです", "this item is answered in its field `value`")
        }
        if let problem = item.check(value, externalCodes: codes) { return problem }
        if item.id == respondentItem, value != .null, value != .string(record.municipality) {
            return AnswerProblem(item.id, "自団体のコードを入力してください", "enter your own municipality's code")
        }
        return nil
    }

    /// A carry-over marker (`CarryOver`) sits on a record an answer could take: an item's, or a
    /// row (of the fixed rows, if any) of a table; its value is null (confirmed) or a marker.
    private func carryOverProblem(_ value: JSONValue, item: QuestionnaireItem, record: AnswerRecord) -> AnswerProblem? {
        if case .table = item.kind {
            guard let row = record.row else {
                return AnswerProblem(item.id, "表形式の設問は行ごとに回答します", "a table item is answered row by row")
            }
            if let rows = item.fixedRows, !rows.contains(where: { $0.code == row }) {
                return AnswerProblem(
                    "\(item.id).\(row)", "この表にその行はありません（行は決まっています）",
                    "the table has fixed rows and this is none of them")
            }
        } else if record.row != nil {
            return AnswerProblem(item.id, "この設問に行はありません", "this item has no rows")
        }
        guard value != .null else { return nil }
        do { _ = try CarryOver(json: value) } catch {
            return AnswerProblem(item.id, "前年度値の印の形が正しくありません", "\(error)")
        }
        return nil
    }
}
