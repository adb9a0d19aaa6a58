import Models
import SyncStorage

/// Checks pushed answers against their published survey, as the server holds it: the survey
/// must be open, the item (and for a table row, the column) must exist, and the value must pass
/// the same `QuestionnaireItem.check` the CLI runs.
///
/// An answer to a survey id the server holds no schema for is stored unchecked (beyond its scope
/// and size, which `PushAuthority` always checks): it can only be its own municipality's, and it
/// reaches a report only once a survey of that id is published, where `survey check` and the
/// reports judge it against that schema. The respondent's own code item
/// (the survey's first item validated with `lg_code_check_digit`, A01 in the Osaka survey) must
/// name the municipality of the answer's scope. Surveys are loaded once per batch.
///
/// A survey whose `status` or `items` register is in conflict: open only if every current
/// version says `open`; an answer is valid if any current version of the schema accepts it
/// (both were published by the advisor, and a legitimate answer must not be refused for it).
struct SurveyRules {
    let store: ServerStore
    private var loaded: [String: Published?] = [:]

    init(store: ServerStore) { self.store = store }

    /// A survey as published: its schemas (one per current version) and whether it takes answers.
    struct Published {
        let schemas: [Questionnaire]
        let isOpen: Bool
    }

    /// Why `change` (an answer at `record`) is refused, or nil when it is valid.
    mutating func problem(with change: Change, at record: AnswerRecord) throws(ServiceError) -> (ErrorCode, String)? {
        guard let survey = try published(record.survey) else { return nil }
        guard survey.isOpen else {
            return (
                .surveyClosed,
                "\(change.key): 調査 \(record.survey) は回答を受け付けていません（締切済みまたは未公開） / the survey is not open for answers"
            )
        }
        var last: AnswerProblem?
        for schema in survey.schemas {
            guard let problem = Self.problem(with: change, at: record, in: schema) else { return nil }
            last = problem
        }
        guard let last else { return nil }
        return (.invalidAnswer, "\(change.key): \(last.japanese) / \(last.english)")
    }

    /// The reason one schema refuses the answer, or nil when it accepts it.
    static func problem(with change: Change, at record: AnswerRecord, in schema: Questionnaire) -> AnswerProblem? {
        let value = change.version.value
        guard let item = schema.item(record.item) else {
            return AnswerProblem(record.item, "調査にこの設問はありません", "the survey has no such item")
        }
        let codes: [String: Set<String>] =
            schema.codelists["osaka_municipalities"] != nil
            ? ["osaka_municipalities": Set(OsakaMunicipalities.codes)] : [:]
        if case .table(let columns, _) = item.kind {
            guard let row = record.row else {
                return AnswerProblem(item.id, "表形式の設問は行ごとに回答します", "a table item is answered row by row")
            }
            guard let column = columns.first(where: { $0.id == change.key.field }) else {
                return AnswerProblem("\(item.id).\(row)", "この列はありません", "the table has no such column")
            }
            return column.check(value, path: "\(item.id).\(row).\(column.id)", externalCodes: codes)
        }
        guard record.row == nil, change.key.field == "value" else {
            return AnswerProblem(item.id, "この設問の回答欄は value だけです", "this item is answered in its field `value`")
        }
        if let problem = item.check(value, externalCodes: codes) { return problem }
        if item.id == schema.items.first(where: \.checksMunicipalityCode)?.id, value != .null,
            value != .string(record.municipality)
        {
            return AnswerProblem(item.id, "自団体のコードを入力してください", "enter your own municipality's code")
        }
        return nil
    }

    private mutating func published(_ id: String) throws(ServiceError) -> Published? {
        if let known = loaded[id] { return known }
        let survey: Published?
        do {
            let status = try store.register(for: try RecordKey(validating: "surveys", record: id, field: "status"))
            let items = try store.register(for: try RecordKey(validating: "surveys", record: id, field: "items"))
            let schemas = items.versions.compactMap { try? Questionnaire(json: $0.value) }
            let isOpen = !status.versions.isEmpty && status.versions.allSatisfy { $0.value == .string("open") }
            survey = schemas.isEmpty ? nil : Published(schemas: schemas, isOpen: isOpen)
        } catch {
            throw ServiceError(.internalError, "the server failed to read the survey \(Printable.quoted(id))")
        }
        loaded[id] = survey
        return survey
    }
}
